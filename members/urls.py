from django.contrib.auth import views as auth_views
from django.urls import path

from . import application_views

app_name = "members"

urlpatterns = [
    # Replaced by the member-file issue's login view when it lands.
    path("account/login/", auth_views.LoginView.as_view(), name="login"),
    path("account/membership/", application_views.apply_start, name="apply_start"),
    path("account/membership/", application_views.apply_start, name="apply"),
    path("account/membership/step/<int:step>/", application_views.apply_step, name="apply_step"),
    path("account/membership/status/", application_views.apply_status, name="apply_status"),
    path(
        "account/membership/documents/<int:pk>/",
        application_views.application_document,
        name="application_document",
    ),
    path("account/title/", application_views.title_and_attestations, name="title"),
    path(
        "account/attestations/<int:pk>/",
        application_views.attestation_pdf,
        name="attestation_pdf",
    ),
    path("attestations/verify/", application_views.verify_attestation, name="verify_attestation"),
]
