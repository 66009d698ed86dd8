import pytest

from django.urls import NoReverseMatch, reverse

from . import stripe_fake


@pytest.fixture
def fake_stripe(monkeypatch):
    return stripe_fake.install(monkeypatch)


@pytest.fixture(autouse=True)
def login_url(settings):
    """Until the members app has its login view, send anonymous people to a plain path."""
    try:
        reverse(settings.LOGIN_URL)
    except NoReverseMatch:
        settings.LOGIN_URL = "/fr/account/login/"
    return settings.LOGIN_URL
