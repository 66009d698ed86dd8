"""Attendance (on the list or at the door, present or absent, and undoing a check-in) is recorded
only from the day the event starts, in the site's time zone: before, a wrong tick or a
mis-scanned badge would grant a training's credits and attestation to nobody who attended.

The training here starts on 1 May 2026 at 9:00 in Toronto (the site's time zone)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.urls import reverse
from django.utils import translation

from events import checkin, services
from events.models import Attendance
from events.tickets import ticket_code
from home.errors import QuorumError
from tests.factories import UserFactory, speaks, staff_with

from .factories import make_event, option

pytestmark = pytest.mark.django_db

TORONTO = ZoneInfo("America/Toronto")
START = datetime.datetime(2026, 5, 1, 9, 0, tzinfo=TORONTO)
# The evening before, in Toronto: already 1 May in UTC.
EVE = datetime.datetime(2026, 4, 30, 23, 30, tzinfo=TORONTO)
SENTENCES = {
    "fr": "Les présences peuvent être enregistrées à partir du jour où l’évènement commence "
    "(1er mai 2026).",
    "en": "Attendance can be recorded from the day the event starts (May 1, 2026).",
}


@pytest.fixture
def registration():
    """A person registered to the training a month before it starts."""
    with time_machine.travel(START - datetime.timedelta(days=30), tick=False):
        training = make_event(
            title="Budget municipal", questions=[], start_in=datetime.timedelta(days=30)
        )
        person = UserFactory()
        return services.register(training, person, by=person, option=option(training), answers={})


def door_staff(language="fr"):
    """A staff member who records attendance, with the admin in `language`."""
    user = staff_with("record_attendance", language=language)
    speaks(user, language)
    return user


def refused(call):
    with pytest.raises(QuorumError) as caught:
        call()
    assert caught.value.code == "event_not_started"
    return caught.value.text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_before_the_day_neither_the_list_nor_the_door_records_attendance(registration, language):
    event, person, staff = registration.event, registration.person, door_staff(language)
    assert EVE.astimezone(datetime.UTC).date() == START.date()  # the day in UTC, not in Toronto
    with time_machine.travel(EVE, tick=False), translation.override(language):
        for call in (
            lambda: services.record_attendance(event, by=staff, attended=[registration.pk]),
            lambda: services.record_attendance(event, by=staff, attended=[]),  # absent too
            lambda: checkin.check_in(registration, event=event, by=staff),
            lambda: checkin.undo_check_in(registration, event=event, by=staff),
        ):
            assert refused(call) == SENTENCES[language]
        assert checkin.refusal(registration, event).text == SENTENCES[language]
    assert not Attendance.objects.exists()
    assert not person.credit_entries.exists() and not person.attestations.exists()


def test_on_the_day_attendance_is_recorded_before_the_event_starts(registration):
    """At 7:00 on the day, for a training starting at 9:00: the door opens early."""
    event, person, staff = registration.event, registration.person, door_staff()
    with time_machine.travel(START - datetime.timedelta(hours=2), tick=False):
        assert checkin.refusal(registration, event) is None
        assert not checkin.check_in(registration, event=event, by=staff).already
        checkin.undo_check_in(registration, event=event, by=staff)
        assert not Attendance.objects.get(registration=registration).attended
        assert services.record_attendance(event, by=staff, attended=[registration.pk]) == 1
    assert Attendance.objects.get(registration=registration).attended
    assert person.credit_entries.get().credits == event.credits
    assert person.attestations.filter(kind="training").count() == 1


def test_days_after_the_event_attendance_is_still_recorded(registration):
    event, staff = registration.event, door_staff()
    with time_machine.travel(START + datetime.timedelta(days=3), tick=False):
        services.record_attendance(event, by=staff, attended=[])
        assert not checkin.check_in(registration, event=event, by=staff).already
    assert Attendance.objects.get(registration=registration).attended


def test_the_check_in_screen_of_a_coming_event_says_from_when_without_a_button(
    client, registration
):
    event, staff = registration.event, door_staff()
    screen = reverse("event_checkin:event", args=[event.pk])
    with time_machine.travel(EVE, tick=False):
        client.force_login(staff)  # sessions end after two hours without activity
        html = client.get(screen, {"q": ticket_code(registration.pk)}).content.decode()
        # Once, at the head of the screen: the participant's card does not repeat it.
        assert html.count(SENTENCES["fr"]) == 1
        assert 'value="present"' not in html and 'value="undo"' not in html
        # A check-in posted anyway (a screen left open) is refused, and the screen says why.
        response = client.post(screen, {"registration": registration.pk}, follow=True)
    assert SENTENCES["fr"] in response.content.decode()
    assert not Attendance.objects.exists()
    with time_machine.travel(START - datetime.timedelta(hours=2), tick=False):
        client.force_login(staff)
        html = client.get(screen, {"q": ticket_code(registration.pk)}).content.decode()
    assert SENTENCES["fr"] not in html and 'value="present"' in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_attendance_list_of_a_coming_event_says_from_when_without_the_form(
    client, registration, language
):
    event, staff = registration.event, door_staff(language)
    attendance = reverse("event_attendance:index")
    with time_machine.travel(EVE, tick=False):
        client.force_login(staff)  # sessions end after two hours without activity
        html = client.get(attendance, {"event": event.pk}).content.decode()
        assert SENTENCES[language] in html
        assert 'name="action"' not in html and "disabled" in html
        response = client.post(
            attendance,
            {"event": event.pk, "attended": [registration.pk], "action": "present"},
            follow=True,
        )
    assert SENTENCES[language] in response.content.decode()
    assert not Attendance.objects.exists()
    with time_machine.travel(START, tick=False):
        client.force_login(staff)
        html = client.get(attendance, {"event": event.pk}).content.decode()
    assert SENTENCES[language] not in html and 'name="action"' in html
