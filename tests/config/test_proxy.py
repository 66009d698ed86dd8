"""Behind the reverse proxy: django-axes locks the pair (account, real client address), the
address taken from X-Forwarded-For as far as TRUSTED_PROXY_COUNT proxies vouch for it."""

import pytest
from axes.models import AccessAttempt

from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # every request reaches Django from the proxy's address


def login(client, username, password, client_address):
    return client.post(
        reverse("members:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_five_failures_through_the_proxy_lock_that_account_from_that_client_only(client):
    UserFactory(username="cible")
    UserFactory(username="collegue")
    for _ in range(4):
        assert login(client, "cible", "wrong", "203.0.113.7").status_code == 200
    assert login(client, "cible", "wrong", "203.0.113.7").status_code == 429  # the fifth
    # The attempts are recorded under the client's address, not the proxy's.
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}

    assert login(client, "cible", "secret-pass-2026", "203.0.113.7").status_code == 429
    # Another account, through the same proxy, even from the same client: not locked.
    assert login(client, "collegue", "secret-pass-2026", "203.0.113.7").status_code == 302
    # The account's owner, from another address behind the same proxy: not locked.
    assert login(client, "cible", "secret-pass-2026", "198.51.100.20").status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_forged_forwarded_for_does_not_escape_the_lockout(client):
    UserFactory(username="cible")
    # The client writes its own X-Forwarded-For; the proxy appends the real address after it.
    for n in range(5):
        login(client, "cible", "wrong", f"192.0.2.{n}, 203.0.113.7")
    response = login(client, "cible", "secret-pass-2026", "192.0.2.99, 203.0.113.7")
    assert response.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_the_header_is_ignored(client):
    UserFactory(username="cible")
    for n in range(5):
        login(client, "cible", "wrong", f"192.0.2.{n}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}
