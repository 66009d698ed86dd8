import pytest

from events.models import EventPage

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_event_index_splits_upcoming_and_past_and_filters(demo, client):
    response = client.get("/fr/evenements/")
    upcoming, past = response.context["upcoming"], response.context["past"]
    # The regional days, under way (started yesterday, end tomorrow), are still to come.
    assert len(upcoming) == 6 and len(past) == 1
    trainings = client.get("/fr/evenements/", {"kind": "training"}).context
    assert {e.kind for e in trainings["upcoming"] + trainings["past"]} == {"training"}
    study = client.get("/en/events/", {"program": "study"}).context
    assert [e.program.slug for e in study["upcoming"]] == ["study"]


def test_event_page_shows_prices_in_the_locale(demo, client):
    congress = EventPage.objects.get(kind="congress", locale__language_code="fr")
    html = client.get(congress.url).content.decode()
    assert "\u00a0$" in html
    english = congress.get_translation(congress.get_translations().first().locale)
    assert "$" in client.get(english.url).content.decode()


def test_event_calendar_file(demo, client):
    congress = EventPage.objects.get(kind="congress", locale__language_code="en")
    response = client.get(f"/en/calendar/{congress.translation_key}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and f"SUMMARY:{congress.title}" in body
    assert body.count("\r\n") > 8


def test_calendar_file_folds_long_lines(client):
    intro = "Une journée complète sur la gestion budgétaire, les prévisions et les arbitrages, " * 3
    event = make_event(title="Budget municipal", intro=intro.strip())
    response = client.get(f"/fr/calendar/{event.translation_key}.ics")
    body = response.content.decode()
    lines = body.split("\r\n")
    # RFC 5545: no line longer than 75 octets; a longer value continues on lines that start
    # with a space.
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)
    unfolded = body.replace("\r\n ", "")
    assert "DESCRIPTION:" + intro.strip().replace(",", "\\,") in unfolded
