"""The one-click unsubscribe: no sign-in, a signed token, "Mes abonnements" updated, the audit
log written; RFC 8058's POST; a tampered token refused."""

import json
import re

import pytest

from django.core import mail, signing
from django.urls import reverse
from django.utils import translation

from members.models import Subscription
from messaging import services
from messaging.audience import audience
from tests.factories import UserFactory

from .conftest import make_message, subscribe

pytestmark = pytest.mark.django_db

NEWS = Subscription.List.NEWSLETTER


def _path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def _ticked(html, code):
    tag = re.search(rf'<input[^>]*value="{code}"[^>]*>', html).group(0)
    return "checked" in tag


def test_the_emails_link_unsubscribes_without_signing_in(client, association, sent):
    from wagtail.models import ModelLogEntry

    person = subscribe(UserFactory(), NEWS, Subscription.List.EVENTS)
    staff = UserFactory(is_staff=True, is_superuser=True)
    with sent():
        services.send_message(make_message(consent_list=NEWS), by=staff)
    (email,) = [e for e in mail.outbox if e.to == [person.email]]
    link = re.search(r"https?://\S+/messages/unsubscribe/\S+", email.body).group(0)
    assert person.email not in link and person.username not in link

    response = client.get(_path(link))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vous êtes désabonné de la liste « Infolettre »" in html
    assert "Me réabonner" in html
    subscription = person.subscriptions.get(list=NEWS)
    assert not subscription.subscribed
    assert person.subscriptions.get(list=Subscription.List.EVENTS).subscribed
    entry = ModelLogEntry.objects.for_instance(person).get(action="messaging.unsubscribed")
    assert entry.data == {"list": NEWS}

    # "Mes abonnements" shows the list unticked, the others as they were.
    client.force_login(person)
    html = client.get(reverse("members:subscriptions")).content.decode()
    assert not _ticked(html, NEWS) and _ticked(html, Subscription.List.EVENTS)

    # The next message under that list no longer reaches the person.
    assert person not in audience(make_message(consent_list=NEWS))


def test_the_page_speaks_the_persons_language_and_offers_to_subscribe_again(client):
    person = subscribe(UserFactory(language="en"), NEWS)
    url = _path(services.unsubscribe_url(person, NEWS, "en"))
    assert url.startswith("/en/")
    html = client.get(url).content.decode()
    assert "You are unsubscribed from the list “Newsletter”" in html
    resubscribe = re.search(r'action="([^"]+/resubscribe/[^"]+)"', html).group(1)
    response = client.post(resubscribe)
    assert response.status_code == 200
    assert "You are subscribed again" in response.content.decode()
    assert person.subscriptions.get(list=NEWS).subscribed


def test_one_click_post_from_the_mail_program(client):
    person = subscribe(UserFactory(), NEWS)
    url = _path(services.unsubscribe_url(person, NEWS, "fr"))
    client.handler.enforce_csrf_checks = True
    response = client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not person.subscriptions.get(list=NEWS).subscribed


def _payload_of_the_next_person(token):
    user_id, code = signing.loads(token, salt=services.UNSUBSCRIBE_SALT)
    return signing.b64_encode(
        json.dumps([user_id + 1, code], separators=(",", ":")).encode()
    ).decode()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        # Another person's id with this person's signature.
        lambda token: _payload_of_the_next_person(token) + token[token.index(":") :],
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_token_is_refused(client, tamper):
    person = subscribe(UserFactory(), NEWS)
    subscribe(UserFactory(), NEWS)  # the next person, whom the tampered token names
    token = services.unsubscribe_token(person, NEWS)
    with translation.override("fr"):
        url = reverse("messaging:unsubscribe", args=[tamper(token)])
    response = client.get(url)
    assert response.status_code == 400
    assert "Lien non valide" in response.content.decode()
    assert person.subscriptions.get(list=NEWS).subscribed
    assert (
        client.post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 400
    )


def test_a_token_of_an_erased_account_finds_nobody(client):
    person = subscribe(UserFactory(), NEWS)
    url = _path(services.unsubscribe_url(person, NEWS, "fr"))
    person.delete()
    assert client.get(url).status_code == 404
