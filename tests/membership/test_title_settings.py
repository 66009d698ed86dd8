"""Staff set the title and dues rules in the admin (Settings → title and dues rules): a cycle of
no years, negative credits or dues out of bounds are refused on their field (before, a cycle of
0 years was saved, and every member's "Titre et attestations" page answered a server error)."""

from decimal import Decimal

import pytest

from django.urls import reverse

from membership.models import TitleSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RULES = {
    "title_name": "GMC",
    "credits_to_obtain": "60",
    "credits_per_cycle": "30",
    "cycle_years": "3",
    "cycle_start": "2024-01-01",
    "annual_dues": "325.00",
    "dues_taxable": "on",
}


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("cycle_years", "0", "supérieure ou égale à 1"),
        ("cycle_years", "500", "inférieure ou égale à 10"),
        ("credits_to_obtain", "-60", "supérieure ou égale à 0"),
        ("credits_per_cycle", "-1", "supérieure ou égale à 0"),
        ("annual_dues", "-325", "supérieure ou égale à 0"),
        ("annual_dues", "999999.99", "inférieure ou égale à 99999.99"),
    ],
)
def test_the_rules_out_of_bounds_are_refused_and_the_title_page_stays_up(
    client, field, value, error
):
    url = reverse(
        "wagtailsettings:edit", args=["membership", "titlesettings", TitleSettings.load().pk]
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(url, {**RULES, field: value}, follow=True)
    assert response.status_code == 200
    assert error in response.content.decode()
    rules = TitleSettings.load()
    assert (rules.cycle_years, rules.credits_to_obtain, rules.annual_dues) == (
        3,
        Decimal("60"),
        Decimal("325.00"),
    )
    member = UserFactory()
    client.force_login(member)
    assert client.get("/fr/account/title/").status_code == 200


def test_rules_within_bounds_are_saved(client):
    url = reverse(
        "wagtailsettings:edit", args=["membership", "titlesettings", TitleSettings.load().pk]
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.post(url, {**RULES, "cycle_years": "2", "credits_per_cycle": "0"}, follow=True)
    rules = TitleSettings.load()
    assert (rules.cycle_years, rules.credits_per_cycle) == (2, Decimal("0"))
