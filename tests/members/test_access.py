"""Every member-area URL: anonymous visitors go to login; other people's objects are 404."""

import pytest

from django.urls import reverse
from django.utils import translation

from tests.factories import FunctionFactory, UserFactory

pytestmark = pytest.mark.django_db

PRIVATE = [
    "account",
    "file",
    "photo",
    "username",
    "email",
    "addresses",
    "information",
    "functions",
    "subscriptions",
    "interests",
    "password",
    "directory_preferences",
    "download_data",
    "deletion_request",
    "directory",
    "account_request",
]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", PRIVATE)
def test_anonymous_visitors_are_sent_to_login(client, name, language):
    with translation.override(language):
        target = reverse(f"members:{name}")
        login = reverse("members:login")
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{login}?next=")


def test_anonymous_cannot_end_a_function(client):
    function = FunctionFactory()
    response = client.post(reverse("members:function_end", args=[function.pk]))
    assert response.status_code == 302
    function.refresh_from_db()
    assert function.end_date is None


def test_another_members_function_id_is_a_404(client):
    mine = FunctionFactory()
    other = FunctionFactory()
    client.force_login(mine.user)
    response = client.post(
        reverse("members:function_end", args=[other.pk]), {f"end{other.pk}-end_date": "2025-01-01"}
    )
    assert response.status_code == 404
    # An ended function of one's own cannot be ended again either.
    mine.end_date = mine.start_date
    mine.save()
    response = client.post(
        reverse("members:function_end", args=[mine.pk]), {f"end{mine.pk}-end_date": "2025-01-01"}
    )
    assert response.status_code == 404


def test_account_requests_are_for_delegates_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("members:account_request")).status_code == 404


def test_pages_show_only_the_current_users_file(client):
    me = UserFactory(first_name="Moi", last_name="Même")
    other = UserFactory(
        first_name="Autre", last_name="Personne", allergies="Arachides", allergies_consent=True
    )
    FunctionFactory(user=other, title="Poste secret")
    client.force_login(me)
    for name in ["file", "functions", "information", "addresses", "download_data"]:
        html = client.get(reverse(f"members:{name}")).content.decode()
        assert "Personne" not in html and "Arachides" not in html and "Poste secret" not in html
