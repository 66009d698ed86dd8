"""The e-mails events send besides the confirmations: cancellation request received (and the
staff alert), waiting list joined, and the delegate's copies of what their colleagues get."""

import pytest

from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

from events import services
from invoices.services import issue_credit_note, record_payment
from tests.factories import UserFactory, association_settings

from .factories import answers, make_event, option, organization_with_delegate

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """`with sent(): ...` runs the e-mails queued after commit inside the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


def association(email="", staff_alert_email=""):
    return association_settings(email=email, staff_alert_email=staff_alert_email)


def register(event, person, by=None):
    return services.register(
        event, person, by=by or person, option=option(event), answers=answers(event)
    )


def test_a_cancellation_request_is_acknowledged_and_staff_alerted(sent):
    association(email="info@quorum.example", staff_alert_email="equipe@quorum.example")
    event = make_event(title="Congrès annuel", english=True)
    person = UserFactory(email="p@example.org", language="en")
    registration = register(event, person)
    mail.outbox.clear()
    with sent():
        services.request_cancellation(registration, by=person, reason="Conflit d'horaire")
    (acknowledgement,) = to("p@example.org")
    assert acknowledgement.subject == "Cancellation request received: Congrès annuel (EN)"
    assert "stays confirmed" in acknowledgement.body
    (alert,) = to("equipe@quorum.example")
    # Staff read the alert in the site's language, with the reason and where to decide.
    assert alert.subject == "Demande d’annulation : Congrès annuel"
    assert "Conflit d'horaire" in alert.body and "/admin/events/cancellations/" in alert.body
    assert to("info@quorum.example") == []


@pytest.mark.parametrize(
    ("contact", "alerts", "expected"),
    [
        ("info@quorum.example", "", ["info@quorum.example"]),
        ("", "", []),
    ],
)
def test_staff_alerts_fall_back_on_the_contact_email(sent, contact, alerts, expected):
    association(email=contact, staff_alert_email=alerts)
    event = make_event()
    person = UserFactory(email="p@example.org")
    registration = register(event, person)
    mail.outbox.clear()
    with sent():
        services.request_cancellation(registration, by=person, reason="Malade")
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        ["p@example.org", *expected]
    )


def test_joining_the_waiting_list_is_confirmed_in_the_persons_language(sent):
    event = make_event(title="Formation complète", capacity=1, english=True)
    register(event, UserFactory())
    person = UserFactory(email="attente@example.org", language="en")
    with sent():
        services.join_waiting_list(
            event, person, by=person, option=option(event), answers=answers(event)
        )
        # Joining again changes nothing and sends nothing more.
        services.join_waiting_list(
            event, person, by=person, option=option(event), answers=answers(event)
        )
    (message,) = to("attente@example.org")
    assert message.subject == "Waiting list: Formation complète (EN)"
    assert "(option: Full day)" in message.body


def test_the_delegate_gets_a_copy_in_their_language_of_what_a_colleague_gets(sent):
    _organization, delegate, (colleague, _other) = organization_with_delegate()
    delegate.language = "en"
    delegate.save()
    event = make_event(title="Colloque", english=True)
    with sent():
        registration = register(event, colleague, by=delegate)
    number = registration.invoice.number
    assert sorted(m.subject for m in to(colleague.email)) == [
        f"Facture {number}",
        "Inscription confirmée : Colloque",
    ]
    copies = {m.subject: m for m in to(delegate.email)}
    assert sorted(copies) == [
        f"Copy: Invoice {number}",
        "Copy: Registration confirmed: Colloque (EN)",
    ]
    invoice_copy = copies[f"Copy: Invoice {number}"]
    name = colleague.get_full_name()
    assert invoice_copy.body.startswith(
        f"Copy for your information: this message was sent to {name}, whom you registered."
    )
    assert invoice_copy.attachments[0][0].endswith(".pdf")
    assert "$" in invoice_copy.body and '<html lang="en">' in invoice_copy.alternatives[0][0]

    # The receipt and the credit note reach the delegate too.
    mail.outbox.clear()
    staff = UserFactory(is_staff=True)
    with sent():
        record_payment(
            registration.invoice,
            amount="10",
            method="cheque",
            received_at=timezone.localdate(),
            by=staff,
        )
    assert [m.subject for m in to(delegate.email)] == [
        f"Copy: Payment received for invoice {number}"
    ]
    assert "We received $10.00" in to(delegate.email)[0].body
    assert "Nous avons reçu 10,00" in to(colleague.email)[0].body
    mail.outbox.clear()
    with sent():
        issue_credit_note(registration.invoice, reason="Erreur", by=staff)
    assert [m.subject.split(" NC")[0] for m in to(delegate.email)] == ["Copy: Credit note"]


def test_people_who_register_themselves_get_no_copy(sent):
    _organization, delegate, _colleagues = organization_with_delegate()
    event = make_event()
    with sent():
        register(event, delegate)
    assert len(to(delegate.email)) == 2  # the confirmation and the invoice, once each
    assert not any(m.subject.startswith(("Copie", "Copy")) for m in mail.outbox)


def test_the_delegate_gets_a_copy_of_a_cancellation_they_requested(sent):
    _organization, delegate, (colleague, _other) = organization_with_delegate()
    event = make_event()
    registration = register(event, colleague, by=delegate)
    mail.outbox.clear()
    with sent():
        services.request_cancellation(registration, by=delegate, reason="Départ")
    assert [m.subject for m in to(colleague.email)] == [
        "Demande d’annulation reçue : Formation test"
    ]
    assert [m.subject for m in to(delegate.email)] == [
        "Copie : Demande d’annulation reçue : Formation test"
    ]
    approver = UserFactory(is_staff=True)
    approver.user_permissions.add(Permission.objects.get(codename="decide_cancellation"))
    mail.outbox.clear()
    with sent():
        services.approve_cancellation(registration.cancellation_requests.get(), by=approver)
    assert sorted(m.subject for m in to(delegate.email)) == [
        "Copie : Inscription annulée : Formation test",
        "Copie : Note de crédit NC-000001",
    ]


def test_a_delegates_change_of_price_copies_the_credit_note_and_the_new_invoice(sent):
    _organization, delegate, (colleague, _other) = organization_with_delegate()
    event = make_event()
    registration = register(event, colleague, by=delegate)
    old = registration.invoice.number
    mail.outbox.clear()
    with sent():
        registration = services.change_registration(
            registration, by=delegate, option=option(event, "Demi"), answers=answers(event)
        )
    new = registration.invoice.number
    assert new != old
    subjects = sorted(m.subject for m in to(delegate.email))
    assert len(subjects) == 3
    assert subjects[0] == f"Copie : Facture {new}"
    assert subjects[1] == "Copie : Inscription modifiée : Formation test"
    assert subjects[2].startswith("Copie : Note de crédit NC-")
    credit_note_copy = next(m for m in to(delegate.email) if "Note de crédit" in m.subject)
    assert old in credit_note_copy.body
