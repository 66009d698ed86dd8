"""The demo's English pages are wagtail-localize translations of the French ones (issue 14,
point 2): editors get "Sync translated pages" and "Translate", with the demo's English text."""

from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from events.models import EventPage
from guide.models import GuidePage
from home.models import HomePage

pytestmark = pytest.mark.django_db


def _translation(page):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )


@pytest.mark.parametrize("model", [HomePage, GuidePage, EventPage])
def test_english_pages_are_translations_of_the_french_ones(demo, model):
    english_pages = model.objects.filter(locale__language_code="en")
    assert english_pages.exists()
    for english in english_pages:
        translation = _translation(english)
        assert translation.source.locale.language_code == "fr"
        assert translation.source.get_source_instance() == english.get_translation(
            translation.source.locale
        )
        done, total = translation.get_progress()
        assert done == total > 0, english


def test_every_english_page_of_the_demo_is_a_translation(demo):
    for english in Page.objects.filter(locale__language_code="en", depth__gt=1):
        assert _translation(english).enabled


def test_the_english_pages_read_the_demo_english_text(demo, client):
    html = client.get("/en/guides/participant-guide/").content.decode()
    assert "Participant guide" in html
    html = client.get("/en/events/preparing-and-presenting-the-municipal-budget/").content.decode()
    assert "The training documents are available under" in html and "One-day training" in html
    assert "Formation d’une journée" not in html
    html = client.get("/en/").content.decode()
    assert HomePage.objects.get(locale__language_code="en").title in html


def test_a_french_edit_reaches_the_english_page_at_the_next_synchronisation(demo):
    from wagtail_localize.models import TranslationSource

    french = EventPage.objects.get(
        locale__language_code="fr", slug="preparer-et-presenter-le-budget-municipal"
    )
    english = EventPage.objects.get(
        translation_key=french.translation_key, locale__language_code="en"
    )
    french.capacity = 12
    french.save_revision().publish()
    source, _ = TranslationSource.update_or_create_from_instance(french)
    Translation.objects.get(source=source, target_locale=english.locale).save_target()
    english.refresh_from_db()
    assert english.capacity == 12
    assert english.title == "Preparing and presenting the municipal budget"


def test_load_demo_twice_keeps_one_translation_per_page(demo):
    translations = Translation.objects.count()
    strings = StringTranslation.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Translation.objects.count() == translations
    assert StringTranslation.objects.count() == strings


def test_the_demo_training_has_documents_in_both_languages(demo):
    pages = EventPage.objects.filter(
        slug__in=[
            "preparer-et-presenter-le-budget-municipal",
            "preparing-and-presenting-the-municipal-budget",
        ]
    )
    documents = {p.locale.language_code: [b.value for b in p.documents] for p in pages}
    assert len(documents["fr"]) == 2 and documents["fr"] == documents["en"]
    for doc in documents["fr"]:
        with doc.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
