"""Long lists a person can use (issue 15): "My events", the delegate's group page and dashboard,
the staff catering list and attendance page page, search and filter, keep the query string
across pages, and run as many queries for one row as for fifty."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events import services
from events.models import Attendance, Registration
from tests.factories import UserFactory, staff_with

from .factories import answers, make_event, option, organization_with_delegate, started

pytestmark = pytest.mark.django_db


def url(name, language="fr", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def queries(client, address, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, data or {})
    assert response.status_code == 200
    return len(captured)


def add_registrations(event, people, *, status="confirmed", registered_by=None, dietary=""):
    return [
        Registration.objects.create(
            event=event,
            person=person,
            registered_by=registered_by or person,
            option=option(event),
            answers=answers(event, dietary=dietary),
            status=status,
        )
        for person in people
    ]


# --- My events -------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "status"), [("fr", "Page 1 sur 2"), ("en", "Page 1 of 2")])
def test_my_completed_events_page_by_year_and_title(client, language, status):
    person = UserFactory()
    recent = make_event(title="Colloque récent", start_in=datetime.timedelta(days=-20))
    older = make_event(title="Vieux colloque", start_in=datetime.timedelta(days=-800))
    upcoming = make_event(title="Congrès à venir")
    add_registrations(upcoming, [person])
    add_registrations(older, [person])
    add_registrations(recent, [person] * 30, status="cancelled")
    client.force_login(person)
    my_events = url("events:my_events", language)
    html = client.get(my_events).content.decode()
    assert "Congrès à venir" in html and status in html
    assert "Vieux colloque" not in html  # on the second page: the most recent first
    year = recent.start.year
    html = client.get(my_events, {"year": year}).content.decode()
    assert f'<option value="{year}" selected>' in html
    assert f'href="?year={year}&amp;page=2#completed-results"' in html
    assert "Congrès à venir" in html  # the upcoming ones stay whatever the filter
    html = client.get(my_events, {"year": older.start.year}).content.decode()
    assert "Vieux colloque" in html and "Colloque récent" not in html
    assert 'class="pagination"' not in html
    html = client.get(my_events, {"q": "vieux"}).content.decode()
    assert "Vieux colloque" in html and "Colloque récent" not in html


def test_my_events_runs_as_many_queries_for_one_registration_as_for_fifty(client):
    person = UserFactory()
    past = make_event(title="Colloque passé", start_in=datetime.timedelta(days=-20))
    add_registrations(make_event(title="Congrès"), [person])
    add_registrations(past, [person])
    client.force_login(person)
    address = url("events:my_events")
    queries(client, address)
    one = queries(client, address), queries(client, address, {"q": "colloque", "page": "2"})
    add_registrations(past, [person] * 49, status="cancelled")
    assert (
        queries(client, address),
        queries(client, address, {"q": "colloque", "page": "2"}),
    ) == one


# --- The delegate's group page and dashboard ------------------------------------------------


def test_the_group_page_pages_and_searches_the_registrations(client):
    _organization, delegate, people = organization_with_delegate(colleagues=30)
    people[0].first_name, people[0].last_name = "Hélène", "Zénon"
    people[0].save()
    event = make_event(title="Congrès annuel", kind="congress")
    add_registrations(event, people, registered_by=delegate)
    client.force_login(delegate)
    group = url("events:group", key=event.translation_key)
    html = client.get(group).content.decode()
    assert "30 inscriptions" in html and "Page 1 sur 2" in html
    assert (
        "Hélène Zénon" not in html.split('id="org-registrations-heading"')[1].split("</table>")[0]
    )
    html = client.get(group, {"name": "helene zenon"}).content.decode()
    table = html.split('id="org-registrations-heading"')[1]
    assert "1 inscription" in table and "Hélène Zénon" in table
    picker = client.get(group, {"q": "HELENE"}).content.decode().split('id="id_person"')[1]
    picker = picker.split("</select>")[0]
    assert f'value="{people[0].pk}">Zénon, Hélène<' in picker
    assert f'value="{people[1].pk}"' not in picker
    html = client.get(group, {"q": "nom", "name": "nom"}).content.decode()
    assert 'href="?q=nom&amp;name=nom&amp;page=2#registration-results"' in html
    english = client.get(url("events:group", "en", key=event.translation_key)).content.decode()
    assert "30 registrations" in english and "Page 1 of 2" in english


def test_the_group_page_runs_as_many_queries_for_one_registration_as_for_fifty(client):
    _organization, delegate, people = organization_with_delegate(colleagues=50)
    event = make_event(capacity=100)
    add_registrations(event, people[:1], registered_by=delegate)
    client.force_login(delegate)
    group = url("events:group", key=event.translation_key)
    queries(client, group)
    one = queries(client, group), queries(client, group, {"name": "nom", "page": "2"})
    add_registrations(event, people[1:], registered_by=delegate)
    assert (queries(client, group), queries(client, group, {"name": "nom", "page": "2"})) == one


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_dashboard_totals_every_event_and_pages_the_people(client, language):
    _organization, delegate, people = organization_with_delegate(colleagues=30)
    people[0].first_name, people[0].last_name = "Hélène", "Zénon"
    people[0].save()
    congress = make_event(title="Congrès annuel", kind="congress", english=True)
    training = make_event(title="Formation budgets", start_in=datetime.timedelta(days=60))
    add_registrations(congress, people, registered_by=delegate)
    add_registrations(training, people[:2], registered_by=delegate)
    client.force_login(delegate)
    dashboard = url("events:delegate_dashboard", language)
    html = client.get(dashboard).content.decode()
    summary, people_section = html.split('id="people-heading"')
    assert "Congrès annuel" in summary and "Formation budgets" in summary
    assert ">30<" in summary and ">2<" in summary
    assert ("Page 1 sur 2" if language == "fr" else "Page 1 of 2") in people_section
    html = client.get(dashboard, {"event": training.pk}).content.decode()
    people_section = html.split('id="people-heading"')[1].split("</form>")[1]
    assert "Formation budgets" in people_section and "Congrès annuel" not in people_section
    assert 'class="pagination"' not in people_section
    html = client.get(dashboard, {"name": "Helene"}).content.decode()
    people_section = html.split('id="people-heading"')[1].split("</form>")[1]
    assert people_section.count("Hélène Zénon") == 2  # at both events
    assert people[1].get_full_name() not in people_section
    html = client.get(dashboard, {"event": congress.pk, "page": "2"}).content.decode()
    assert f'href="?event={congress.pk}&amp;page=1#registration-results"' in html


def test_the_dashboard_runs_as_many_queries_for_one_registration_as_for_fifty(client):
    _organization, delegate, people = organization_with_delegate(colleagues=50)
    event = make_event(capacity=100)
    add_registrations(event, people[:1], registered_by=delegate)
    client.force_login(delegate)
    dashboard = url("events:delegate_dashboard")
    queries(client, dashboard)
    one = queries(client, dashboard), queries(client, dashboard, {"name": "nom", "page": "2"})
    add_registrations(event, people[1:], registered_by=delegate)
    assert (
        queries(client, dashboard),
        queries(client, dashboard, {"name": "nom", "page": "2"}),
    ) == one


# --- Staff: catering and attendance ---------------------------------------------------------


def test_the_catering_list_pages_searches_and_filters_by_option(client):
    event = make_event(title="Congrès", kind="congress")
    people = [UserFactory(last_name=f"Convive{n:02}") for n in range(60)]
    add_registrations(event, people, dietary="Sans gluten")
    helene = UserFactory(first_name="Hélène", last_name="Zénon")
    Registration.objects.create(
        event=event,
        person=helene,
        registered_by=helene,
        option=option(event, "Demi"),
        answers=answers(event, dietary="Végétalienne"),
    )
    client.force_login(staff_with("view_catering"))
    catering = reverse("event_catering:index")
    html = client.get(catering, {"event": event.pk}).content.decode()
    assert "61 inscriptions" in html or "61 registrations" in html
    assert "Convive49" in html and "Convive50" not in html
    assert f'href="?event={event.pk}&amp;page=2"' in html
    html = client.get(catering, {"event": event.pk, "q": "helene"}).content.decode()
    assert "Végétalienne" in html and "Convive00" not in html
    demi = option(event, "Demi").pk
    html = client.get(catering, {"event": event.pk, "option": demi}).content.decode()
    assert "Hélène Zénon" in html and "Convive00" not in html


def test_the_catering_list_runs_as_many_queries_for_one_row_as_for_fifty(client):
    event = make_event(title="Congrès", kind="congress")
    add_registrations(event, [UserFactory()], dietary="Sans gluten")
    client.force_login(staff_with("view_catering"))
    catering = reverse("event_catering:index")
    queries(client, catering, {"event": event.pk})
    one = queries(client, catering, {"event": event.pk})
    add_registrations(event, [UserFactory() for _ in range(49)], dietary="Sans gluten")
    assert queries(client, catering, {"event": event.pk}) == one


def test_saving_a_page_of_attendance_records_only_the_people_it_lists(client):
    event = started(make_event(title="Congrès", kind="congress"))
    people = [UserFactory(last_name=f"Présent{n:02}") for n in range(60)]
    registrations = add_registrations(event, people)
    recorder = staff_with("record_attendance")
    services.record_attendance(
        event, by=recorder, attended=[registrations[55].pk], shown=[registrations[55].pk]
    )
    client.force_login(recorder)
    attendance = reverse("event_attendance:index")
    html = client.get(attendance, {"event": event.pk}).content.decode()
    shown = [r for r in registrations if f'id="attended-{r.pk}"' in html]
    assert shown == registrations[:50]
    response = client.post(
        f"{attendance}?event={event.pk}&page=1",
        {
            "event": event.pk,
            "shown": [r.pk for r in shown],
            "attended": [shown[0].pk, shown[1].pk],
            "action": "record",
        },
    )
    assert response["Location"] == f"{attendance}?event={event.pk}&page=1"
    recorded = dict(Attendance.objects.values_list("registration_id", "attended"))
    assert len(recorded) == 51
    # The second page was not shown: untouched, the one recorded present still present.
    assert {pk for pk, present in recorded.items() if present} == {
        registrations[0].pk,
        registrations[1].pk,
        registrations[55].pk,
    }


def test_mark_selected_present_marks_only_the_ticked_people(client):
    event = started(make_event(title="Congrès", kind="congress"))
    registrations = add_registrations(event, [UserFactory() for _ in range(5)])
    recorder = staff_with("record_attendance")
    services.record_attendance(
        event, by=recorder, attended=[], shown=[registrations[4].pk]
    )  # recorded absent earlier
    client.force_login(recorder)
    client.post(
        reverse("event_attendance:index"),
        {
            "event": event.pk,
            "shown": [r.pk for r in registrations],
            "attended": [registrations[0].pk, registrations[2].pk],
            "action": "present",
        },
    )
    recorded = dict(Attendance.objects.values_list("registration_id", "attended"))
    assert recorded == {
        registrations[0].pk: True,
        registrations[2].pk: True,
        registrations[4].pk: False,
    }


@pytest.mark.parametrize("language", ["fr", "en"])
def test_attendance_by_search_marks_one_person_and_the_training_earns_credits(
    client, demo, language
):
    training = make_event(title="Budget municipal", questions=[], english=True)
    helene = UserFactory(first_name="Hélène", last_name="Côté", language=language)
    others = [UserFactory(last_name=f"Autre{n}") for n in range(3)]
    mine = services.register(training, helene, by=helene, option=option(training), answers={})
    for person in others:
        services.register(training, person, by=person, option=option(training), answers={})
    started(training)
    recorder = staff_with("record_attendance")
    recorder.language = language
    recorder.save()
    client.force_login(recorder)
    attendance = reverse("event_attendance:index")
    html = client.get(attendance, {"event": training.pk, "q": "helene cote"}).content.decode()
    assert f'id="attended-{mine.pk}"' in html
    assert all(f'value="{r.pk}"' not in html for r in Registration.objects.exclude(pk=mine.pk))
    client.post(
        f"{attendance}?event={training.pk}&q=helene+cote",
        {"event": training.pk, "attended": [mine.pk], "action": "present"},
    )
    assert [a.registration for a in Attendance.objects.filter(registration__event=training)] == [
        mine
    ]
    entry = helene.credit_entries.get()
    assert entry.credits == training.credits
    assert not others[0].credit_entries.exists()
    unrecorded = client.get(attendance, {"event": training.pk, "status": "unrecorded"})
    assert f'id="attended-{mine.pk}"' not in unrecorded.content.decode()


def test_the_attendance_page_runs_as_many_queries_for_one_row_as_for_fifty(client):
    event = started(make_event(title="Congrès", kind="congress"))
    recorder = staff_with("record_attendance")
    first = add_registrations(event, [UserFactory()])
    services.record_attendance(event, by=recorder, attended=[first[0].pk])
    client.force_login(recorder)
    attendance = reverse("event_attendance:index")
    queries(client, attendance, {"event": event.pk})
    one = queries(client, attendance, {"event": event.pk, "q": "nom", "status": "present"})
    more = add_registrations(event, [UserFactory() for _ in range(49)])
    services.record_attendance(event, by=recorder, attended=[r.pk for r in more])
    assert queries(client, attendance, {"event": event.pk, "q": "nom", "status": "present"}) == one
