"""The page cache (home/page_cache.py): anonymous visitors get public pages from the shared
cache, per language; publishing purges it; signed-in people never get a cached page."""

import pytest

from django.test import Client

from events.models import EventPage
from guide.models import GuidePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GUIDE_FR = "/fr/guides/guide-du-participant/"


def _event_fr():
    return EventPage.objects.live().get(kind="congress", locale__language_code="fr")


@pytest.mark.parametrize("url", ["/fr/", GUIDE_FR, "/fr/evenements/", "event"])
def test_second_anonymous_visit_is_served_from_the_cache(
    demo, client, django_assert_max_num_queries, url
):
    url = _event_fr().url if url == "event" else url
    first = client.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(2):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The site-wide headers are still added to a cached page.
    assert "Content-Security-Policy" in second and second["X-Frame-Options"]


def test_publishing_a_change_shows_the_new_text_to_the_next_visitor(demo, client):
    assert "Itinéraire révisé" not in client.get(GUIDE_FR).content.decode()
    assert client.get(GUIDE_FR)["X-Page-Cache"] == "hit"
    page = GuidePage.objects.get(url_path__endswith="/guide-du-participant/")
    page.title = "Itinéraire révisé"
    page.save_revision().publish()
    response = client.get(GUIDE_FR)
    assert response["X-Page-Cache"] == "miss"
    assert "<h1>Itinéraire révisé</h1>" in response.content.decode()
    # The menu of every other page shows pages too: they are rendered again as well.
    assert client.get("/fr/")["X-Page-Cache"] == "miss"


def test_unpublishing_a_page_takes_it_off_at_once(demo, client):
    assert client.get(GUIDE_FR).status_code == 200
    GuidePage.objects.get(url_path__endswith="/guide-du-participant/").unpublish()
    assert client.get(GUIDE_FR).status_code == 404


def test_a_signed_in_member_never_gets_the_cached_page(demo, client):
    event = _event_fr()
    anonymous = client.get(event.url)
    assert client.get(event.url)["X-Page-Cache"] == "hit"
    assert "Se connecter" in anonymous.content.decode()
    member = Client()
    member.force_login(UserFactory())
    response = member.get(event.url)
    assert "X-Page-Cache" not in response
    html = response.content.decode()
    assert "Se déconnecter" in html and "csrfmiddlewaretoken" in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # Nor does what the member saw reach the next anonymous visitor.
    again = client.get(event.url)
    assert again["X-Page-Cache"] == "hit" and "Se déconnecter" not in again.content.decode()


def test_french_and_english_are_cached_apart(demo, client):
    french = client.get("/fr/")
    english = client.get("/en/")
    assert english["X-Page-Cache"] == "miss"
    assert client.get("/fr/").content == french.content
    assert client.get("/en/").content == english.content
    assert '<html lang="fr">' in french.content.decode()
    assert '<html lang="en">' in english.content.decode()


def test_a_registration_refreshes_the_seats_left_on_the_event_page(demo, client):
    from events.models import Registration

    registration = Registration.objects.filter(status="confirmed").first()
    event = registration.event
    english = event.get_translations().get()
    for page in (event, english):
        client.get(page.url)
        assert client.get(page.url)["X-Page-Cache"] == "hit"
    other = _event_fr()
    client.get(other.url)
    registration.status = "cancelled"
    registration.save()
    # Both languages of that event are rendered again (with the seats left), not the others.
    assert client.get(event.url)["X-Page-Cache"] == "miss"
    assert client.get(english.url)["X-Page-Cache"] == "miss"
    assert client.get(other.url)["X-Page-Cache"] == "hit"


def test_editing_the_footer_snippet_purges_every_page(demo, client):
    from home.models import FooterText

    client.get("/fr/")
    footer = FooterText.objects.get(locale__language_code="fr")
    footer.body = "<p>Nouveau pied de page</p>"
    footer.save()
    assert "Nouveau pied de page" in client.get("/fr/").content.decode()


def test_pages_with_a_query_string_or_a_session_are_not_cached(demo, client):
    client.get("/fr/evenements/?kind=training")
    assert "X-Page-Cache" not in client.get("/fr/evenements/?kind=training")
    client.cookies["sessionid"] = "not-a-session"
    client.get("/fr/")
    assert "X-Page-Cache" not in client.get("/fr/")
