"""Check-in at the door (events/checkin.py and its admin screen): find a person by ticket code
or by name, mark them present (attendance, credits and attestation), undo."""

from contextlib import contextmanager
from decimal import Decimal
from html import unescape

import pytest

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import ModelLogEntry

from events import checkin, services
from events.models import Attendance, Companion, RegistrationStatus
from events.tickets import ticket_code
from home.errors import QuorumError
from tests.factories import FunctionFactory, UserFactory

from .factories import answers, make_event, option, started

pytestmark = pytest.mark.django_db


@contextmanager
def refused(code):
    with pytest.raises(QuorumError) as caught:
        yield
    assert caught.value.code == code


def door_staff():
    user = UserFactory(is_staff=True, first_name="Paule", last_name="Accueil")
    for codename in ("access_admin", "record_attendance"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def registered(event, first_name="Hélène", last_name="Côté", **fields):
    person = UserFactory(first_name=first_name, last_name=last_name, **fields)
    return services.register(event, person, by=person, option=option(event), answers=answers(event))


@pytest.fixture
def event():
    """Under way since an hour ago (check-in opens on the day an event starts), registration
    still open as it is at the door."""
    return started(make_event(title="Congrès", kind="congress"))


# --- the service --------------------------------------------------------------------------


def test_saving_the_attendance_list_keeps_who_checked_a_person_in_and_when(client, event):
    """The door checks Hélène in; later another staff member ticks Marc on the attendance list
    and saves it, Hélène still ticked: her check-in keeps its staff member and time (before,
    the list wrote itself over it, and the door's screen named the wrong person and time)."""
    door = door_staff()
    helene, marc = registered(event), registered(event, first_name="Marc", last_name="Roy")
    checkin.check_in(helene, event=event, by=door)
    first = Attendance.objects.get(registration=helene)
    office = UserFactory(is_superuser=True, is_staff=True, first_name="Léa", last_name="Bureau")
    client.force_login(office)
    client.post(
        reverse("event_attendance:index"),
        {
            "event": event.pk,
            "attended": [helene.pk, marc.pk],
            "shown": [helene.pk, marc.pk],
        },
    )
    kept = Attendance.objects.get(registration=helene)
    assert kept.attended
    assert (kept.recorded_by, kept.recorded_at) == (door, first.recorded_at)
    assert Attendance.objects.get(registration=marc).recorded_by == office
    history = ModelLogEntry.objects.filter(
        object_id=str(helene.pk), action="events.attendance_recorded"
    )
    assert [entry.user_id for entry in history] == [door.pk]
    client.force_login(door)
    code = ticket_code(helene.pk)
    html = unescape(
        client.get(reverse("event_checkin:event", args=[event.pk]), {"q": code}).content.decode()
    )
    assert "Paule Accueil" in html and "Léa Bureau" not in html


def test_check_in_marks_the_person_present_once(event):
    staff = door_staff()
    registration = registered(event)
    result = checkin.check_in(registration, event=event, by=staff)
    assert not result.already
    attendance = Attendance.objects.get(registration=registration)
    assert attendance.attended and attendance.recorded_by == staff
    again = checkin.check_in(registration, event=event, by=UserFactory(is_superuser=True))
    assert again.already
    assert again.attendance.recorded_by == staff  # who checked them in first
    logs = ModelLogEntry.objects.filter(
        object_id=str(registration.pk), action="events.attendance_recorded"
    )
    assert logs.count() == 1
    assert logs.get().user == staff


def test_only_staff_allowed_to_record_attendance_check_people_in(event):
    registration = registered(event)
    with refused("forbidden"):
        checkin.check_in(registration, event=event, by=UserFactory(is_staff=True))
    with refused("forbidden"):
        checkin.check_in(registration, event=event, by=registration.person)
    with refused("forbidden"):
        checkin.undo_check_in(registration, event=event, by=registration.person)
    assert not Attendance.objects.exists()


def test_a_cancelled_registration_or_one_for_another_event_is_refused(event):
    staff = door_staff()
    registration = registered(event)
    other = make_event(title="Autre formation")
    with refused("other_event"):
        checkin.check_in(registration, event=other, by=staff)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    with refused("cancelled"):
        checkin.check_in(registration, event=event, by=staff)
    assert not Attendance.objects.exists()


def test_checking_in_at_a_training_earns_its_credits_and_attestation(demo):
    training = make_event(title="Budget municipal", questions=[], english=True)
    staff = door_staff()
    person = UserFactory()
    registration = services.register(
        training, person, by=person, option=option(training), answers={}
    )
    started(training)
    checkin.check_in(registration, event=training, by=staff)
    checkin.check_in(registration, event=training, by=staff)
    entry = person.credit_entries.get()
    assert entry.credits == Decimal("7")
    assert person.attestations.filter(kind="training").count() == 1


def test_undo_marks_the_person_absent_again(event):
    staff = door_staff()
    registration = registered(event)
    assert checkin.undo_check_in(registration, event=event, by=staff) is None
    checkin.check_in(registration, event=event, by=staff)
    checkin.undo_check_in(registration, event=event, by=staff)
    assert not Attendance.objects.get(registration=registration).attended
    assert not checkin.check_in(registration, event=event, by=staff).already


# --- the lookup ---------------------------------------------------------------------------


def test_a_ticket_code_finds_its_registration(event):
    registration = registered(event)
    lookup = checkin.find_for_checkin(event, ticket_code(registration.pk).lower())
    assert lookup.by_code and not lookup.invalid_code
    assert lookup.registrations == [registration]


def test_a_forged_or_mistyped_code_finds_nobody(event):
    registration = registered(event)
    code = ticket_code(registration.pk)
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert checkin.find_for_checkin(event, forged).invalid_code
    assert checkin.find_for_checkin(event, "12").invalid_code
    # Well signed, but no such registration.
    assert checkin.find_for_checkin(event, ticket_code(registration.pk + 1000)).invalid_code


def test_names_are_found_accents_and_case_aside_among_the_event_confirmed_people(event):
    helene = registered(event)
    registered(event, first_name="Marc", last_name="Côté-Lévesque")
    cancelled = registered(event, first_name="Hélène", last_name="Coté")
    cancelled.status = RegistrationStatus.CANCELLED
    cancelled.save(update_fields=["status"])
    registered(make_event(title="Autre"), first_name="Hélène", last_name="Côté")
    assert checkin.find_for_checkin(event, "helene cote").registrations == [helene]
    assert checkin.find_for_checkin(event, "CÔTÉ HÉL").registrations == [helene]
    found = checkin.find_for_checkin(event, "cote").registrations
    assert [r.person.first_name for r in found] == ["Hélène", "Marc"]
    assert checkin.find_for_checkin(event, "Tremblay").registrations == []


def test_name_results_are_limited(event):
    for n in range(5):
        registered(event, first_name="Louis", last_name=f"Roy {'abcde'[n]}")
    lookup = checkin.find_for_checkin(event, "roy", limit=3)
    assert len(lookup.registrations) == 3 and lookup.more == 2


def test_a_lookup_runs_the_same_queries_for_one_or_many_people(event):
    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            lookup = checkin.find_for_checkin(event, query)
            for registration in lookup.registrations:
                registration.person.current_organization  # noqa: B018
                list(registration.confirmed_companions)
                getattr(registration, "attendance", None)
        return len(captured)

    first = registered(event, first_name="Anne", last_name="Roy")
    FunctionFactory(user=first.person)
    few_by_name, few_by_code = queries("roy"), queries(ticket_code(first.pk))
    for n in range(6):
        other = registered(event, first_name="Anne", last_name=f"Roy {'abcdef'[n]}")
        FunctionFactory(user=other.person)
        checkin.check_in(other, event=event, by=door_staff())
        Companion.objects.create(
            registration=other,
            name="Invité",
            option=option(event, "Accompagnateur"),
            registered_by=other.person,
        )
    assert queries("roy") == few_by_name
    assert queries(ticket_code(first.pk)) == few_by_code <= 5


# --- the screen ---------------------------------------------------------------------------


def test_the_check_in_screen_needs_the_attendance_permission(client, event):
    registration = registered(event)
    url = reverse("event_checkin:event", args=[event.pk])
    client.force_login(UserFactory())
    assert "login" in client.get(url)["Location"]
    without = UserFactory(is_staff=True)
    without.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(without)
    for response in (
        client.get(url),
        client.get(reverse("event_checkin:index")),
        client.post(url, {"registration": registration.pk, "action": "present"}),
    ):
        assert response.status_code == 302
        assert response["Location"].rstrip("/").endswith("/admin")
    assert not Attendance.objects.exists()


def test_staff_find_someone_by_code_and_check_them_in(client, event):
    staff = door_staff()
    registration = registered(event)
    organization = FunctionFactory(user=registration.person).organization
    Companion.objects.create(
        registration=registration,
        name="Jean Invité",
        option=option(event, "Accompagnateur"),
        registered_by=registration.person,
    )
    client.force_login(staff)
    url = reverse("event_checkin:event", args=[event.pk])
    code = ticket_code(registration.pk)
    response = client.get(url, {"q": code})
    page = response.content.decode()
    assert "Hélène Côté" in page and organization.name in page
    assert "Jean Invité" in page and "Accompagnateur — soirée gala" in page
    assert "camera=(self)" in response["Permissions-Policy"]
    response = client.post(
        url, {"registration": registration.pk, "action": "present", "q": code}, follow=True
    )
    assert Attendance.objects.get(registration=registration).attended
    page = response.content.decode()
    assert "Arrivée de Hélène Côté enregistrée." in page
    assert "Présence enregistrée à" in page and "par Paule Accueil" in page
    response = client.post(
        url, {"registration": registration.pk, "action": "present", "q": code}, follow=True
    )
    assert "était déjà enregistrée" in response.content.decode()
    response = client.post(
        url, {"registration": registration.pk, "action": "undo", "q": code}, follow=True
    )
    assert not Attendance.objects.get(registration=registration).attended
    assert "L’arrivée de Hélène Côté est annulée." in response.content.decode()


def test_the_screen_says_why_a_ticket_of_another_event_is_refused(client, event):
    staff = door_staff()
    other = make_event(title="Colloque régional")
    registration = registered(other)
    client.force_login(staff)
    url = reverse("event_checkin:event", args=[event.pk])
    page = client.get(url, {"q": ticket_code(registration.pk)}).content.decode()
    assert "Colloque régional" in page
    assert 'value="present"' not in page
    client.post(url, {"registration": registration.pk, "action": "present"})
    assert not Attendance.objects.exists()


def test_attendance_recorded_by_nobody_shows_without_a_name(client, event):
    """Attendance the system recorded (the demo), or whose recorder's account is gone."""
    registration = registered(event)
    Attendance.objects.create(registration=registration, attended=True, recorded_by=None)
    client.force_login(door_staff())
    url = reverse("event_checkin:event", args=[event.pk])
    page = client.get(url, {"q": ticket_code(registration.pk)}).content.decode()
    assert "Présence enregistrée à" in page
    response = client.post(url, {"registration": registration.pk, "action": "present"}, follow=True)
    assert "était déjà enregistrée" in response.content.decode()
    assert "par quelqu’un" in response.content.decode()


def test_french_sentences_elide_before_a_name_starting_with_a_vowel(client, event):
    """ "l’arrivée d’Amélie", never "de Amélie", on the buttons and in the announcements."""
    staff = door_staff()
    registration = registered(event, first_name="Amélie", last_name="Ouellet")
    client.force_login(staff)
    url = reverse("event_checkin:event", args=[event.pk])
    code = ticket_code(registration.pk)
    page = unescape(client.get(url, {"q": code}).content.decode())
    assert "Enregistrer l’arrivée d’Amélie Ouellet" in page
    data = {"registration": registration.pk, "q": code}
    page = unescape(client.post(url, {**data, "action": "present"}, follow=True).content.decode())
    assert "Arrivée d’Amélie Ouellet enregistrée." in page
    assert "Annuler l’arrivée d’Amélie Ouellet" in page
    page = unescape(client.post(url, {**data, "action": "present"}, follow=True).content.decode())
    assert "L’arrivée d’Amélie Ouellet était déjà enregistrée" in page
    page = unescape(client.post(url, {**data, "action": "undo"}, follow=True).content.decode())
    assert "L’arrivée d’Amélie Ouellet est annulée." in page
    assert "de Amélie" not in page


def test_edited_staff_requests_are_refused_without_a_server_error(client, event):
    """Ids that cannot be ids (letters, a number past the database's) and a decision that is
    neither of the screen's two buttons: 404 or 400, nothing recorded or decided."""
    helene = registered(event)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    attendance = reverse("event_attendance:index")
    huge = "9" * 30
    # (A 404 outside the language prefix is sent on to /fr/…, where it is still a 404.)
    for posted in ({"event": "abc"}, {"event": huge}, {"event": ""}):
        response = client.post(attendance, {**posted, "attended": [helene.pk]}, follow=True)
        assert response.status_code == 404
    assert not Attendance.objects.exists()
    response = client.post(
        attendance, {"event": event.pk, "attended": ["abc", huge, helene.pk], "shown": [huge]}
    )
    assert response.status_code == 302
    assert Attendance.objects.get().registration == helene
    assert client.get(attendance, {"event": huge}).status_code == 200
    assert client.get(attendance, {"event": event.pk, "option": huge}).status_code == 200
    screen = reverse("event_checkin:event", args=[event.pk])
    assert client.post(screen, {"registration": huge}, follow=True).status_code == 404
    coming = registered(make_event(), first_name="Marc")
    request = services.request_cancellation(coming, by=coming.person, reason="Imprévu")
    decide = reverse("event_cancellations:decide", args=[request.pk])
    assert client.post(decide, {"decision": "approuver"}).status_code == 400
    request.refresh_from_db()
    assert request.status == "pending"
