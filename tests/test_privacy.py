"""Law 25 end to end: "download my data" holds every model that points to the person; a
processed deletion request erases or anonymises all of it except the tax records; login logs
and expired tokens are purged after the retention set in the admin."""

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry

from events import services as events
from events.models import Registration, WaitingListEntry
from home import privacy
from home.models import PrivacySettings
from invoices.models import Invoice
from members import services as members
from members.deletion import process_deletion_request, request_deletion
from members.models import User
from membership import services as membership
from membership.models import ApplicationDocument, Attestation, CreditEntry, MembershipApplication
from tests.events.factories import answers, make_event, option
from tests.factories import DelegateGrantFactory, FunctionFactory, OrganizationFactory
from tests.members.factories import AddressFactory, interest
from tests.membership.pdfs import valid_pdf

pytestmark = pytest.mark.django_db


def models_pointing_to_the_user():
    """Every model with a foreign key, one-to-one or many-to-many field to the user model."""
    user_model = get_user_model()
    labels = set()
    for model in apps.get_models(include_auto_created=False):
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and field.concrete
                and field.related_model is user_model
                and field.model is model
            ):
                labels.add(model._meta.label)
    labels |= {
        relation.related_model._meta.label
        for relation in user_model._meta.related_objects
        if not relation.related_model._meta.auto_created
    }
    return labels


def test_every_model_pointing_to_the_user_is_exported_or_exempt_with_a_reason():
    pointing = models_pointing_to_the_user()
    # The walk sees the project's models (it would pass vacuously otherwise).
    assert {"members.Address", "events.Registration", "membership.Attestation"} <= pointing
    assert {"invoices.Invoice", "invoices.Payment"} <= pointing
    exempt = privacy.exempt_models()
    assert all(reason.strip() for reason in exempt.values())
    missing = pointing - privacy.exported_models() - set(exempt)
    assert missing == set(), f"add these to a home.privacy section: {sorted(missing)}"
    # Nothing the project owns is waved through as "staff work".
    project = {"home", "guide", "invoices", "members", "membership", "events"}
    assert not {label for label in exempt if label.split(".")[0] in project}


@pytest.fixture
def person():
    """A member with something in every section."""
    organization = OrganizationFactory(name="Ville de Lévis")
    user = FunctionFactory(
        user__first_name="Zoé",
        user__last_name="D'Amours",
        user__username="zdamours",
        user__email="zoe@example.org",
        organization=organization,
        title="Greffière",
    ).user
    AddressFactory(user=user, city="Rimouski")
    user.interests.add(interest("Finances", "Finance")[0])
    members.update_information(
        user,
        information={"allergies_consent": True, "allergies": "Arachides"},
        professional_orders=[],
        by=user,
    )
    members.update_subscriptions(user, subscribed=["newsletter"], by=user)
    DelegateGrantFactory(user=user, organization=organization)

    event = make_event(title="Budget 101")
    registration = events.register(
        event, user, by=user, option=option(event), answers=answers(event, dietary="Sans gluten")
    )
    full = make_event(title="Gala complet", capacity=0)
    events.join_waiting_list(
        full, user, by=user, option=option(full), answers=answers(full, dietary="Végétarien")
    )
    cancelled = make_event(title="Atelier annulé")
    other = events.register(
        cancelled, user, by=user, option=option(cancelled), answers=answers(cancelled)
    )
    request = events.request_cancellation(other, by=user, reason="Conflit d'horaire")
    approver = User.objects.create(username="approver", is_staff=True)
    approver.user_permissions.add(Permission.objects.get(codename="decide_cancellation"))
    events.approve_cancellation(request, by=approver)

    application = membership.start_application(user, by=user)
    application.statement = "Je souhaite rejoindre le Cercle."
    application.save()
    membership.attach_document(
        application,
        kind=ApplicationDocument.Kind.HIRING_RESOLUTION,
        upload=SimpleUploadedFile("resolution.pdf", valid_pdf()),
        by=user,
    )
    membership.award_training_credits(
        user,
        source_key="budget",
        earned_on=datetime.date(2026, 3, 1),
        credits=Decimal("7"),
        label_fr="Budget 101",
        label_en="Budgeting 101",
        by=None,
    )
    AccessLog.objects.create(username="zdamours", ip_address="203.0.113.7", user_agent="Firefox")
    AccessAttempt.objects.create(
        username="zoe@example.org", ip_address="203.0.113.7", failures_since_start=2
    )
    user.registration = registration
    return user


def test_download_my_data_holds_everything_about_the_person(client, person):
    client.force_login(person)
    response = client.get("/fr/account/file/my-data.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["last_name"] == "D'Amours"
    assert data["account"]["information"]["allergies"] == "Arachides"
    assert data["account"]["interests"] == ["Finances"]
    assert data["addresses"]["work"]["city"] == "Rimouski"
    assert data["functions"][0]["title"] == "Greffière"
    assert data["subscriptions"]["newsletter"]["subscribed"] is True
    assert data["delegate_grants"][0]["organization"] == "Ville de Lévis"
    registrations = {r["event"]: r for r in data["registrations"]}
    assert {"question": "Besoins alimentaires", "answer": "Sans gluten"} in registrations[
        "Budget 101"
    ]["answers"]
    cancellation = registrations["Atelier annulé"]["cancellation_requests"][0]
    assert cancellation["reason"] == "Conflit d'horaire"
    assert data["waiting_lists"][0]["event"] == "Gala complet"
    money = data["invoices"]
    assert len(money["invoices_and_credit_notes"]) == 3  # two invoices, one credit note
    assert money["invoices_and_credit_notes"][0]["billed_name"] == "Zoé D'Amours"
    assert "six years" in money["kept_after_deletion"]
    application = data["membership_applications"][0]
    assert application["statement"] == "Je souhaite rejoindre le Cercle."
    assert application["documents"][0]["original_name"] == "resolution.pdf"
    assert data["attestations"][0]["holder_name"] == "Zoé D'Amours"
    assert data["credits"][0]["credits"] == "7.00"
    assert "203.0.113.7" in [log["address"] for log in data["login_history"]["logins"]]
    assert data["login_history"]["failed"][0]["failures"] == 2
    assert any(row["action"] == "events.registered" for row in data["audit_trail"])


def private_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_processing_a_deletion_request_erases_all_but_the_tax_records(
    client, person, django_capture_on_commit_callbacks
):
    stored = [d.file.path for d in ApplicationDocument.objects.filter(application__user=person)]
    assert stored and all(Path(p).exists() for p in stored)
    code = Attestation.objects.get(user=person).code
    invoices_before = list(
        Invoice.objects.filter(customer=person).values_list("number", "billed_name", "total")
    )
    session = SessionStore()
    session["_auth_user_id"] = str(person.pk)
    session.create()
    deletion = request_deletion(person, by=person)
    officer = User.objects.create(username="officer", is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        process_deletion_request(deletion, by=officer)

    person.refresh_from_db()
    assert person.first_name == "" and person.email is None and not person.is_active
    assert not person.addresses.exists() and not person.functions.exists()
    assert not person.delegate_grants.exists() and person.allergies == ""
    # Allergy (and every other) answers are gone from registrations and the waiting list.
    assert list(Registration.objects.filter(person=person).values_list("answers", flat=True)) == [
        {},
        {},
    ]
    assert not WaitingListEntry.objects.filter(person=person).exists()
    # The application and its PDFs, in the database and on disk.
    assert not MembershipApplication.objects.filter(user=person).exists()
    assert not any(Path(p).exists() for p in stored)
    assert not CreditEntry.objects.filter(user=person).exists()
    # Login logs under the username or the e-mail, and open sessions.
    assert not AccessLog.objects.filter(username="zdamours").exists()
    assert not AccessAttempt.objects.filter(username="zoe@example.org").exists()
    assert not Session.objects.filter(session_key=session.session_key).exists()
    # Tax records are kept as issued (six years, Quebec tax law).
    assert (
        list(Invoice.objects.filter(customer=person).values_list("number", "billed_name", "total"))
        == invoices_before
    )
    # The audit log keeps what was done, without the name.
    assert ModelLogEntry.objects.filter(action="events.registered").exists()
    assert not ModelLogEntry.objects.filter(label__contains="Amours").exists()
    # The attestation still checks out, without a name.
    attestation = Attestation.objects.get(user=person)
    assert attestation.holder_name == ""
    html = client.get(f"/en/attestations/verify/?code={code}").content.decode()
    assert "This attestation is authentic." in html
    assert "Amours" not in html
    assert "Name withheld" in html


def test_purge_removes_login_logs_and_expired_tokens_past_the_retention_set_in_the_admin():
    settings_ = PrivacySettings.load()
    settings_.login_log_days, settings_.expired_token_days = 90, 7
    settings_.save()
    now = timezone.now()
    old, recent = (
        AccessLog.objects.create(username="a", ip_address="203.0.113.1"),
        AccessLog.objects.create(username="b", ip_address="203.0.113.2"),
    )
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=now - datetime.timedelta(days=91))
    AccessLog.objects.filter(pk=recent.pk).update(attempt_time=now - datetime.timedelta(days=89))
    expired_session = SessionStore()
    expired_session.create()
    Session.objects.filter(session_key=expired_session.session_key).update(
        expire_date=now - datetime.timedelta(minutes=1)
    )
    event = make_event(capacity=1)
    person = FunctionFactory().user
    entry = events.join_waiting_list(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    WaitingListEntry.objects.filter(pk=entry.pk).update(
        status="expired", offer_token="stale-token", offer_expires_at=now
    )

    output = io.StringIO()
    call_command("purge_personal_data", stdout=output)
    assert "login_logs: 1" in output.getvalue()

    assert list(AccessLog.objects.values_list("username", flat=True)) == ["b"]
    assert not Session.objects.filter(session_key=expired_session.session_key).exists()
    entry.refresh_from_db()
    assert entry.offer_token == ""


def test_the_scheduler_runs_the_purge_daily():
    from home.management.commands.run_scheduler import JOBS

    assert ("purge_personal_data", 24 * 60) in [(job.__name__, minutes) for job, minutes in JOBS]
