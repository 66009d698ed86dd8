from io import StringIO

import pytest

from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo content, loaded as `make run` loads it."""
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def locales(db):
    from wagtail.models import Locale

    fr, _ = Locale.objects.get_or_create(language_code="fr")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return fr, en


@pytest.fixture(autouse=True)
def clear_cache():
    """Wagtail caches the site root paths; a rolled-back test must not leave its pages there."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in French, the site's default: a request to an /en/ page leaves English
    active in the thread, which would otherwise leak into the next test's reverse() calls."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.deactivate()
