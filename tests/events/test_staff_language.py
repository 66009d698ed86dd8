"""The staff screens of an event day (check-in, attendance, catering, cancellation requests,
the registrations listing and its export) name events and options in the staff member's admin
language: the English page's title and option labels for English staff, the French ones for
French staff, and the French ones when the event has no English translation."""

import csv
import datetime
import io
import json
import re
from html import unescape

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale

from events import services
from events.models import EventPage
from events.tickets import ticket_code
from tests.admin_queries import listing_queries
from tests.factories import UserFactory, speaks, staff_with

from .factories import answers, make_event, option, question

pytestmark = pytest.mark.django_db

ENGLISH = {"title": "Colloque (EN)", "option": "Full day", "companion": "Companion — gala evening"}
FRENCH = {
    "title": "Colloque",
    "option": "Journée complète",
    "companion": "Accompagnateur — soirée gala",
}
WORDS = {"en": ENGLISH, "fr": FRENCH}


def staff_in(client, language):
    user = staff_with(
        "record_attendance",
        "view_catering",
        "decide_cancellation",
        "view_registration",
        is_superuser=False,
    )
    speaks(user, language)
    client.force_login(user)
    return user


def registered(event, last_name="Côté"):
    person = UserFactory(first_name="Hélène", last_name=last_name)
    registration = services.register(
        event, person, by=person, option=option(event), answers=answers(event)
    )
    services.add_companion(registration, by=person, name="Paul Invité")
    return registration


@pytest.fixture
def event():
    return make_event(title="Colloque", kind="congress", english=True)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def shows(html, language):
    """The event's title and option label of `language`, and never the other language's."""
    other = WORDS["fr" if language == "en" else "en"]
    assert WORDS[language]["title"] in html
    assert WORDS[language]["option"] in html
    assert other["option"] not in html
    if language == "fr":
        assert ENGLISH["title"] not in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_check_in_names_the_event_and_options_in_the_staff_language(client, event, language):
    registration = registered(event)
    staff_in(client, language)
    html = page(client, reverse("event_checkin:event", args=[event.pk]) + "?q=cote")
    shows(html, language)
    assert f"Paul Invité ({WORDS[language]['companion']})" in html
    by_code = page(
        client,
        reverse("event_checkin:event", args=[event.pk]) + f"?q={ticket_code(registration.pk)}",
    )
    shows(by_code, language)
    choices = page(client, reverse("event_checkin:index"))
    assert WORDS[language]["title"] in choices


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_ticket_for_another_event_names_it_in_the_staff_language(client, event, language):
    registration = registered(event)
    other = make_event(title="Autre", kind="congress")
    staff_in(client, language)
    url = reverse("event_checkin:event", args=[other.pk])
    html = page(client, f"{url}?q={ticket_code(registration.pk)}")
    assert f": {WORDS[language]['title']}." in html


@pytest.mark.parametrize("url_name", ["event_attendance:index", "event_catering:index"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_attendance_and_catering_name_the_event_and_options_in_the_staff_language(
    client, event, language, url_name
):
    registered(event)
    registered(event, last_name="Roy")
    staff_in(client, language)
    html = page(client, f"{reverse(url_name)}?event={event.pk}")
    shows(html, language)
    # The option filter too.
    assert f">{WORDS[language]['companion']}</option>" in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_cancellation_requests_name_the_event_in_the_staff_language(client, event, language):
    registration = registered(event)
    services.request_cancellation(registration, by=registration.person, reason="Malade")
    staff_in(client, language)
    html = page(client, reverse("event_cancellations:index"))
    assert f"<td>{WORDS[language]['title']}</td>" in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_registrations_listing_and_export_speak_the_staff_language(client, event, language):
    registration = registered(event)
    staff_in(client, language)
    url = reverse("event_registrations:index")
    shows(page(client, url), language)
    for view in ("inspect", "history"):
        html = page(client, reverse(f"event_registrations:{view}", args=[registration.pk]))
        assert f"Hélène Côté — {WORDS[language]['title']} - Wagtail</title>" in html
    shows(page(client, reverse("event_registrations:inspect", args=[registration.pk])), language)
    response = client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    row = " | ".join(rows[1])
    assert WORDS[language]["title"] in rows[1]
    assert WORDS[language]["option"] in rows[1]
    assert f"Paul Invité ({WORDS[language]['companion']}, " in row


def test_an_untranslated_event_keeps_its_french_names_for_english_staff(client):
    event = make_event(title="Colloque", kind="congress")
    registered(event)
    staff_in(client, "en")
    for url in (
        reverse("event_checkin:event", args=[event.pk]) + "?q=cote",
        f"{reverse('event_attendance:index')}?event={event.pk}",
        reverse("event_registrations:index"),
    ):
        html = page(client, url)
        assert "Colloque" in html and "Journée complète" in html


def test_check_in_in_english_runs_as_many_queries_for_several_people_as_for_one(client, event):
    """The English title and labels are read once for the screen, not once per person."""
    registered(event)
    staff_in(client, "en")
    url = reverse("event_checkin:event", args=[event.pk]) + "?q=helene"
    few = listing_queries(client, url)
    for name in ("Roy", "Tremblay", "Gagnon", "Bouchard"):
        registered(event, last_name=name)
    assert listing_queries(client, url) == few


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_promo_codes_listing_names_the_event_in_the_staff_language(client, event, language):
    from events.models import PromoCode

    PromoCode.objects.create(code="COLLOQUE10", percentage=10, event=event)
    PromoCode.objects.create(code="PARTOUT", percentage=5)
    staff = staff_with("view_promocode", is_superuser=False)
    speaks(staff, language)
    client.force_login(staff)
    html = page(client, reverse("event_promo_codes:index"))
    assert "COLLOQUE10" in html and "PARTOUT" in html
    assert WORDS[language]["title"] in html
    if language == "fr":
        assert ENGLISH["title"] not in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_promo_code_form_offers_events_and_options_in_the_staff_language(
    client, event, language
):
    staff = staff_with("add_promocode", is_superuser=False)
    speaks(staff, language)
    client.force_login(staff)
    html = page(client, reverse("event_promo_codes:add"))
    other = WORDS["fr" if language == "en" else "en"]
    for name in ("event", "option"):
        select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
        labels = re.findall(r">([^<]+)</option>", select)
        key = "title" if name == "event" else "option"
        assert WORDS[language][key] in labels
        assert other[key] not in labels


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_promo_codes_inspect_view_names_its_event_and_option_in_the_staff_language(
    client, event, language
):
    from events.models import PromoCode

    code = PromoCode.objects.create(
        code="COLLOQUE10", percentage=10, event=event, option=option(event)
    )
    staff = staff_with("view_promocode", is_superuser=False)
    speaks(staff, language)
    client.force_login(staff)
    html = page(client, reverse("event_promo_codes:inspect", args=[code.pk]))
    other = WORDS["fr" if language == "en" else "en"]
    for key in ("title", "option"):
        assert re.search(rf">\s*{re.escape(WORDS[language][key])}\s*<", html)
        assert not re.search(rf">\s*{re.escape(other[key])}\s*<", html)
    assert re.search(r">\s*(Yes|Oui)\s*<", html) and "True" not in html


# --- answers, catering needs and the order of events, in the staff language ----------------


def three_questions(workshop, meal, needs):
    """A workshop to choose, a meal to choose and dietary needs to type (both sensitive):
    `workshop` and `meal` are (label, choices)."""
    return [
        question(workshop[0], "single_choice", choices=workshop[1]),
        question(meal[0], "single_choice", required=False, choices=meal[1], sensitive=True),
        question(needs, required=False, sensitive=True),
    ]


FRENCH_QUESTIONS = three_questions(
    ("Atelier", ["Finances", "Relève"]),
    ("Repas", ["Végétarien", "Sans gluten"]),
    "Besoins alimentaires",
)
ENGLISH_QUESTIONS = three_questions(
    ("Workshop", ["Finance", "Succession"]),
    ("Meal", ["Vegetarian", "Gluten-free"]),
    "Dietary needs",
)


def english_page(event, **fields):
    """Change the English translation of `event` (its questions, its title)."""
    translation = event.get_translation(Locale.objects.get(language_code="en"))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


@pytest.fixture
def event_with_questions():
    event = make_event(title="Colloque", kind="congress", english=True, questions=FRENCH_QUESTIONS)
    english_page(event, questions=json.dumps(ENGLISH_QUESTIONS))
    return event


def answered(event, last_name="Côté"):
    """A registration to `event` with its three questions answered (the choices stored in
    French, as the French page gives them)."""
    workshop, meal, needs = list(event.questions)
    person = UserFactory(first_name="Hélène", last_name=last_name)
    return services.register(
        event,
        person,
        by=person,
        option=option(event),
        answers={workshop.id: "Relève", meal.id: "Végétarien", needs.id: "Pas de noix"},
    )


def exported_rows(client, url, **params):
    response = client.get(url, {"export": "csv", **params})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


ANSWERS = {"en": "Workshop: Succession", "fr": "Atelier: Relève"}
NEEDS = {
    "en": [("Meal", "Vegetarian"), ("Dietary needs", "Pas de noix")],
    "fr": [("Repas", "Végétarien"), ("Besoins alimentaires", "Pas de noix")],
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_export_gives_the_answers_in_the_staff_language(client, event_with_questions, language):
    answered(event_with_questions)
    staff_in(client, language)
    [row] = exported_rows(client, reverse("event_registrations:index"))
    heading = "Answers" if language == "en" else "Réponses"
    # The question and the choice of the page in that language; never the sensitive answers.
    assert row[heading] == ANSWERS[language]


def test_an_untranslated_event_exports_its_french_answers_for_english_staff(client):
    event = make_event(title="Colloque", kind="congress", questions=FRENCH_QUESTIONS)
    answered(event)
    staff_in(client, "en")
    [row] = exported_rows(client, reverse("event_registrations:index"))
    assert row["Answers"] == "Atelier: Relève"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_catering_list_gives_the_needs_in_the_staff_language(
    client, event_with_questions, language
):
    answered(event_with_questions)
    answered(event_with_questions, last_name="Roy")
    staff_in(client, language)
    response = client.get(f"{reverse('event_catering:index')}?event={event_with_questions.pk}")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    meal = dict(NEEDS[language])["Meal" if language == "en" else "Repas"]
    assert html.count(f"<td>{meal}; Pas de noix</td>") == 2
    other = "Végétarien" if language == "en" else "Vegetarian"
    assert other not in html
    # Each row's questions too, as the screen is given them.
    assert [row["needs"] for row in response.context["rows"]] == [NEEDS[language]] * 2


def test_the_export_in_english_runs_as_many_queries_for_many_rows_as_for_one(
    client, event_with_questions
):
    """The English pages of the exported events are read once, not once per row."""
    answered(event_with_questions)
    staff_in(client, "en")
    url = reverse("event_registrations:index")
    exported_rows(client, url)  # warms what requests keep

    def counted():
        with CaptureQueriesContext(connection) as queries:
            rows = exported_rows(client, url)
        return len(queries), rows

    few, rows = counted()
    for name in ("Roy", "Tremblay", "Gagnon"):
        answered(event_with_questions, last_name=name)
    other = make_event(title="Atelier", kind="congress", english=True, questions=FRENCH_QUESTIONS)
    english_page(other, questions=json.dumps(ENGLISH_QUESTIONS))
    answered(other, last_name="Bouchard")
    exported_rows(client, url)  # warms again what the new page changed (the site's)
    many, more = counted()
    assert len(more) == len(rows) + 4
    assert {row["Answers"] for row in more} == {"Workshop: Succession"}
    assert many == few


# Three events whose French and English titles sort differently from each other and from the
# order the pages were made in (the page tree).
TITLES = [("Colloque", "Symposium"), ("Atelier", "Workshop"), ("Bilan", "Annual review")]
BY_TITLE = {
    "en": ["Annual review", "Symposium", "Workshop"],
    "fr": ["Atelier", "Bilan", "Colloque"],
}


def events_titled(titles, **fields):
    events = []
    for french, english in titles:
        event = make_event(title=french, kind="congress", english=True, **fields)
        english_page(event, title=english)
        events.append(event)
    return events


def in_order(html, titles):
    """`titles` in the order they first appear in `html`."""
    return sorted(titles, key=lambda title: html.index(title))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_listing_sorted_by_event_follows_the_titles_in_the_staff_language(client, language):
    for index, event in enumerate(events_titled(TITLES)):
        registered(event, last_name=f"Personne {index}")
    staff_in(client, language)
    url = reverse("event_registrations:index")
    titles = BY_TITLE[language]
    for ordering, expected in (("event", titles), ("-event", titles[::-1])):
        html = page(client, f"{url}?ordering={ordering}")
        table = html[html.rindex("<tbody") :]  # the listing (after the shortcuts dialog)
        assert in_order(table, titles) == expected, ordering
        rows = exported_rows(client, url, ordering=ordering)
        event_heading = "Event" if language == "en" else "Évènement"
        assert [row[event_heading] for row in rows] == expected, ordering


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_event_filter_gives_events_of_the_same_day_by_their_title_in_the_staff_language(
    client, language
):
    events = events_titled(TITLES[1:])  # Atelier (Workshop), then Bilan (Annual review)
    EventPage.objects.filter(pk__in=[e.pk for e in events]).update(start=events[0].start)
    later = events_titled([("Congrès", "Convention")], start_in=datetime.timedelta(days=60))
    staff_in(client, language)
    html = page(client, reverse("event_registrations:index"))
    choices = html[html.index('name="event"') :]
    choices = choices[: choices.index("</select>")]
    expected = {
        "en": ["Convention", "Annual review", "Workshop"],
        "fr": ["Congrès", "Atelier", "Bilan"],
    }[language]
    assert later and in_order(choices, expected) == expected
