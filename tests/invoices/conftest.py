import pytest

from . import stripe_fake


@pytest.fixture
def fake_stripe(monkeypatch):
    return stripe_fake.install(monkeypatch)


@pytest.fixture
def payment_settings(db):

    from invoices.models import PaymentSettings
    from tests.factories import default_site

    site = default_site()
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


@pytest.fixture
def accountant(db):
    """Staff with the billing permission (not a superuser)."""
    from django.contrib.auth.models import Group, Permission

    from tests.factories import UserFactory

    group = Group.objects.create(name="Comptabilité")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="record_payment"),
    )
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return user
