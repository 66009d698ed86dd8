"""Buttons say what they do: a full event offers the waiting list, not "Inscrire"; a
registration to an event that has started offers neither change nor cancellation, and the
cancellation and change addresses refuse it, saying why."""

import datetime
import re

import pytest
import time_machine

from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import CancellationRequest
from home.errors import QuorumError
from tests.factories import UserFactory

from .factories import answers, make_event, option, organization_with_delegate

pytestmark = pytest.mark.django_db


def button_labels(html):
    """The text of every element styled as a button (links and submit buttons)."""
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(r'class="button"[^>]*>(.*?)</(?:a|button)>', html, re.S)
    ]


def fill(event):
    holder = UserFactory()
    services.register(event, holder, by=holder, option=option(event), answers=answers(event))


def test_the_event_page_offers_the_waiting_list_once_full_in_both_languages(client):
    event = make_event(capacity=1, english=True)
    client.force_login(UserFactory(language="fr"))
    assert "Inscrire" in button_labels(client.get(event.url).content.decode())
    fill(event)
    french = button_labels(client.get(event.url).content.decode())
    assert "Liste d’attente" in french and "Inscrire" not in french
    english_page = event.get_translations().get()
    english = button_labels(client.get(english_page.url).content.decode())
    assert "Join the waiting list" in english and "Register" not in english


def test_the_delegate_group_page_offers_the_waiting_list_once_full(client):
    event = make_event(capacity=1)
    _organization, delegate, _people = organization_with_delegate()
    client.force_login(delegate)
    group = reverse("events:group", kwargs={"key": event.translation_key})
    assert "Inscrire" in button_labels(client.get(group).content.decode())
    fill(event)
    labels = button_labels(client.get(group).content.decode())
    assert "Liste d’attente" in labels and "Inscrire" not in labels


@pytest.fixture
def started():
    """A registration to an event whose staff-set deadlines fall after its start, and a moment
    once the event has started (still before those deadlines)."""
    now = timezone.now()
    event = make_event(
        start_in=datetime.timedelta(days=5),
        registration_closes=now + datetime.timedelta(days=4),
        modification_deadline=now + datetime.timedelta(days=6),
        cancellation_deadline=now + datetime.timedelta(days=6),
    )
    person = UserFactory()
    registration = services.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    return registration, event.start + datetime.timedelta(hours=1)


def test_before_the_event_the_links_are_offered(client, started):
    registration, _moment = started
    client.force_login(registration.person)
    for page in (
        reverse("events:registration", kwargs={"pk": registration.pk}),
        reverse("events:my_events"),
    ):
        html = client.get(page).content.decode()
        assert reverse("events:cancel", kwargs={"pk": registration.pk}) in html
        assert reverse("events:change", kwargs={"pk": registration.pk}) in html


def test_a_started_event_offers_no_change_nor_cancellation(client, started):
    registration, moment = started
    cancel = reverse("events:cancel", kwargs={"pk": registration.pk})
    change = reverse("events:change", kwargs={"pk": registration.pk})
    companion = reverse("events:companion", kwargs={"pk": registration.pk})
    with time_machine.travel(moment):
        client.force_login(registration.person)
        for page in (
            reverse("events:registration", kwargs={"pk": registration.pk}),
            reverse("events:my_events"),
        ):
            html = client.get(page).content.decode()
            assert registration.event.title in html
            assert cancel not in html and change not in html and companion not in html

        response = client.get(cancel, follow=True)
        assert response.redirect_chain[-1][0] == reverse(
            "events:registration", kwargs={"pk": registration.pk}
        )
        assert (
            "Cet évènement a déjà commencé : ses inscriptions ne peuvent plus être annulées."
            in response.content.decode()
        )
        client.post(cancel, {"reason": "Empêchement"})
        assert not CancellationRequest.objects.exists()

        for url in (change, companion):
            response = client.get(url, follow=True)
            assert "ses inscriptions ne peuvent plus être modifiées" in response.content.decode()
        client.post(change, {"option": option(registration.event, "Demi").pk})
        registration.refresh_from_db()
        assert registration.option == option(registration.event)


def test_the_services_refuse_once_the_event_has_started(started):
    registration, moment = started
    person = registration.person
    with time_machine.travel(moment):
        with pytest.raises(QuorumError) as cancelling:
            services.request_cancellation(registration, by=person, reason="Empêchement")
        with pytest.raises(QuorumError) as changing:
            services.change_registration(
                registration,
                by=person,
                option=option(registration.event, "Demi"),
                answers=answers(registration.event),
            )
        with pytest.raises(QuorumError) as adding:
            services.add_companion(registration, by=person, name="Invité")
    assert cancelling.value.code == changing.value.code == adding.value.code == "event_started"
    assert not CancellationRequest.objects.exists()
