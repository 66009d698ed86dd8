import datetime
from contextlib import contextmanager
from decimal import Decimal

import pytest
import time_machine

from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from events import services
from events.models import (
    Attendance,
    CancellationRequest,
    Registration,
    RegistrationStatus,
    WaitingListEntry,
    WaitingStatus,
)
from home.errors import NotFound, QuorumError
from home.formatting import format_money
from invoices.models import Invoice, RefundStatus, Series, Status, StripeCheckout
from invoices.services import LineSpec, issue_credit_note, record_payment
from tests.factories import UserFactory
from tests.invoices import stripe_fake
from tests.invoices.factories import today

from .factories import answers, make_event, option, organization_with_delegate, started

pytestmark = pytest.mark.django_db


@contextmanager
def refused(code):
    """The service refuses with the project's error and this stable code."""
    with pytest.raises(QuorumError) as caught:
        yield
    assert caught.value.code == code


def staff(*codenames):
    user = UserFactory(is_staff=True)
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_register_issues_the_invoice_at_the_member_or_non_member_price(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event()
    member, guest = UserFactory(is_member=True), UserFactory(is_member=False)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register(
            event, member, by=member, option=option(event), answers=answers(event)
        )
    second = services.register(event, guest, by=guest, option=option(event), answers=answers(event))
    assert first.invoice.subtotal == Decimal("100.00") and first.invoice.customer == member
    assert second.invoice.subtotal == Decimal("150.00")
    assert first.invoice.gst > 0 and first.invoice.number != second.invoice.number
    assert any(member.email in m.to for m in mailoutbox)


def test_a_required_question_must_be_answered():
    event = make_event()
    person = UserFactory()
    with refused("unanswered"):
        services.register(event, person, by=person, option=option(event), answers={})
    assert not Registration.objects.exists() and not Invoice.objects.exists()


def test_closed_already_registered_and_full_are_refused():
    closed = make_event(
        registration_opens=datetime.datetime(2019, 11, 1, tzinfo=datetime.UTC),
        registration_closes=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    person = UserFactory()
    with refused("closed"):
        services.register(closed, person, by=person, option=option(closed), answers=answers(closed))

    event = make_event(capacity=1)
    services.register(event, person, by=person, option=option(event), answers=answers(event))
    with refused("already_registered"):
        services.register(event, person, by=person, option=option(event), answers=answers(event))
    other = UserFactory()
    with refused("full"):
        services.register(event, other, by=other, option=option(event), answers=answers(event))
    assert Registration.objects.filter(event=event).count() == 1


def test_english_and_french_registrations_share_the_seats():
    event = make_event(capacity=1, english=True)
    english = event.get_translations().get()
    person = UserFactory(language="en")
    registration = services.register(
        english,
        person,
        by=person,
        option=english.options.get(label="Full day"),
        answers=answers(event),
    )
    assert registration.event == event and registration.option.page_id == event.pk
    assert "Full day" in registration.invoice.lines.get().description
    other = UserFactory()
    with refused("full"):
        services.register(event, other, by=other, option=option(event), answers=answers(event))


def test_a_delegate_registers_only_colleagues_of_their_organizations():
    event = make_event()
    _org, delegate, (colleague, _) = organization_with_delegate()
    outsider = UserFactory()
    registration = services.register(
        event, colleague, by=delegate, option=option(event), answers=answers(event)
    )
    assert registration.invoice.customer == colleague
    assert registration.invoice.issued_by == delegate
    with pytest.raises(NotFound):
        services.register(
            event, outsider, by=delegate, option=option(event), answers=answers(event)
        )


def test_the_delegate_neither_gives_nor_changes_sensitive_answers():
    event = make_event()
    _org, delegate, (colleague, _) = organization_with_delegate()
    registration = services.register(
        event,
        colleague,
        by=colleague,
        option=option(event),
        answers=answers(event, dietary="Sans arachides"),
    )
    services.change_registration(
        registration, by=delegate, option=option(event), answers=answers(event, dietary="rien")
    )
    registration.refresh_from_db()
    assert "Sans arachides" in registration.answers.values()
    labels = [q for q, _a in registration.answer_rows(include_sensitive=False)]
    assert "Besoins alimentaires" not in labels


def test_a_change_of_price_credits_the_old_invoice_and_issues_a_new_one():
    event = make_event()
    person = UserFactory(is_member=True)
    registration = services.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    old = registration.invoice
    services.change_registration(
        registration, by=person, option=option(event, "Demi"), answers=answers(event, "Relève")
    )
    registration.refresh_from_db()
    old.refresh_from_db()
    assert registration.invoice != old and registration.invoice.subtotal == Decimal("60.00")
    assert old.status == Status.CANCELLED
    assert old.credit_notes.get().series == Series.CREDIT_NOTE
    assert "Relève" in registration.answers.values()


def test_changes_and_cancellation_requests_stop_one_minute_after_their_deadlines():
    event = make_event()
    person = UserFactory()
    registration = services.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    after_modification = event.modification_deadline + datetime.timedelta(minutes=1)
    with time_machine.travel(after_modification), refused("deadline_passed"):
        services.change_registration(
            registration, by=person, option=option(event, "Demi"), answers=answers(event)
        )
    after_cancellation = event.cancellation_deadline + datetime.timedelta(minutes=1)
    with time_machine.travel(after_cancellation), refused("deadline_passed"):
        services.request_cancellation(registration, by=person, reason="Imprévu")
    with time_machine.travel(event.cancellation_deadline - datetime.timedelta(minutes=1)):
        request = services.request_cancellation(registration, by=person, reason="Imprévu")
    assert request.requested_at < event.cancellation_deadline


def test_approved_cancellation_credits_frees_the_seat_and_offers_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    person, waiting = UserFactory(), UserFactory(language="en")
    registration = services.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    companion = services.add_companion(registration, by=person, name="Conjoint Test")
    services.join_waiting_list(
        event, waiting, by=waiting, option=option(event), answers=answers(event)
    )
    request = services.request_cancellation(registration, by=person, reason="Malade")
    with refused("forbidden"):
        services.approve_cancellation(request, by=UserFactory())
    approver = staff("decide_cancellation")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_cancellation(request, by=approver)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.invoice.credit_notes.count() == 1
    assert companion.invoice.credit_notes.count() == 1
    request.refresh_from_db()
    assert request.decided_by == approver
    entry = WaitingListEntry.objects.get(person=waiting)
    assert entry.status == WaitingStatus.OFFERED
    assert [m.subject for m in mailoutbox if waiting.email in m.to][0].startswith("A seat")


def test_waiting_list_offer_is_accepted_or_passes_on_when_it_expires(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    holder, first, second = UserFactory(), UserFactory(), UserFactory()
    registration = services.register(
        event, holder, by=holder, option=option(event), answers=answers(event)
    )
    for person in (first, second):
        with refused("full"):
            services.register(
                event, person, by=person, option=option(event), answers=answers(event)
            )
        services.join_waiting_list(
            event, person, by=person, option=option(event), answers=answers(event)
        )
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        offered = services.offer_freed_seats(event)
    assert [e.person for e in offered] == [first]
    assert any("registrations/offer/" in m.body for m in mailoutbox if first.email in m.to)
    # the held seat is not given to someone else
    with refused("full"):
        services.register(event, second, by=second, option=option(event), answers=answers(event))
    with time_machine.travel(offered[0].offer_expires_at + datetime.timedelta(minutes=1)):
        assert services.offer_all_freed_seats() == 1
        assert WaitingListEntry.objects.get(person=first).status == WaitingStatus.EXPIRED
        token = WaitingListEntry.objects.get(person=second).offer_token
        new = services.accept_offer(token, by=second)
    assert new.person == second and new.invoice is not None


def test_companion_has_its_own_card_only_invoice():
    event = make_event(kind="congress")
    _org, delegate, (colleague, _) = organization_with_delegate()
    registration = services.register(
        event, colleague, by=delegate, option=option(event), answers=answers(event)
    )
    companion = services.add_companion(
        registration, by=delegate, name="Conjointe Test", dietary_needs="Végétarienne"
    )
    assert companion.invoice.card_only and companion.invoice.customer == colleague
    assert companion.invoice != registration.invoice
    assert companion.invoice.subtotal == Decimal("145.00")


def test_attendance_is_recorded_for_a_whole_list():
    event = make_event()
    people = [UserFactory() for _ in range(3)]
    registrations = [
        services.register(event, p, by=p, option=option(event), answers=answers(event))
        for p in people
    ]
    started(event)
    with refused("forbidden"):
        services.record_attendance(event, by=UserFactory(), attended=[])
    recorder = staff("record_attendance")
    assert (
        services.record_attendance(
            event, by=recorder, attended=[registrations[0].pk, registrations[2].pk]
        )
        == 3
    )
    assert list(
        Attendance.objects.order_by("registration_id").values_list("attended", flat=True)
    ) == [True, False, True]
    assert CancellationRequest.objects.count() == 0


def _member_registered():
    """A member registered to a new training (its invoice issued, nothing paid yet)."""
    event = make_event()
    person = UserFactory(is_member=True)
    return services.register(event, person, by=person, option=option(event), answers=answers(event))


def _credit_note_mail(person):
    [message] = [m for m in mail.outbox if m.to == [person.email] and "crédit" in m.subject]
    return message.body


def _changed_to_half_day(registration):
    event, person = registration.event, registration.person
    services.change_registration(
        registration, by=person, option=option(event, "Demi"), answers=answers(event)
    )
    registration.refresh_from_db()
    return registration


def test_a_change_of_price_after_a_cheque_gives_the_payment_back_through_staff(
    django_capture_on_commit_callbacks,
):
    """The old invoice paid by cheque: its credit note leaves a refund for staff to make, in
    their refunds list, instead of money the member can no longer see on any bill."""
    registration = _member_registered()
    person = registration.person
    old = registration.invoice
    record_payment(old, amount=old.total, method="cheque", received_at=today(), by=None)
    with django_capture_on_commit_callbacks(execute=True):
        registration = _changed_to_half_day(registration)
    refund = old.credit_notes.get().refunds.get()
    assert refund.status == RefundStatus.TO_REFUND and refund.amount == old.total
    assert registration.invoice.status == Status.TO_PAY
    assert registration.invoice.total < old.total
    amount = format_money(old.total, "fr")
    assert f"L’association vous remboursera {amount}." in _credit_note_mail(person)


def test_a_change_of_price_after_a_card_payment_refunds_the_card(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    fake_stripe = stripe_fake.install(monkeypatch)
    registration = _member_registered()
    person = registration.person
    old = registration.invoice
    client.force_login(person)
    client.post(reverse("invoices:pay_card", args=[old.pk]))
    session = fake_stripe.pay(StripeCheckout.objects.get(invoice=old).session_id)
    stripe_fake.post_event(client, stripe_fake.event("checkout.session.completed", session))
    with django_capture_on_commit_callbacks(execute=True):
        _changed_to_half_day(registration)
    [(_, _, params, _key)] = fake_stripe.posts("/v1/refunds")
    assert params["amount"] == str(int(old.total * 100))
    assert params["payment_intent"] == old.payments.get().stripe_payment_intent_id
    amount = format_money(old.total, "fr")
    assert f"Un remboursement de {amount} est fait sur la carte" in _credit_note_mail(person)


def test_a_change_of_price_before_any_payment_refunds_nothing(django_capture_on_commit_callbacks):
    registration = _member_registered()
    person = registration.person
    old = registration.invoice
    with django_capture_on_commit_callbacks(execute=True):
        _changed_to_half_day(registration)
    assert not old.credit_notes.get().refunds.exists()
    assert "rembours" not in _credit_note_mail(person)


def test_a_cancellation_is_approved_after_staff_credited_part_of_the_invoice(
    django_capture_on_commit_callbacks,
):
    """Staff had credited part of a paid registration (a day missed, say); approving the
    person's cancellation later credits and refunds the rest instead of refusing it."""
    registration = _member_registered()
    person = registration.person
    invoice = registration.invoice
    record_payment(invoice, amount=invoice.total, method="cheque", received_at=today(), by=None)
    partial = issue_credit_note(
        invoice, reason="Geste", by=None, lines=[LineSpec("Rabais", Decimal("10.00"))]
    )
    request = services.request_cancellation(registration, by=person, reason="Imprévu")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_cancellation(request, by=staff("decide_cancellation"))
    registration.refresh_from_db()
    invoice.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert invoice.status == Status.CANCELLED
    rest = invoice.credit_notes.exclude(pk=partial.pk).get()
    assert rest.total == invoice.total - partial.total
    assert rest.refunds.get().amount == rest.total


def test_a_person_holding_an_offered_seat_who_registers_by_the_form_takes_that_seat():
    """The offer's link is not the only way back: registering on the event's page takes the
    seat held for the person, instead of finding it full (their own held seat counted against
    them) or, with a seat to spare, holding a second one for two days."""
    event = make_event(capacity=1)
    holder, waiting, other = UserFactory(), UserFactory(), UserFactory()
    registration = services.register(
        event, holder, by=holder, option=option(event), answers=answers(event)
    )
    services.join_waiting_list(
        event, waiting, by=waiting, option=option(event), answers=answers(event)
    )
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.CANCELLED)
    [entry] = services.offer_freed_seats(event)
    services.register(event, waiting, by=waiting, option=option(event), answers=answers(event))
    entry.refresh_from_db()
    assert entry.status == WaitingStatus.ACCEPTED
    assert services.seats_taken(event) == 1
    with refused("full"):
        services.register(event, other, by=other, option=option(event), answers=answers(event))
