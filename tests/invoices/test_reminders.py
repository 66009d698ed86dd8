"""Unpaid-invoice reminders: a week and a month after the due date (the issue date when there
is none), once each, in the invoice's language, with the amount due and the link; none once
paid, cancelled, credited, for a credit note, or for a debt older than the catch-up week."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from home.models import SentReminder
from invoices.services import LineSpec, issue_credit_note, record_payment
from tests.factories import UserFactory
from tests.reminders import at, send_reminders_at

from .factories import make_invoice

pytestmark = pytest.mark.django_db

ISSUED = at(2026, 3, 2, 10)
DUE = datetime.date(2026, 3, 16)


def invoice(language="fr", **kwargs):
    with time_machine.travel(ISSUED, tick=False):
        return make_invoice(UserFactory(language=language), language=language, **kwargs)


def on(day, capture, hour=8):
    return send_reminders_at(at(day.year, day.month, day.day, hour), capture)


def test_a_week_then_a_month_after_the_due_date_once_each(django_capture_on_commit_callbacks):
    sent = invoice(due_date=DUE)
    capture = django_capture_on_commit_callbacks
    assert on(DUE + datetime.timedelta(days=6), capture, hour=23) == []
    [first] = on(DUE + datetime.timedelta(days=7), capture, hour=0)
    assert first.to == [sent.billed_email]
    assert first.subject == f"Rappel : la facture {sent.number} est impayée"
    assert "échue le 16 mars 2026" in first.body
    assert "Montant dû : 114,98\u00a0$" in first.body
    assert f"/fr/account/invoices/{sent.pk}/" in first.body
    assert on(DUE + datetime.timedelta(days=7), capture, hour=12) == []
    assert on(DUE + datetime.timedelta(days=29), capture) == []
    [second] = on(DUE + datetime.timedelta(days=30), capture)
    assert second.subject == first.subject
    assert on(DUE + datetime.timedelta(days=31), capture) == []
    assert on(DUE + datetime.timedelta(days=90), capture) == []
    assert SentReminder.objects.filter(about=sent.number).count() == 2


def test_in_english_with_the_balance_after_a_partial_payment(django_capture_on_commit_callbacks):
    sent = invoice(language="en", due_date=DUE)
    with time_machine.travel(ISSUED, tick=False):
        record_payment(
            sent, amount=Decimal("14.98"), method="cheque", received_at=ISSUED.date(), by=None
        )
    [message] = on(DUE + datetime.timedelta(days=7), django_capture_on_commit_callbacks)
    assert message.subject == f"Reminder: invoice {sent.number} is unpaid"
    assert "due on March 16, 2026, has not been paid in full. Amount due: $100.00." in message.body
    assert f"/en/account/invoices/{sent.pk}/" in message.body


def test_without_a_due_date_the_issue_date_counts(django_capture_on_commit_callbacks):
    invoice()
    assert on(datetime.date(2026, 3, 8), django_capture_on_commit_callbacks) == []
    assert len(on(datetime.date(2026, 3, 9), django_capture_on_commit_callbacks)) == 1


def test_paid_cancelled_or_credited_invoices_and_credit_notes_get_nothing(
    django_capture_on_commit_callbacks,
):
    # A credited invoice, even in part, is in staff's hands: no reminder.
    paid, credited, partly_credited = invoice(due_date=DUE), invoice(), invoice()
    with time_machine.travel(ISSUED, tick=False):
        record_payment(paid, amount=paid.total, method="cheque", received_at=ISSUED.date(), by=None)
        issue_credit_note(credited, reason="Annulée", by=None)
        note = issue_credit_note(
            partly_credited,
            reason="Rabais",
            by=None,
            lines=[_half(partly_credited.lines.get())],
        )
    assert note.is_credit_note
    for days in (7, 30):
        day = DUE + datetime.timedelta(days=days)
        assert on(day, django_capture_on_commit_callbacks) == []
    assert not SentReminder.objects.exists()


def _half(line):
    return LineSpec("Rabais", line.unit_price / 2, 1, line.taxable)


def test_paid_between_the_two_reminders_stops_the_second(django_capture_on_commit_callbacks):
    sent = invoice(due_date=DUE)
    assert len(on(DUE + datetime.timedelta(days=7), django_capture_on_commit_callbacks)) == 1
    april_first = datetime.date(2026, 4, 1)
    with time_machine.travel(at(2026, 4, 1), tick=False):
        record_payment(sent, amount=sent.total, method="interac", received_at=april_first, by=None)
    assert on(DUE + datetime.timedelta(days=30), django_capture_on_commit_callbacks) == []


def test_old_debts_are_not_all_mailed_when_reminders_start(django_capture_on_commit_callbacks):
    """A debt whose moment passed more than a week ago (reminders turned on late, the scheduler
    stopped) is not mailed: only the occasions of the last week are."""
    invoice(due_date=DUE)
    assert on(DUE + datetime.timedelta(days=14), django_capture_on_commit_callbacks) == []
    assert len(on(DUE + datetime.timedelta(days=36), django_capture_on_commit_callbacks)) == 1
    assert on(DUE + datetime.timedelta(days=37), django_capture_on_commit_callbacks) == []
