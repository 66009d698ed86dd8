from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("messages/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("messages/resubscribe/<str:token>/", views.resubscribe, name="resubscribe"),
]
