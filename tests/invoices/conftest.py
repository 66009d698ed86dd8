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


@pytest.fixture
def payment_settings(db):
    from wagtail.models import Site

    from invoices.models import PaymentSettings

    site = Site.objects.get(is_default_site=True)
    values = PaymentSettings.for_site(site)
    values.payee = "Association fictive"
    values.mailing_address = "C.P. 123, succursale Test\nQuébec QC  G1A 0A0"
    values.bank_name = "Caisse fictive"
    values.bank_transit = "00000"
    values.bank_institution = "000"
    values.bank_account = "0000000"
    values.interac_email = "paiements@test.example"
    values.save()
    return values
