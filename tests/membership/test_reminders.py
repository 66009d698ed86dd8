"""The title's cycle ending with credits missing: 90 days before the cycle's last day, once per
cycle, to title holders still short of the cycle's credits, in their language. TitleSettings'
defaults: 60 credits to obtain the title, 30 to keep it per three-year cycle from 2024-01-01, so
the current cycle ends on 2026-12-31 and the reminder goes out from 2026-10-02."""

import datetime

import pytest

from home.models import SentReminder
from tests.factories import UserFactory
from tests.reminders import at, earn, send_reminders_at, set_offsets

pytestmark = pytest.mark.django_db

D = datetime.date


def holder(cycle_credits, language="fr"):
    """Obtained the title in 2023 (60 credits), then earned `cycle_credits` in this cycle."""
    person = UserFactory(language=language, is_member=True)
    earn(person, D(2023, 5, 1), 60)
    if cycle_credits:
        earn(person, D(2025, 4, 1), cycle_credits)
    return person


def test_ninety_days_before_the_cycle_ends_once(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    person = holder(10)
    assert send_reminders_at(at(2026, 10, 1, 23), capture) == []
    [message] = send_reminders_at(at(2026, 10, 2, 0, 30), capture)
    assert message.to == [person.email]
    assert message.subject == "Votre titre GMC : le cycle se termine le 31 décembre 2026"
    assert "il vous faut 30 crédits" in message.body
    assert "Vous en avez obtenu 10 ; il en manque 20." in message.body
    assert "/fr/account/title/" in message.body
    assert send_reminders_at(at(2026, 10, 3), capture) == []
    assert send_reminders_at(at(2026, 12, 31), capture) == []
    # The next cycle is another occasion, 90 days before 2029-12-31.
    assert send_reminders_at(at(2027, 1, 5), capture) == []
    assert len(send_reminders_at(at(2029, 10, 2), capture)) == 1
    assert SentReminder.objects.filter(recipient=person).count() == 2


def test_in_english_with_half_credits(django_capture_on_commit_callbacks):
    holder(7.5, language="en")
    [message] = send_reminders_at(at(2026, 11, 1), django_capture_on_commit_callbacks)
    assert message.subject == "Your GMC title: the cycle ends on December 31, 2026"
    assert "You have earned 7.5; 22.5 are missing." in message.body


def test_enough_credits_no_title_or_inactive_account_get_nothing(
    django_capture_on_commit_callbacks,
):
    holder(30)
    beginner = UserFactory()
    earn(beginner, D(2025, 6, 1), 20)
    gone = holder(0)
    gone.is_active = False
    gone.save()
    assert send_reminders_at(at(2026, 10, 2), django_capture_on_commit_callbacks) == []


def test_credits_earned_before_the_moment_stop_it(django_capture_on_commit_callbacks):
    person = holder(20)
    earn(person, D(2026, 9, 15), 10)
    assert send_reminders_at(at(2026, 10, 2), django_capture_on_commit_callbacks) == []


def test_the_offset_is_set_by_staff(django_capture_on_commit_callbacks):
    holder(0)
    set_offsets(title_cycle_days=30)
    assert send_reminders_at(at(2026, 11, 30), django_capture_on_commit_callbacks) == []
    assert len(send_reminders_at(at(2026, 12, 1), django_capture_on_commit_callbacks)) == 1
    set_offsets(title_cycle_days=0)
    assert send_reminders_at(at(2029, 12, 1), django_capture_on_commit_callbacks) == []
