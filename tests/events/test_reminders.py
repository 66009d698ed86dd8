"""Reminders to registrants: the event a week and a day before (with its .ics, place, date and
time in the person's language), the modification and cancellation deadlines approaching; each
once, none for a cancelled registration, a pending cancellation or a moment before the person
registered."""

import datetime

import pytest
import time_machine

from django.contrib.auth.models import Permission

from events import services
from home.models import SentReminder
from tests.factories import UserFactory
from tests.reminders import at, send_reminders_at, set_offsets

from .factories import answers, make_event, option

pytestmark = pytest.mark.django_db

NOW = at(2026, 3, 2, 10)  # when the world is built
START = at(2026, 4, 1, 9)  # the event starts
DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


def world(*, registered_at=NOW, language="fr", **event_fields):
    """An event with one registrant; the registration's invoice is left unpaid, so its own
    reminders (tests/invoices/test_reminders.py) are turned off here."""
    set_offsets(invoice_first_days=0, invoice_second_days=0)
    with time_machine.travel(NOW, tick=False):
        event = make_event(
            title="Formation budget",
            start_in=START - NOW,
            place="Hôtel de ville de Testville",
            english=True,
            **event_fields,
        )
    person = UserFactory(language=language)
    with time_machine.travel(registered_at, tick=False):
        registration = services.register(
            event, person, by=person, option=option(event), answers=answers(event)
        )
    return event, person, registration


def test_a_week_before_then_a_day_before_once_each_with_the_ics_in_french(
    django_capture_on_commit_callbacks,
):
    event, person, registration = world()

    def run(moment):
        return send_reminders_at(moment, django_capture_on_commit_callbacks)

    # Deadlines off here: only the event reminders.
    set_offsets(modification_deadline_days=0, cancellation_deadline_days=0)
    assert run(START - 7 * DAY - HOUR) == []
    [first] = run(START - 7 * DAY)
    assert first.to == [person.email]
    assert first.subject == "Rappel : Formation budget, 1er avril 2026, 9 h 00 – 17 h 00"
    assert "Hôtel de ville de Testville" in first.body
    assert "1er avril 2026, 9 h 00 – 17 h 00" in first.body
    assert f"/fr/registrations/{registration.pk}/" in first.body
    [(filename, ics, mimetype)] = first.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in ics and "LOCATION:Hôtel de ville de Testville" in ics
    # Run again, the same hour and the next day: nothing more.
    assert run(START - 7 * DAY) == []
    assert run(START - 6 * DAY) == []
    [second] = run(START - DAY + HOUR)
    assert second.subject == first.subject
    assert run(START - HOUR) == []
    # Once the event has started, nothing.
    assert run(START + HOUR) == []
    assert SentReminder.objects.filter(recipient=person).count() == 2


def test_in_english_with_the_english_page(django_capture_on_commit_callbacks):
    event, person, _ = world(language="en")
    set_offsets(modification_deadline_days=0, cancellation_deadline_days=0)
    [message] = send_reminders_at(START - 7 * DAY, django_capture_on_commit_callbacks)
    when = "April 1, 2026, 9:00 a.m. – 5:00 p.m."
    assert message.subject == f"Reminder: Formation budget (EN), {when}"
    assert "Where: Hôtel de ville de Testville" in message.body
    assert "option: Full day" in message.body
    assert "/en/registrations/" in message.body


def test_the_english_deadline_sentence_ends_with_one_period(django_capture_on_commit_callbacks):
    world(language="en")
    set_offsets(event_first_days=0, event_second_days=0)
    [message] = send_reminders_at(START - 9 * DAY, django_capture_on_commit_callbacks)
    assert message.subject == "Last days to change your registration: Formation budget (EN)"
    assert "until March 25, 2026, 9:00 a.m." in message.body and "a.m.." not in message.body


def test_registered_after_the_first_moment_gets_only_the_second(
    django_capture_on_commit_callbacks,
):
    _, person, _ = world(registered_at=START - 3 * DAY, registration_opens=None)
    set_offsets(modification_deadline_days=0, cancellation_deadline_days=0)
    assert send_reminders_at(START - 3 * DAY + HOUR, django_capture_on_commit_callbacks) == []
    [second] = send_reminders_at(START - DAY, django_capture_on_commit_callbacks)
    assert second.to == [person.email]
    assert SentReminder.objects.get().key.endswith("event-second")


def test_a_missed_week_sends_only_the_latest_reminder(django_capture_on_commit_callbacks):
    world()
    set_offsets(modification_deadline_days=0, cancellation_deadline_days=0)
    assert len(send_reminders_at(START - 12 * HOUR, django_capture_on_commit_callbacks)) == 1
    assert SentReminder.objects.get().key.endswith("event-second")


def test_cancelled_or_cancellation_pending_registrations_get_nothing(
    django_capture_on_commit_callbacks,
):
    event, person, registration = world()
    colleague = UserFactory()
    with time_machine.travel(NOW, tick=False):
        other = services.register(
            event, colleague, by=colleague, option=option(event), answers=answers(event)
        )
        request = services.request_cancellation(registration, by=person, reason="Conflit")
        pending = services.request_cancellation(other, by=colleague, reason="Peut-être")
        staff = UserFactory(is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="decide_cancellation"))
        services.approve_cancellation(request, by=staff)
    for moment in (START - 16 * DAY, START - 9 * DAY, START - 7 * DAY, START - DAY):
        assert send_reminders_at(moment, django_capture_on_commit_callbacks) == []
    # The pending request refused: the reminders come back.
    services.reject_cancellation(pending, by=staff)
    assert len(send_reminders_at(START - DAY, django_capture_on_commit_callbacks)) == 1


def test_zero_turns_a_reminder_off(django_capture_on_commit_callbacks):
    world()
    set_offsets(
        event_first_days=0,
        event_second_days=0,
        modification_deadline_days=0,
        cancellation_deadline_days=0,
    )
    for days in (16, 9, 7, 1):
        assert send_reminders_at(START - days * DAY, django_capture_on_commit_callbacks) == []


def test_the_deadlines_two_days_before_each(django_capture_on_commit_callbacks):
    # make_event: changes until a week before, cancellation requests until two weeks before.
    _, person, registration = world()
    set_offsets(event_first_days=0, event_second_days=0)
    cancellation = START - 14 * DAY
    modification = START - 7 * DAY
    capture = django_capture_on_commit_callbacks
    assert send_reminders_at(cancellation - 2 * DAY - HOUR, capture) == []
    [message] = send_reminders_at(cancellation - 2 * DAY, capture)
    assert message.subject == "Date limite d’annulation bientôt atteinte : Formation budget"
    assert "jusqu’au 18 mars 2026, 9 h 00. Après" in message.body
    assert send_reminders_at(cancellation - DAY, django_capture_on_commit_callbacks) == []
    [message] = send_reminders_at(modification - DAY, django_capture_on_commit_callbacks)
    assert message.subject == "Derniers jours pour modifier votre inscription : Formation budget"
    assert f"/fr/registrations/{registration.pk}/" in message.body
    assert send_reminders_at(modification + HOUR, django_capture_on_commit_callbacks) == []
    assert SentReminder.objects.filter(recipient=person).count() == 2


def test_an_event_without_its_own_deadlines_gets_only_the_event_reminders(
    django_capture_on_commit_callbacks,
):
    world(modification_deadline=None, cancellation_deadline=None)
    messages = []
    for hours in range(24 * 10, 0, -6):
        messages += send_reminders_at(START - hours * HOUR, django_capture_on_commit_callbacks)
    assert [m.subject.split(" : ")[0] for m in messages] == ["Rappel", "Rappel"]


def test_unpublished_events_get_nothing(django_capture_on_commit_callbacks):
    event, _, _ = world()
    event.unpublish()
    assert send_reminders_at(START - DAY, django_capture_on_commit_callbacks) == []
