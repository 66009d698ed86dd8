"""Membership categories in the admin: one default category, and an active one."""

from decimal import Decimal

import pytest

from django.urls import reverse

from membership.models import MembershipCategory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_membership_membershipcategory:add"


def fields(name, **extra):
    return {"name": name, "dues": "120.00", "sort_order": "1", **extra}


@pytest.fixture
def editor(client, locales):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_second_default_category_is_refused_and_names_the_first(editor):
    MembershipCategory.objects.create(name="Régulier", dues=Decimal("300"), is_default=True)
    response = editor.post(
        reverse(ADD) + "?locale=fr", fields("Étudiant", is_active="on", is_default="on")
    )
    assert response.status_code == 200
    assert "« Régulier » est déjà la catégorie par défaut" in response.content.decode()
    assert not MembershipCategory.objects.filter(name="Étudiant").exists()
    # Not the default: saved.
    response = editor.post(reverse(ADD) + "?locale=fr", fields("Étudiant", is_active="on"))
    assert response.status_code == 302
    assert MembershipCategory.objects.get(name="Étudiant").is_default is False


def test_the_default_category_must_be_active(editor):
    response = editor.post(reverse(ADD) + "?locale=fr", fields("Honoraire", is_default="on"))
    assert response.status_code == 200
    assert "La catégorie par défaut doit être active." in response.content.decode()
    assert not MembershipCategory.objects.exists()
