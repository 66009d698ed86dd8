"""The renewal reminder: a week before a membership ends (Reminder settings), once, to a member
whose renewal invoice is still unpaid, in their language; paying it stops it, and 0 turns it
off. The default membership settings: the year starts in January, the renewal is issued 30
days before the end."""

import datetime

import pytest

from django.utils import timezone

from invoices.models import Method
from invoices.services import record_payment
from membership import periods
from membership.models import Membership
from tests.factories import UserFactory
from tests.reminders import at, send_reminders_at, set_offsets

pytestmark = pytest.mark.django_db

D = datetime.date


def member_with_renewal(language="fr"):
    """Member for 2026; the renewal for 2027 issued on 2026-12-01 and unpaid."""
    person = UserFactory(is_member=True, language=language, first_name="Zoé", last_name="Roy")
    Membership.objects.create(
        user=person, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31), status="active"
    )
    renewal = periods.issue_renewal(person, by=None, today=D(2026, 12, 1))
    return person, renewal


def renewal_mails(messages):
    return [m for m in messages if "adhésion" in m.subject or "membership" in m.subject]


def test_a_week_before_the_end_once_in_the_members_language(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    person, renewal = member_with_renewal()
    assert renewal_mails(send_reminders_at(at(2026, 12, 23, 23), capture)) == []
    [message] = renewal_mails(send_reminders_at(at(2026, 12, 24, 8), capture))
    assert message.to == [person.email]
    assert message.subject == (
        "Votre adhésion se termine le 31 décembre 2026 : votre renouvellement est impayé"
    )
    assert renewal.invoice.number in message.body
    assert "/fr/account/membership/renew/" in message.body
    assert renewal_mails(send_reminders_at(at(2026, 12, 30), capture)) == []


def test_in_english(django_capture_on_commit_callbacks):
    member_with_renewal(language="en")
    [message] = renewal_mails(
        send_reminders_at(at(2026, 12, 28), django_capture_on_commit_callbacks)
    )
    assert message.subject == "Your membership ends on December 31, 2026: your renewal is unpaid"
    assert "/en/account/membership/renew/" in message.body


def test_paid_renewal_or_offset_zero_sends_nothing(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    _person, renewal = member_with_renewal()
    record_payment(
        renewal.invoice,
        amount=renewal.invoice.total,
        method=Method.CHEQUE,
        received_at=timezone.localdate(renewal.invoice.issued_at),
        by=None,
    )
    other, _ = member_with_renewal()
    set_offsets(renewal_days=0)
    assert renewal_mails(send_reminders_at(at(2026, 12, 28), capture)) == []
    set_offsets(renewal_days=7)
    [message] = renewal_mails(send_reminders_at(at(2026, 12, 28), capture))
    assert message.to == [other.email]
