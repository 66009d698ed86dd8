"""The audit log: what services change is recorded with who did it, shows in the object's
history and in the site history report; no service takes a `by` it then ignores."""

import ast
from pathlib import Path

import pytest

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import ModelLogEntry

from events import services as events
from members import services as members
from members.deletion import process_deletion_request, request_deletion
from members.models import DelegateGrant
from membership import services as membership
from membership.models import ApplicationDocument
from tests.events.factories import (
    answers,
    make_event,
    option,
    organization_with_delegate,
    started,
)
from tests.factories import FunctionFactory, OrganizationFactory, UserFactory, speaks
from tests.membership.pdfs import valid_pdf

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def staff(*codenames, **fields):
    user = UserFactory(is_staff=True, **fields)
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def in_english(user):
    """The admin speaks the staff member's language: these tests read its English labels."""
    speaks(user, "en")
    return user


def entries(instance):
    return list(
        ModelLogEntry.objects.for_instance(instance)
        .order_by("timestamp", "pk")
        .values_list("action", "user_id")
    )


def test_registration_cancellation_and_attendance_are_logged_with_who_did_them():
    event = make_event()
    _organization, delegate, (colleague, other) = organization_with_delegate()
    registration = events.register(
        event, colleague, by=delegate, option=option(event), answers=answers(event)
    )
    kept = events.register(event, other, by=other, option=option(event), answers=answers(event))
    request = events.request_cancellation(registration, by=colleague, reason="Malade")
    approver = staff("decide_cancellation")
    events.approve_cancellation(request, by=approver)
    started(event)  # attendance is recorded from the day the event starts
    recorder = staff("record_attendance")
    events.record_attendance(event, by=recorder, attended=[kept.pk])

    assert entries(registration) == [
        ("events.registered", delegate.pk),
        ("events.registration_cancelled", approver.pk),
    ]
    assert entries(request) == [
        ("events.cancellation_requested", colleague.pk),
        ("events.cancellation_approved", approver.pk),
    ]
    assert entries(kept) == [
        ("events.registered", other.pk),
        ("events.attendance_recorded", recorder.pk),
    ]
    attendance = ModelLogEntry.objects.for_instance(kept).get(action="events.attendance_recorded")
    assert attendance.data == {"attended": True}


def test_membership_decisions_and_attestations_are_logged():
    applicant = FunctionFactory().user
    application = membership.start_application(applicant, by=applicant)
    application.accepts_code_of_ethics = application.certifies_accuracy = True
    application.save()
    membership.attach_document(
        application,
        kind=ApplicationDocument.Kind.HIRING_RESOLUTION,
        upload=SimpleUploadedFile("r.pdf", valid_pdf()),
        by=applicant,
    )
    membership.submit_application(application, by=applicant)
    reviewer = staff("review_application")
    membership.request_document(application, by=reviewer, message="Le diplôme")
    membership.submit_application(application, by=applicant)
    membership.approve_application(application, by=reviewer)
    assert [action for action, _user in entries(application)] == [
        "membership.application_started",
        "membership.document_attached",
        "membership.application_submitted",
        "membership.document_requested",
        "membership.application_submitted",
        "membership.application_approved",
    ]
    assert entries(application)[-1] == ("membership.application_approved", reviewer.pk)


def test_application_history_is_shown_to_reviewers_only(client):
    applicant = FunctionFactory().user
    application = membership.start_application(applicant, by=applicant)
    url = reverse("membership_applications:history", args=[application.pk])
    client.force_login(staff("access_admin"))
    refused = client.get(url)  # Wagtail's admin answers a refusal by sending to its home
    assert (refused.status_code, refused.url) == (302, "/admin/")
    client.force_login(in_english(staff("review_application", "access_admin")))
    response = client.get(url)
    assert response.status_code == 200
    assert "Membership application started" in response.content.decode()


def test_member_file_changes_and_deletion_are_logged():
    person = UserFactory()
    members.update_interests(person, interests=[], by=person)
    members.update_information(
        person,
        information={"allergies_consent": True, "allergies": "Arachides"},
        professional_orders=[],
        by=person,
    )
    deletion = request_deletion(person, by=person)
    officer = staff("change_deletionrequest")
    process_deletion_request(deletion, by=officer)
    assert entries(person) == [
        ("members.interests_changed", person.pk),
        ("members.information_changed", person.pk),
        ("members.anonymised", officer.pk),
    ]
    assert entries(deletion) == [
        ("members.deletion_requested", person.pk),
        ("members.deletion_processed", officer.pk),
    ]
    # Health data never reaches the log.
    assert "Arachides" not in str(list(ModelLogEntry.objects.values_list("data", flat=True)))


def test_delegate_grant_from_the_admin_is_logged_and_shown_in_history_and_site_history(client):
    admin = in_english(
        UserFactory(is_staff=True, is_superuser=True, first_name="Ada", last_name="Admin")
    )
    person, organization = UserFactory(), OrganizationFactory(name="Ville Témoin")
    client.force_login(admin)
    response = client.post(
        reverse("member_delegates:add"), {"user": person.pk, "organization": organization.pk}
    )
    assert response.status_code == 302
    grant = DelegateGrant.objects.get(user=person, organization=organization)
    assert grant.granted_by == admin
    assert entries(grant) == [("members.delegate_granted", admin.pk)]

    history = client.get(reverse("member_delegates:history", args=[grant.pk]))
    assert history.status_code == 200
    assert "Delegate role granted" in history.content.decode()

    report = client.get(reverse("wagtailadmin_reports:site_history"))
    assert report.status_code == 200
    assert "Delegate role granted" in report.content.decode()

    response = client.post(reverse("member_delegates:delete", args=[grant.pk]))
    assert response.status_code == 302
    assert not DelegateGrant.objects.exists()
    report = client.get(reverse("wagtailadmin_reports:site_history"))
    assert "Delegate role revoked" in report.content.decode()


def test_registration_history_view_lists_the_service_actions(client):
    event = make_event()
    person = UserFactory()
    registration = events.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    client.force_login(in_english(UserFactory(is_staff=True, is_superuser=True)))
    response = client.get(reverse("event_registrations:history", args=[registration.pk]))
    assert response.status_code == 200
    assert "Registered to the event" in response.content.decode()


def _services_ignoring_by():
    """(module, function) for every service function with a `by` parameter never used."""
    ignored = []
    for app in ("members", "membership", "events"):
        path = ROOT / app / "services.py"
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            arguments = [a.arg for a in node.args.args + node.args.kwonlyargs]
            if "by" not in arguments:
                continue
            used = any(isinstance(inner, ast.Name) and inner.id == "by" for inner in ast.walk(node))
            if not used:
                ignored.append(f"{app}.services.{node.name}")
    return ignored


def test_no_service_takes_a_by_it_ignores():
    assert _services_ignoring_by() == []
