import re

import pytest

from wagtail.models import Locale, Page

from events.models import EventIndexPage, EventPage
from guide.models import GuideIndexPage, GuidePage
from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_page_tree_has_each_page_in_both_languages(demo):
    fr = Locale.objects.get(language_code="fr")
    en = Locale.objects.get(language_code="en")
    for model in (HomePage, GuideIndexPage, EventIndexPage):
        assert model.objects.live().filter(locale=fr).count() == 1
        assert model.objects.live().filter(locale=en).count() == 1
    assert GuidePage.objects.live().filter(locale=fr).count() == 2
    assert GuidePage.objects.live().filter(locale=en).count() == 2
    assert EventPage.objects.live().filter(locale=fr).count() == 7
    for page in GuidePage.objects.filter(locale=fr):
        english = page.get_translation(en)
        assert english.live and english.title != page.title


@pytest.mark.parametrize(
    ("accept", "target"),
    [("en-CA,en;q=0.9", "/en/"), ("fr-CA,fr;q=0.9", "/fr/"), ("de-DE", "/fr/"), ("", "/fr/")],
)
def test_root_sends_visitor_to_their_browser_language(demo, client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [
        ("/fr/guides/guide-du-participant/", "fr", "Guide du participant"),
        ("/en/guides/participant-guide/", "en", "Participant guide"),
    ],
)
def test_guide_renders_in_its_language_with_steps_and_callout(demo, client, url, lang, heading):
    html = client.get(url).content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'class="step-list"' in html
    assert "callout-important" in html
    # The contact block shows the association's e-mail from the site settings.
    assert "mailto:info@cqgm.example" in html


def test_language_switch_and_hreflang_point_to_the_same_guide(demo, client):
    html = client.get("/fr/guides/guide-du-participant/").content.decode()
    switch = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
    assert 'href="/en/guides/participant-guide/"' in switch
    assert 'aria-current="true" lang="fr"' in switch
    assert re.search(
        r'<link rel="alternate" hreflang="en" href="http://testserver/en/guides/participant-guide/">',
        html,
    )
    assert 'hreflang="fr" href="http://testserver/fr/guides/guide-du-participant/"' in html


def test_language_switch_on_a_view_that_is_not_a_page(demo, client):
    html = client.get("/en/search/?q=invoice").content.decode()
    assert 'href="/fr/search/?q=invoice"' in html


def test_interface_strings_follow_the_language(demo, client):
    assert "Passer au contenu" in client.get("/fr/").content.decode()
    assert "Skip to content" in client.get("/en/").content.decode()


def test_home_lists_its_sections_and_the_footer_snippet_is_translated(demo, client):
    fr = client.get("/fr/").content.decode()
    en = client.get("/en/").content.decode()
    assert "Évènements et formations" in fr and "Events and trainings" in en
    assert "au service des gestionnaires municipaux" in fr
    assert "serving municipal managers" in en


def test_search_covers_both_languages(demo, client):
    html = client.get("/fr/search/", {"q": "délégué"}).content.decode()
    assert "Inscriptions multiples" in html
    html = client.get("/fr/search/", {"q": "delegate"}).content.decode()
    assert "Group registrations" in html
    assert client.get("/fr/search/", {"q": "zzzqqq"}).context["results"].paginator.count == 0


@pytest.mark.parametrize("typed", ['"délégué', 'délégué "inscriptions', "délégué\x00"])
def test_search_with_a_stray_quote_or_a_nul_still_finds_the_words(demo, client, typed):
    # A lone double quote (or a NUL) used to be a server error on SQLite.
    response = client.get("/fr/search/", {"q": typed})
    assert response.status_code == 200
    assert "Inscriptions multiples" in response.content.decode()


def test_unknown_page_is_404(demo, client):
    assert client.get("/fr/nope/").status_code == 404


def test_legal_notice_names_privacy_officer(demo, client):
    html = client.get("/fr/legal/").content.decode()
    assert "Mentions légales" in html
    assert "Personne responsable de la protection des renseignements personnels" in html


def test_translators_group_can_submit_translations(db):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Translators")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "submit_translation"} <= codenames
    assert group.page_permissions.filter(page=Page.get_first_root_node()).exists()
