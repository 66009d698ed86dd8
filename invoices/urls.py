from django.urls import path

from . import views

app_name = "invoices"

urlpatterns = [
    path("account/invoices/", views.invoice_list, name="list"),
    path("account/invoices/pay/", views.pay_selected, name="pay_selected"),
    path("account/invoices/paid/", views.selection_paid, name="selection_paid"),
    path("account/invoices/<int:pk>/", views.invoice_detail, name="detail"),
    path("account/invoices/<int:pk>/pdf/", views.invoice_download, name="pdf"),
    path("account/invoices/<int:pk>/pay/card/", views.pay_by_card, name="pay_card"),
    path("account/invoices/<int:pk>/pay/offline/", views.pay_offline, name="pay_offline"),
    path("account/invoices/<int:pk>/paid/", views.checkout_success, name="checkout_success"),
    path("account/receipts/<int:pk>/pdf/", views.receipt_download, name="receipt"),
]
