"""Staff hear of a new (or resubmitted) membership application at the address set in the
association settings."""

import pytest

from django.core import mail

from tests.factories import FunctionFactory, UserFactory, association_settings

from .test_applications import submitted_application

pytestmark = pytest.mark.django_db


def test_a_submitted_application_alerts_staff(django_capture_on_commit_callbacks):
    association_settings(email="info@quorum.example", staff_alert_email="adhesions@quorum.example")
    applicant = UserFactory(
        first_name="Zoé", last_name="D'Amours", email="zoe@example.org", language="en"
    )
    FunctionFactory(user=applicant)
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted_application(applicant)
    (alert,) = [m for m in mail.outbox if m.to == ["adhesions@quorum.example"]]
    assert alert.subject == "Nouvelle demande d’adhésion : Zoé D'Amours"
    assert "zoe@example.org" in alert.body
    assert f"/admin/membership-applications/{application.pk}/" in alert.body
    # The applicant's own acknowledgement stays in their language.
    (received,) = [m for m in mail.outbox if m.to == ["zoe@example.org"]]
    assert received.subject == "We received your membership application"


def test_no_address_no_alert(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submitted_application()
    assert len(mail.outbox) == 1  # the applicant's acknowledgement only
