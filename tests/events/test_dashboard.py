"""The events on the staff dashboard: each upcoming event's seats taken against its capacity
and its waiting list, in the staff member's language, and the cancellation requests waiting
for a decision; each shown only to the staff who hold the matching screen's permission."""

import datetime

import pytest

from django.urls import reverse
from django.utils import translation

from events import services
from events.dashboard import pending_cancellations, upcoming_events
from tests.factories import UserFactory, staff_with

from .factories import answers, make_event, option

pytestmark = pytest.mark.django_db


def register(event):
    person = UserFactory()
    return services.register(event, person, by=person, option=option(event), answers=answers(event))


def test_each_upcoming_event_shows_seats_taken_capacity_and_waiting_list():
    full = make_event(title="Atelier complet", capacity=2, start_in=datetime.timedelta(days=10))
    register(full)
    register(full)
    waiting = UserFactory()
    services.join_waiting_list(
        full, waiting, by=waiting, option=option(full), answers=answers(full)
    )
    open_ended = make_event(title="Conférence", start_in=datetime.timedelta(days=20))
    register(open_ended)
    make_event(title="Déjà passé", start_in=datetime.timedelta(days=-10))

    figures = {event.title: event for event in upcoming_events()}

    assert list(figures) == ["Atelier complet", "Conférence"]  # soonest first, past ones out
    assert figures["Atelier complet"].taken == 2
    assert figures["Atelier complet"].capacity == 2
    assert figures["Atelier complet"].seats_left == 0
    assert figures["Atelier complet"].waiting == 1
    assert figures["Atelier complet"].percent == 100
    assert figures["Conférence"].taken == 1
    assert figures["Conférence"].seats_left is None  # no limit


def test_an_event_is_titled_in_the_staff_members_language(locales):
    make_event(title="Colloque", english=True)

    with translation.override("en"):
        assert [event.title for event in upcoming_events()] == ["Colloque (EN)"]
    with translation.override("fr"):
        assert [event.title for event in upcoming_events()] == ["Colloque"]


def test_a_cancellation_request_waits_for_a_decision(client):
    registration = register(make_event(capacity=10))
    services.request_cancellation(registration, by=registration.person, reason="Malade")
    client.force_login(staff_with("decide_cancellation"))

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert pending_cancellations() == 1
    assert 'id="dashboard-decisions' in page
    assert reverse("event_cancellations:index") in page
    assert 'id="dashboard-events' not in page  # no permission to see registrations


def test_staff_who_see_registrations_get_the_events_panel(client):
    event = make_event(title="Formation sur le budget", capacity=30)
    register(event)
    client.force_login(staff_with("view_registration"))

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="dashboard-events' in page
    assert "Formation sur le budget" in page
    assert f"{reverse('event_registrations:index')}?event={event.pk}" in page
    assert reverse("event_cancellations:index") not in page


def test_staff_without_either_permission_see_neither(client):
    make_event(title="Formation sur le budget", capacity=30)
    client.force_login(staff_with())

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="dashboard-events' not in page
    assert 'id="dashboard-decisions' not in page
