from django.urls import path

from . import views

app_name = "membership"

urlpatterns = [
    path("account/membership/", views.apply_start, name="apply"),
    path("account/membership/step/<int:step>/", views.apply_step, name="apply_step"),
    path("account/membership/status/", views.apply_status, name="apply_status"),
    path(
        "account/membership/documents/<int:pk>/",
        views.application_document,
        name="application_document",
    ),
    path("account/membership/renew/", views.renew, name="renew"),
    path(
        "account/membership/organizations/<int:pk>/renewals/",
        views.delegate_renewals,
        name="delegate_renewals",
    ),
    path("account/title/", views.title_and_attestations, name="title"),
    path("account/attestations/<int:pk>/", views.attestation_pdf, name="attestation_pdf"),
    path("attestations/verify/", views.verify_attestation, name="verify_attestation"),
]
