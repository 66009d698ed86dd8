"""Long lists, in the browser with axe: the delegate pages their organization's registrations
and the dashboard, a member pages the directory and finds "Hélène" by typing "Helene", and staff
find one person on the attendance list and mark them present. A search or another page of a
list opens at its results, and the Tab key goes on from there."""

import re

import pytest
from playwright.sync_api import expect

from django.urls import reverse
from django.utils import timezone, translation

from events.models import EventPage, Registration, RegistrationStatus
from members.models import DelegateGrant, Function, User
from tests.factories import FunctionFactory, UserFactory

from .conftest import assert_accessible, login_browser

pytestmark = pytest.mark.django_db(transaction=True)


def _upcoming_event():
    return (
        EventPage.objects.filter(locale__language_code="fr", start__gt=timezone.now())
        .order_by("start")
        .first()
    )


def _event_under_way():
    """The demo's event under way: attendance is recorded from the day an event starts."""
    now = timezone.now()
    return EventPage.objects.get(locale__language_code="fr", start__lte=now, end__gte=now)


def _crowd(event, organization, n=30):
    """n colleagues of the organization registered to the event, one of them Hélène Côté."""
    people = []
    for i in range(n):
        names = ("Hélène", "Côté") if i == 0 else (f"Collègue{i:02}", f"Liste{i:02}")
        person = UserFactory(
            first_name=names[0], last_name=names[1], is_member=True, in_directory=True
        )
        FunctionFactory(user=person, organization=organization)
        people.append(person)
    option = event.options.filter(is_companion=False).first()
    for person in people:
        Registration.objects.create(
            event=event, person=person, registered_by=person, option=option, answers={}
        )
    return people


def _tab_goes_on_from(page, results_id):
    """The page opened at the list's results (after a search, or on another page of the list):
    the Tab key goes on from them, not from the top of the page."""
    page.wait_for_url(f"**#{results_id}")
    page.wait_for_load_state("load")
    page.keyboard.press("Tab")
    assert page.evaluate(
        """(id) => document.activeElement !== document.body && Boolean(
            document.getElementById(id).compareDocumentPosition(document.activeElement)
            & Node.DOCUMENT_POSITION_FOLLOWING)""",
        results_id,
    ), page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")


def _url(name, language="fr", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_a_delegate_and_a_member_page_their_lists(demo, page, live_server):
    delegate = User.objects.get(username="delegue")
    organization = DelegateGrant.objects.filter(user=delegate).first().organization
    event = _upcoming_event()
    _crowd(event, organization)
    login_browser(page, delegate, live_server)

    page.goto(_url("events:group", key=event.translation_key))
    registrations = page.get_by_role("navigation", name="Pages des inscriptions")
    assert "Page 1 sur 2" in registrations.inner_text()
    assert_accessible(page)
    registrations.get_by_role("link", name="Suivant").click()
    expect(page.get_by_role("navigation", name="Pages des inscriptions")).to_contain_text(
        "Page 2 sur 2"
    )
    _tab_goes_on_from(page, "registration-results")
    page.get_by_label("Nom du participant").fill("helene")
    page.get_by_role("search", name="Rechercher dans les inscriptions").get_by_role(
        "button", name="Rechercher"
    ).click()
    expect(page.get_by_role("row", name="Hélène Côté")).to_have_count(1)
    expect(page.get_by_role("row", name=re.compile("Liste01"))).to_have_count(0)
    _tab_goes_on_from(page, "registration-results")
    page.get_by_role("searchbox", name="Chercher un collègue").fill("Liste02")
    page.get_by_role("search", name="Chercher un collègue").get_by_role(
        "button", name="Rechercher"
    ).click()
    _tab_goes_on_from(page, "colleague-results")

    page.goto(_url("events:delegate_dashboard"))
    assert_accessible(page)
    # One region by that name (the table's), not a second around it: a screen reader's list of
    # regions would show it twice.
    expect(page.get_by_role("region", name="Évènements à venir")).to_have_count(1)
    page.get_by_label("Nom du participant").fill("Helene cote")
    page.get_by_role("search").get_by_role("button", name="Rechercher").last.click()
    expect(page.get_by_role("row", name="Hélène Côté")).to_have_count(1)
    _tab_goes_on_from(page, "registration-results")

    page.goto(_url("members:directory"))
    assert_accessible(page)
    page.get_by_label("Nom ou organisme").fill("Helene")
    page.get_by_role("search", name="Chercher dans le répertoire").get_by_role(
        "button", name="Rechercher"
    ).click()
    expect(page.get_by_role("heading", name="Hélène Côté")).to_have_count(1)
    _tab_goes_on_from(page, "directory-results")

    page.goto(_url("events:my_events"))
    assert_accessible(page)


def test_staff_find_a_person_and_mark_them_present(demo, english_page, live_server):
    page = english_page
    event = _event_under_way()
    organization = Function.objects.filter(end_date__isnull=True).first().organization
    helene = _crowd(event, organization, n=55)[0]
    admin = User.objects.get(username="admin")
    admin.language = "en"
    admin.save()
    login_browser(page, admin, live_server)
    page.goto(f"{reverse('event_attendance:index')}?event={event.pk}")
    assert (
        "Page 1 of 2"
        in page.get_by_role("navigation", name="Pages of the attendance list").inner_text()
    )
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Helene")
    page.get_by_role("search", name="Search the registrations").get_by_role(
        "button", name="Search"
    ).click()
    page.get_by_label("Hélène Côté").check()
    page.get_by_role("button", name="Mark selected present").click()
    expect(page.get_by_text("Attendance recorded for 1 people.")).to_be_visible()
    registration = Registration.objects.get(event=event, person=helene)
    assert registration.attendance.attended
    assert (
        Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, attendance__isnull=False
        ).count()
        == 1
    )
    page.goto(f"{reverse('event_catering:index')}?event={event.pk}&page=2")
    assert (
        "Page 2 of 2"
        in page.get_by_role("navigation", name="Pages of the catering list").inner_text()
    )
    assert_accessible(page)
