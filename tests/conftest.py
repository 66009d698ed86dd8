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
