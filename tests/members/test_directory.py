"""The members' directory: members only, opt-in, only the fields each member allowed."""

import pytest

from django.urls import reverse
from django.utils import translation

from tests.factories import FunctionFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(name, language="fr"):
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def listed():
    person = UserFactory(
        first_name="Sophie",
        last_name="Archambault",
        is_member=True,
        in_directory=True,
        expertise="Gestion documentaire",
        linkedin_url="https://www.linkedin.com/in/sarch",
        allergies="Crustacés",
        allergies_consent=True,
        email="sophie@example.org",
        work_phone="418 555-0199",
    )
    FunctionFactory(
        user=person,
        title="Archiviste",
        organization=OrganizationFactory(name="Ville de Rivière-Test", region="Bas-Saint-Laurent"),
    )
    return person


@pytest.mark.parametrize("language", ["fr", "en"])
def test_members_see_listed_members_with_linkedin_never_allergies(client, listed, language):
    UserFactory(first_name="Hidden", last_name="Absent", is_member=True, in_directory=False)
    client.force_login(UserFactory(is_member=True))
    html = client.get(url("members:directory", language)).content.decode()
    assert "Sophie Archambault" in html
    assert "https://www.linkedin.com/in/sarch" in html
    assert "Archiviste" in html and "Gestion documentaire" in html
    assert "Crustacés" not in html
    assert "Absent" not in html
    # E-mail and phone are off unless the member chose to show them.
    assert "sophie@example.org" not in html and "418 555-0199" not in html


def test_search_by_name_organization_region_and_expertise(client, listed):
    other = UserFactory(
        first_name="Karim",
        last_name="Belhadj",
        is_member=True,
        in_directory=True,
        expertise="Voirie",
    )
    FunctionFactory(user=other, organization=OrganizationFactory(region="Estrie"))
    client.force_login(UserFactory(is_member=True))
    directory = url("members:directory")

    def names(**query):
        html = client.get(directory, query).content.decode()
        return {n for n in ("Archambault", "Belhadj") if n in html}

    assert names(q="sophie") == {"Archambault"}
    assert names(organization=listed.current_organization.pk) == {"Archambault"}
    assert names(region="Estrie") == {"Belhadj"}
    assert names(expertise="voirie") == {"Belhadj"}
    assert names() == {"Archambault", "Belhadj"}


def test_members_choose_the_fields_and_can_leave(client, listed):
    client.force_login(listed)
    response = client.post(
        url("members:directory_preferences"),
        {"in_directory": "on", "directory_show_email": "on", "directory_show_function": "on"},
    )
    assert response.status_code == 302
    viewer = UserFactory(is_member=True)
    client.force_login(viewer)
    html = client.get(url("members:directory")).content.decode()
    assert "sophie@example.org" in html
    assert "linkedin.com/in/sarch" not in html  # turned off
    client.force_login(listed)
    client.post(url("members:directory_preferences"), {"leave": "1"})
    client.force_login(viewer)
    assert "Archambault" not in client.get(url("members:directory")).content.decode()


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "réservé aux membres"), ("en", "reserved for members")],
)
def test_non_members_are_told_why(client, listed, language, text):
    client.force_login(UserFactory(is_member=False))
    response = client.get(url("members:directory", language))
    assert response.status_code == 403
    html = response.content.decode()
    assert text in html
    assert "Archambault" not in html


def test_anonymous_visitors_go_to_login(client):
    response = client.get(url("members:directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("members:login"))


def test_directory_query_count_does_not_grow(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(UserFactory(is_member=True))

    def add(n):
        for _ in range(n):
            person = UserFactory(is_member=True, in_directory=True)
            FunctionFactory(user=person)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("members:directory")).status_code == 200
        return len(queries)

    add(2)
    count()
    small = count()
    add(18)
    assert count() == small


def test_members_unsubscribing_in_english_are_warned(client):
    from members import services

    member = UserFactory(is_member=True)
    services.update_subscriptions(member, subscribed={"member_news"}, by=member)
    client.force_login(member)
    response = client.post(url("members:subscriptions", "en"), {})
    assert "Are you sure?" in response.content.decode()
    assert member.subscriptions.get(list="member_news").subscribed


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_search_without_accents_finds_the_name_with_them(client, language):
    UserFactory(first_name="Hélène", last_name="Côté", is_member=True, in_directory=True)
    UserFactory(first_name="Helen", last_name="Smith", is_member=True, in_directory=True)
    client.force_login(UserFactory(is_member=True))
    directory = url("members:directory", language)

    def found(q):
        html = client.get(directory, {"q": q}).content.decode()
        return {
            n
            for n in ("Côté", "Smith")
            if f"<h2>{'Hélène Côté' if n == 'Côté' else 'Helen Smith'}</h2>" in html
        }

    assert found("Helene") == {"Côté"}
    assert found("HÉLÈNE cote") == {"Côté"}
    assert found("helen") == {"Côté", "Smith"}
    assert found("Hélène Smith") == set()


def test_the_search_box_finds_the_employer_only_of_those_who_show_it(client, listed):
    hidden = UserFactory(
        last_name="Discrète", is_member=True, in_directory=True, directory_show_function=False
    )
    FunctionFactory(user=hidden, organization=listed.current_organization)
    client.force_login(UserFactory(is_member=True))
    html = client.get(url("members:directory"), {"q": "riviere-test"}).content.decode()
    assert "Archambault" in html and "Discrète" not in html


def test_the_search_text_follows_the_name_the_employer_and_its_name(listed):
    from members.models import User

    def text():
        return User.objects.get(pk=listed.pk).directory_search

    assert text() == "sophie archambault ville de riviere-test"
    organization = listed.current_organization
    organization.name = "Municipalité de Sainte-Épreuve"
    organization.save()
    assert text() == "sophie archambault municipalite de sainte-epreuve"
    listed.functions.update(end_date="2025-01-01")
    FunctionFactory(user=listed, organization=OrganizationFactory(name="MRC d'Ailleurs"))
    assert text() == "sophie archambault mrc d'ailleurs"
    listed.last_name = "Archambault-Bélanger"
    listed.save(update_fields=["last_name"])
    assert text() == "sophie archambault-belanger mrc d'ailleurs"
    listed.directory_show_function = False
    listed.save()
    assert text() == "sophie archambault-belanger"


def test_pages_keep_the_search_and_say_where_the_reader_is(client):
    organization = OrganizationFactory(name="Ville de Paginée", region="Estrie")
    for n in range(30):
        person = UserFactory(last_name=f"Membre{n:02}", is_member=True, in_directory=True)
        FunctionFactory(user=person, organization=organization)
    UserFactory(last_name="Ailleurs", is_member=True, in_directory=True)
    client.force_login(UserFactory(is_member=True))
    for language, status in [("fr", "Page 1 sur 2"), ("en", "Page 1 of 2")]:
        html = client.get(url("members:directory", language), {"region": "Estrie"}).content.decode()
        assert status in html
        assert 'href="?region=Estrie&amp;page=2#directory-results"' in html
        assert 'aria-current="page"' in html
    second = client.get(url("members:directory"), {"region": "Estrie", "page": "2"})
    html = second.content.decode()
    assert "Membre29" in html and "Membre00" not in html and "Ailleurs" not in html
    assert "Page 2 sur 2" in html and 'href="?region=Estrie&amp;page=1#directory-results"' in html


def test_the_directory_runs_as_many_queries_for_one_member_as_for_fifty(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(UserFactory(is_member=True))

    def add(n):
        for _ in range(n):
            FunctionFactory(user=UserFactory(is_member=True, in_directory=True))

    def count(**query):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("members:directory"), query).status_code == 200
        return len(queries)

    add(1)
    count()
    one = count(), count(q="nom", page="1")
    add(49)
    assert (count(), count(q="nom", page="1")) == one
