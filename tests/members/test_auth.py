"""Logging in with a username or an e-mail, the two "forgot" flows and login throttling."""

import datetime
import re

import pytest
import time_machine

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(name, language="fr", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_login_with_username_then_with_email(client, language):
    user = UserFactory(username="jtremblay", email="j.tremblay@example.org", language=language)
    response = client.post(
        url("members:login", language),
        {"username": "jtremblay", "password": "secret-pass-2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("members:account", language)
    client.logout()
    response = client.post(
        url("members:login", language),
        {"username": "J.Tremblay@Example.org", "password": "secret-pass-2026"},
        follow=True,
    )
    assert response.context["user"] == user
    heading = "Mon compte" if language == "fr" else "My account"
    assert heading in response.content.decode()


def test_a_username_that_is_another_accounts_email_still_logs_in(client):
    # A shared mailbox: one person's e-mail, another's username. Each logs in with their own
    # password; the e-mail no longer hides the username.
    owner = UserFactory(username="gcaron", email="finances@ville.example")
    other = UserFactory(username="finances@ville.example", email="autre@ville.example")
    other.set_password("Autre-mot-2026")
    other.save()
    response = client.post(
        url("members:login"), {"username": "finances@ville.example", "password": "Autre-mot-2026"}
    )
    assert response.status_code == 302 and response.wsgi_request.user == other
    client.logout()
    response = client.post(
        url("members:login"),
        {"username": "Finances@ville.example", "password": "secret-pass-2026"},
    )
    assert response.status_code == 302 and response.wsgi_request.user == owner


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "ne correspondent à aucun compte actif. Seul le mot de passe tient compte des"),
        # The username and the e-mail are matched whatever their case: the message says so.
        ("en", "do not match an active account. Only the password is case-sensitive."),
    ],
)
def test_wrong_password_is_refused_with_a_clear_message(client, language, message):
    UserFactory(username="jtremblay")
    response = client.post(
        url("members:login", language), {"username": "jtremblay", "password": "wrong"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_login_page_links_to_both_forgot_flows_and_signup(client):
    html = client.get(url("members:login")).content.decode()
    assert "Identifiant oublié?" in html
    assert "Mot de passe oublié?" in html
    assert "Créer un dossier" in html
    assert 'name="username"' in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_forgot_username_answers_the_same_for_unknown_addresses(client, sent, language):
    UserFactory(username="jtremblay", email="j.tremblay@example.org", language=language)
    with sent():
        known = client.post(
            url("members:forgot_username", language), {"email": "j.tremblay@example.org"}
        )
    assert len(mail.outbox) == 1
    assert "jtremblay" in mail.outbox[0].body
    assert mail.outbox[0].to == ["j.tremblay@example.org"]
    expected = "Votre nom d’utilisateur" if language == "fr" else "Your username"
    assert mail.outbox[0].subject == expected
    with sent():
        unknown = client.post(
            url("members:forgot_username", language), {"email": "nobody@example.org"}
        )
    assert len(mail.outbox) == 1
    assert known.status_code == unknown.status_code == 200
    assert [t.name for t in known.templates] == [t.name for t in unknown.templates]
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(known.content.decode()) == strip(unknown.content.decode())


@pytest.mark.parametrize("language", ["fr", "en"])
def test_forgot_username_bad_input(client, language):
    response = client.post(url("members:forgot_username", language), {"email": "not-an-address"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not mail.outbox


@pytest.mark.parametrize("language", ["fr", "en"])
def test_password_reset_answers_the_same_and_the_link_works_once(client, sent, language):
    user = UserFactory(email="j.tremblay@example.org", language=language)
    with sent():
        known = client.post(
            url("members:password_reset", language), {"email": "j.tremblay@example.org"}
        )
        unknown = client.post(
            url("members:password_reset", language), {"email": "nobody@example.org"}
        )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/password-reset/[^\s]+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    assert path.startswith(f"/{language}/")
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Nouveau-mot-2026!", "new_password2": "Nouveau-mot-2026!"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nouveau-mot-2026!")
    # Single use: the same link no longer offers the form.
    response = client.get(path, follow=True)
    assert response.context["validlink"] is False


def test_an_invited_colleague_without_a_password_gets_a_link_to_choose_one(client, sent):
    # Staff approved a delegate's request: the account has no password yet, and the
    # invitation's link expired. "Mot de passe oublié?" must still send a link.
    invited = UserFactory(email="invite@example.org", language="fr")
    invited.set_unusable_password()
    invited.save()
    with sent():
        client.post(url("members:password_reset"), {"email": "INVITE@example.org"})
    (message,) = mail.outbox
    assert message.to == ["invite@example.org"]
    path = re.search(r"https?://testserver(\S+/password-reset/\S+/)", message.body).group(1)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Premier-Mot-2026", "new_password2": "Premier-Mot-2026"}
    )
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.check_password("Premier-Mot-2026")


def test_password_reset_sends_nothing_to_an_inactive_or_look_alike_address(client, sent):
    UserFactory(email="ferme@example.org", is_active=False)
    UserFactory(email="mik@example.org")
    with sent():
        client.post(url("members:password_reset"), {"email": "ferme@example.org"})
        # "ı" (dotless i) is not "i", though lower() would make them match.
        client.post(url("members:password_reset"), {"email": "mık@example.org"})
    assert mail.outbox == []


def _fail(client, identifier, times, path=None):
    for _ in range(times):
        response = client.post(
            path or url("members:login"), {"username": identifier, "password": "wrong"}
        )
    return response


def test_throttling_locks_then_releases_after_the_cool_off(client):
    user = UserFactory(username="jtremblay", email="j.tremblay@example.org")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        response = _fail(client, "jtremblay", 5)
        response = client.post(
            url("members:login"), {"username": "jtremblay", "password": "secret-pass-2026"}
        )
        assert response.status_code == 429
        html = response.content.decode()
        assert "Trop de tentatives" in html
        assert not response.wsgi_request.user.is_authenticated
        traveller.shift(datetime.timedelta(minutes=16))
        response = client.post(
            url("members:login"), {"username": "jtremblay", "password": "secret-pass-2026"}
        )
        assert response.status_code == 302
        assert response.wsgi_request.user == user


def test_the_email_and_the_username_share_one_lockout_count(client):
    UserFactory(username="jtremblay", email="j.tremblay@example.org")
    _fail(client, "jtremblay", 3)
    # From the same address, the e-mail form counts for the same key: 3 + 2 failures lock.
    _fail(client, "J.Tremblay@example.org", 2)
    response = client.post(
        url("members:login"), {"username": "jtremblay", "password": "secret-pass-2026"}
    )
    assert response.status_code == 429


def test_lockout_page_in_english(client):
    UserFactory(username="jtremblay")
    _fail(client, "jtremblay", 5, url("members:login", "en"))
    response = client.post(
        url("members:login", "en"), {"username": "jtremblay", "password": "secret-pass-2026"}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_wagtail_admin_login_is_throttled_too(client):
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    _fail(client, "boss", 5, "/admin/login/")
    response = client.post("/admin/login/", {"username": "boss", "password": "secret-pass-2026"})
    assert response.status_code == 429


def test_logout_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(url("members:logout"))
    assert response.status_code == 302
    response = client.get(url("members:file"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("members:login"))


def test_sessions_end_after_inactivity_but_activity_keeps_them(client):
    client.force_login(UserFactory())
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(3):  # each visit within the limit pushes the expiry back
            traveller.shift(datetime.timedelta(minutes=90))
            assert client.get(url("members:file")).status_code == 200
        traveller.shift(datetime.timedelta(hours=2, minutes=1))
        response = client.get(url("members:file"))
    assert response.status_code == 302
    assert response["Location"].startswith(url("members:login"))


def test_a_lockout_holds_one_account_from_one_address_only(client):
    UserFactory(username="victime")
    UserFactory(username="voisine")
    _fail(client, "victime", 5)
    response = client.post(
        url("members:login"), {"username": "victime", "password": "secret-pass-2026"}
    )
    assert response.status_code == 429
    # The owner, from another address, can still log in to that account...
    response = client.post(
        url("members:login"),
        {"username": "victime", "password": "secret-pass-2026"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    # ...and another account logs in from the address that failed.
    other = type(client)()
    response = other.post(
        url("members:login"), {"username": "voisine", "password": "secret-pass-2026"}
    )
    assert response.status_code == 302
