"""Lists sorted by name or title read in the order a French reader expects (home/ordering.py):
accents and case aside, "Élise" and "Émile" come before "eve", and "Zoé" last — not after
every unaccented name, as the databases' own order of bytes puts them."""

import csv
import datetime
import io

import pytest
import time_machine

from django.urls import reverse

from events import services
from membership.models import Membership
from tests.events.factories import answers, make_event, option
from tests.factories import (
    DelegateGrantFactory,
    FunctionFactory,
    OrganizationFactory,
    UserFactory,
    staff_with,
)
from tests.members.factories import interest

pytestmark = pytest.mark.django_db

CREATED = ["Zoé", "Élise", "eve", "Émile"]
FRENCH_ORDER = ["Élise", "Émile", "eve", "Zoé"]


def in_order_of(html, texts):
    """`texts` in the order they first appear in `html` (each must appear)."""
    assert all(text in html for text in texts), [t for t in texts if t not in html]
    return sorted(texts, key=html.index)


def full_names(people):
    return [person.get_full_name() for person in people]


@pytest.fixture
def colleagues():
    """A delegate's organization with four colleagues, created in the byte order's disorder."""
    grant = DelegateGrantFactory(user=UserFactory(is_member=True))
    FunctionFactory(user=grant.user, organization=grant.organization)
    people = {}
    for name in CREATED:
        people[name] = UserFactory(first_name="Camille", last_name=name)
        FunctionFactory(user=people[name], organization=grant.organization)
    return grant, [people[name] for name in FRENCH_ORDER]


def test_a_member_file_lists_interests_in_alphabetical_order(client):
    person = UserFactory()
    for name in CREATED:
        person.interests.add(interest(f"Veille {name}", f"Watch {name}")[0])
    client.force_login(person)
    interests = [f"Veille {name}" for name in FRENCH_ORDER]

    file = client.get(reverse("members:file")).content.decode()
    assert in_order_of(file, interests) == interests
    choices = client.get(reverse("members:interests")).content.decode()
    assert in_order_of(choices, interests) == interests


def test_the_delegate_sees_colleagues_in_alphabetical_order(client, colleagues):
    grant, people = colleagues
    event = make_event()
    for person in reversed(people):
        services.register(
            event, person, by=grant.user, option=option(event), answers=answers(event)
        )
    client.force_login(grant.user)

    group = client.get(reverse("events:group", kwargs={"key": event.translation_key}))
    assert in_order_of(group.content.decode(), full_names(people)) == full_names(people)
    # Registered colleagues, on the page that lists them per event.
    dashboard = client.get(reverse("events:delegate_dashboard"))
    assert in_order_of(dashboard.content.decode(), full_names(people)) == full_names(people)


def test_the_delegate_renews_colleagues_listed_in_alphabetical_order(client, colleagues):
    grant, people = colleagues
    ends_on = datetime.date(2026, 12, 31)
    for person in people:
        Membership.objects.create(
            user=person,
            starts_on=ends_on - datetime.timedelta(days=364),
            ends_on=ends_on,
            status=Membership.Status.ACTIVE,
        )
    with time_machine.travel(datetime.datetime(2026, 12, 10, 15), tick=False):
        client.force_login(grant.user)
        html = client.get(
            reverse("membership:delegate_renewals", args=[grant.organization.pk])
        ).content.decode()
    assert in_order_of(html, full_names(people)) == full_names(people)


def test_the_directory_lists_members_organizations_and_regions_in_alphabetical_order(client):
    for name in CREATED:
        person = UserFactory(first_name="Camille", last_name=name, is_member=True)
        person.in_directory = True
        person.save()
        organization = OrganizationFactory(name=f"Ville de {name}", region=f"Région {name}")
        FunctionFactory(user=person, organization=organization)
    client.force_login(UserFactory(is_member=True))

    html = client.get(reverse("members:directory")).content.decode()
    listed = html[html.index("</form>") :]
    people = [f"Camille {name}" for name in FRENCH_ORDER]
    assert in_order_of(listed, people) == people
    organizations = [f">Ville de {name}<" for name in FRENCH_ORDER]
    assert in_order_of(html, organizations) == organizations
    regions = [f">Région {name}<" for name in FRENCH_ORDER]
    assert in_order_of(html, regions) == regions


def test_staff_lists_of_an_event_are_in_alphabetical_order(client):
    event = make_event()
    people = {name: UserFactory(first_name="Camille", last_name=name) for name in CREATED}
    for person in people.values():
        services.register(event, person, by=person, option=option(event), answers=answers(event))
    names = [f"Camille {name}" for name in FRENCH_ORDER]
    client.force_login(staff_with("view_catering"))
    html = client.get(reverse("event_catering:index"), {"event": event.pk}).content.decode()
    assert in_order_of(html, names) == names


def test_registrations_sorted_by_event_follow_the_titles_in_alphabetical_order(client):
    for title in CREATED:
        event = make_event(title=f"Formation {title}")
        person = UserFactory()
        services.register(event, person, by=person, option=option(event), answers=answers(event))
    titles = [f"Formation {title}" for title in FRENCH_ORDER]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("event_registrations:index")

    def rows(ordering):
        html = client.get(url, {"ordering": ordering}).content.decode()
        return html[html.rindex("<tbody") : html.rindex("</tbody>")]

    assert in_order_of(rows("event"), titles) == titles
    assert in_order_of(rows("-event"), titles) == titles[::-1]
    export = client.get(url, {"ordering": "event", "export": "csv"})
    rows = csv.reader(io.StringIO(b"".join(export.streaming_content).decode()))
    assert [row[0] for row in rows][1:] == titles


def test_staff_sort_a_listing_by_a_column_of_names_in_alphabetical_order(client):
    for name in CREATED:
        OrganizationFactory(name=f"Ville de {name}")
    names = [f"Ville de {name}" for name in FRENCH_ORDER]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("member_organizations:index")

    for ordering, expected in (("name", names), ("-name", names[::-1])):
        html = client.get(url, {"ordering": ordering}).content.decode()
        assert in_order_of(html[html.rindex("<tbody") :], names) == expected
    export = client.get(url, {"ordering": "name", "export": "csv"})
    rows = csv.reader(io.StringIO(b"".join(export.streaming_content).decode()))
    assert [row[0] for row in rows][1:] == names


def test_names_that_differ_only_by_accents_or_case_read_alike_on_both_databases():
    """ICU's order on PostgreSQL: the letters, then the accents, then the case, lower case
    first. SQLite's collation and the lists sorted in Python follow it. Before, SQLite and
    Python put "DUPONT" before "dupont" and PostgreSQL after it."""
    from home.ordering import alphabetical, sort_key
    from members.models import User

    expected = ["Dupond", "dupont", "Dupont", "DUPONT", "dupönt", "élise", "Élise"]
    scrambled = ["DUPONT", "Élise", "dupont", "Dupond", "élise", "Dupont", "dupönt"]
    for name in scrambled:
        UserFactory(last_name=name)
    in_the_database = User.objects.filter(last_name__in=expected).order_by(
        alphabetical("last_name")
    )
    assert list(in_the_database.values_list("last_name", flat=True)) == expected
    assert sorted(scrambled, key=sort_key) == expected
