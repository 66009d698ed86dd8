"""The home page (issue 16, point 2): cards of the next events and trainings, the pages editors
feature, the latest guides, and a signed-in person's next registration and what they owe,
while the anonymous page stays cached without anything personal in it."""

import datetime
import re

import pytest

from django.test import Client
from django.utils import timezone

from events import services as event_services
from events.models import EventPage
from guide.models import GuidePage
from home.formatting import format_money
from home.images import avif_supported
from home.models import HomePage
from invoices.services import open_invoices_of
from members.models import User
from tests.events.factories import answers, make_event, option
from tests.images import make_image

pytestmark = pytest.mark.django_db


def _budget_training(language="fr"):
    french = EventPage.objects.get(slug="preparer-et-presenter-le-budget-municipal")
    return french.localized_for(language)


def _card(html, title):
    """The <li> of the card whose title is `title`."""
    for card in re.findall(r'<li class="event-card">.*?</li>', html, re.S):
        if f">{title}</a>" in card:
            return card
    raise AssertionError(f"No card for {title}")


@pytest.mark.parametrize(
    ("language", "seats_word", "price_word"),
    [("fr", "places restantes", "À partir de"), ("en", "seats left", "From")],
)
def test_cards_show_date_place_seats_price_and_image(
    demo, client, language, seats_word, price_word
):
    event = _budget_training(language)
    html = client.get(f"/{language}/").content.decode()
    card = _card(html, event.title)
    assert event.url in card
    assert event.place in card
    assert f'datetime="{event.start.isoformat()}"' in card or "<time" in card
    seats = event_services.seats_left(event)
    assert f"{seats} {seats_word}" in card
    today = timezone.localdate()
    cheapest = min(
        min(o.price_for_status(True, today), o.price_for_status(False, today))
        for o in event.options.all()
        if not o.is_companion
    )
    assert f"{price_word} {format_money(cheapest, language)}" in card.replace("&nbsp;", "\u00a0")
    # The demo's image, with its alternative text in the page's language.
    assert event.image_alt and f'alt="{event.image_alt}"' in card.replace("&#x27;", "'")
    assert 'type="image/webp"' in card
    assert ('type="image/avif"' in card) == avif_supported()
    assert re.search(r'<img [^>]*src="/media/images/[^"]+\.jpg"', card)


def test_french_and_english_cards_are_in_their_language(demo, client):
    french, english = _budget_training("fr"), _budget_training("en")
    assert french.image_alt != english.image_alt
    fr_html = client.get("/fr/").content.decode()
    en_html = client.get("/en/").content.decode()
    assert french.title in fr_html and english.title not in fr_html
    assert english.title in en_html and french.title not in en_html
    assert "Formation" in _card(fr_html, french.title)
    assert "Training" in _card(en_html, english.title)


def test_the_editor_chooses_how_many_cards_and_which_kinds(demo, client):
    home = HomePage.objects.get(locale__language_code="fr")
    home.upcoming_count = 5
    home.upcoming_kinds = HomePage.UpcomingKinds.TRAININGS
    home.save_revision().publish()
    html = client.get("/fr/").content.decode()
    cards = re.findall(r'<li class="event-card">.*?</li>', html, re.S)
    upcoming = EventPage.objects.live().filter(
        locale__language_code="fr", kind="training", end__gte=timezone.now()
    )
    assert len(cards) == min(5, upcoming.count())
    assert all("Formation" in card for card in cards)
    home.upcoming_count = 0
    home.save_revision().publish()
    assert 'class="event-card"' not in client.get("/fr/").content.decode()


def test_featured_pages_chosen_by_the_editor_appear(demo, client):
    guide = GuidePage.objects.live().filter(locale__language_code="fr").first()
    english_guide = guide.get_translation(guide.get_translations().get().locale)
    home = HomePage.objects.get(locale__language_code="fr")
    home.featured = [("page", {"page": guide, "text": "À lire avant de vous inscrire."})]
    home.save_revision().publish()
    english_home = HomePage.objects.get(locale__language_code="en")
    english_home.featured = [("page", {"page": guide, "text": ""})]
    english_home.save_revision().publish()
    html = client.get("/fr/").content.decode()
    featured = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert guide.title in featured and "À lire avant de vous inscrire." in featured
    assert guide.url in featured
    # The English home page shows the English translation of a French page chosen.
    html = client.get("/en/").content.decode()
    featured = html.split('id="featured-heading"')[1].split("</section>")[0]
    assert english_guide.title in featured and english_guide.url in featured


def test_the_latest_guides_are_shown_unless_the_editor_turns_them_off(demo, client):
    latest = (
        GuidePage.objects.live().filter(locale__language_code="fr").order_by("-first_published_at")
    )
    html = client.get("/fr/").content.decode()
    assert 'id="latest-guides-heading"' in html and latest.first().title in html
    home = HomePage.objects.get(locale__language_code="fr")
    home.latest_guides_count = 0
    home.save_revision().publish()
    assert 'id="latest-guides-heading"' not in client.get("/fr/").content.decode()


@pytest.fixture
def member_registered(demo):
    member = User.objects.get(username="membre")
    event = make_event(title="Atelier éclair", capacity=20, english=True)
    event_services.register(event, member, by=member, option=option(event), answers=answers(event))
    return member, event


def test_a_signed_in_member_sees_their_next_registration_and_what_they_owe(member_registered):
    member, event = member_registered
    owed = sum(invoice.balance_due for invoice in open_invoices_of(customer=member))
    assert owed > 0
    browser = Client()
    browser.force_login(member)
    html = browser.get("/fr/").content.decode().replace("&nbsp;", "\u00a0")
    personal = html.split('id="personal-heading"')[1].split('class="home-upcoming"')[0]
    assert "Votre prochaine inscription" in personal and "Atelier éclair" in personal
    assert f"Vous devez {format_money(owed, 'fr')}." in personal
    html = browser.get("/en/").content.decode()
    personal = html.split('id="personal-heading"')[1].split('class="home-upcoming"')[0]
    assert "Your next registration" in personal and "Atelier éclair (EN)" in personal
    assert f"You owe {format_money(owed, 'en')}." in personal


def test_the_anonymous_cached_page_contains_nothing_personal(member_registered, client):
    member, event = member_registered
    browser = Client()
    browser.force_login(member)
    signed_in = browser.get("/fr/")
    assert "X-Page-Cache" not in signed_in
    assert "private" in signed_in["Cache-Control"] and "no-store" in signed_in["Cache-Control"]
    assert "Vous devez" in signed_in.content.decode()
    first = client.get("/fr/")
    second = client.get("/fr/")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    for response in (first, second):
        html = response.content.decode()
        assert 'id="personal-heading"' not in html
        assert "Vous devez" not in html and "Votre prochaine inscription" not in html
        assert member.first_name not in html
    # The member is still served their own page, not the cached one.
    again = browser.get("/fr/")
    assert "X-Page-Cache" not in again and "Vous devez" in again.content.decode()


def test_a_registration_refreshes_the_seats_left_on_the_cached_home_page(demo, client):
    event = make_event(title="Atelier compté", capacity=10)
    client.get("/fr/")
    cached = client.get("/fr/")
    assert cached["X-Page-Cache"] == "hit"
    assert "10 places restantes" in _card(cached.content.decode(), "Atelier compté")
    member = User.objects.get(username="membre")
    event_services.register(event, member, by=member, option=option(event), answers=answers(event))
    response = client.get("/fr/")
    assert response["X-Page-Cache"] == "miss"
    assert "9 places restantes" in _card(response.content.decode(), "Atelier compté")


def test_the_cached_page_does_not_outlive_its_first_card(demo):
    make_event(title="Bientôt fini", start_in=datetime.timedelta(minutes=-470))
    response = Client().get("/fr/")
    assert "Bientôt fini" in response.content.decode()
    # The event ends in about ten minutes: the anonymous page is kept no longer than that.
    served = response.wsgi_request._page_cache["page"]
    assert 0 < served.page_cache_timeout() <= 10 * 60


def _queries_for_home(client, django_assert_num_queries_counter):
    client.get("/fr/")  # renditions of new images are made once
    with django_assert_num_queries_counter() as context:
        response = client.get("/fr/")
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_query_count_is_the_same_with_1_and_10_events(demo, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_ENABLED = False
    home = HomePage.objects.get(locale__language_code="fr")
    home.upcoming_count = 12
    home.save_revision().publish()
    EventPage.objects.filter(live=True).update(live=False)
    client = Client()

    def count():
        return _queries_for_home(client, lambda: CaptureQueriesContext(connection))

    make_event(title="Carte 0", capacity=30, image=make_image(), image_alt="Une photo")
    one, html = count()
    assert html.count('class="event-card"') == 1
    for number in range(1, 10):
        make_event(
            title=f"Carte {number}",
            capacity=30,
            image=make_image(f"Photo {number}"),
            image_alt="Une photo",
        )
    ten, html = count()
    assert html.count('class="event-card"') == 10
    assert ten == one


def test_the_home_page_editor_shows_what_the_home_page_features(demo, client):
    from django.urls import reverse

    from home.models import HomePage
    from members.models import User

    client.force_login(User.objects.get(username="admin"))
    home = HomePage.objects.get(locale__language_code="fr")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).content.decode()
    assert "Ce que présente la page d’accueil" in html
    assert "Pages en vedette" in html or "pages en vedette" in html.lower()
    for name in ("upcoming_count", "upcoming_kinds", "latest_guides_count"):
        assert f'name="{name}"' in html
