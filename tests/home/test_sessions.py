import datetime

import time_machine

from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.factories import UserFactory


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_session_is_pushed_back_by_activity_without_a_write_on_every_page(client, locales):
    client.force_login(UserFactory())
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.get(reverse("members:account"))
        first = _expiry(client)
    with time_machine.travel(start + datetime.timedelta(minutes=2), tick=False):
        client.get(reverse("members:account"))
        assert _expiry(client) == first  # no write two minutes later
    with time_machine.travel(start + datetime.timedelta(minutes=90), tick=False):
        client.get(reverse("members:account"))
        assert _expiry(client) == first + datetime.timedelta(minutes=90)


def test_two_hours_without_activity_end_the_session(client, locales):
    client.force_login(UserFactory())
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        assert client.get(reverse("members:account")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=2, minutes=1), tick=False):
        response = client.get(reverse("members:account"))
    assert response.status_code == 302 and reverse("members:login") in response["Location"]
