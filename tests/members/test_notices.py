"""The e-mails that tell a person what happened to their account: welcome, password changed,
e-mail changed (to the old address), delegate role granted; each in the person's language."""

import re

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import translation

from members import services
from members.models import User
from tests.factories import OrganizationFactory, UserFactory

from .test_signup import walk

pytestmark = pytest.mark.django_db


def url(name, language="fr", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_creer_un_dossier_sends_a_welcome_in_the_files_language(client, sent):
    organization = OrganizationFactory()
    with sent():
        # The pages in English, the file in French (chosen at step 1): the e-mail is French.
        walk(
            client,
            "en",
            {"organization": organization.pk, "title": "Greffière", "start_date": "2024-03-04"},
            {"expertise": ""},
            {"subscriptions": []},
        )
    (welcome,) = to("jeanne.lapointe@example.org")
    assert User.objects.get(username="jlapointe").language == "fr"
    assert welcome.subject == "Bienvenue : votre dossier est créé"
    assert "jlapointe" in welcome.body and "/fr/account/login/" in welcome.body


def test_welcome_in_english_for_an_english_file(sent):
    organization = OrganizationFactory()
    with sent():
        services.create_file(
            identity={
                "username": "lroy",
                "first_name": "Léa",
                "last_name": "Roy",
                "email": "lea.roy@example.org",
                "language": "en",
                "password_hash": "!",
            },
            work_address={"city": "Lévis"},
            personal_address={},
            employment={"organization": organization, "title": "Clerk"},
            information={},
            subscriptions=[],
        )
    (welcome,) = to("lea.roy@example.org")
    assert welcome.subject == "Welcome: your file is created"
    assert '<html lang="en">' in welcome.alternatives[0][0]


def test_password_change_tells_the_person(client, sent):
    user = UserFactory(email="m.cote@example.org", language="en")
    client.force_login(user)
    with sent():
        client.post(
            url("members:password"),
            {"old_password": "wrong", "new_password1": "x", "new_password2": "x"},
        )
    assert mail.outbox == []
    with sent():
        response = client.post(
            url("members:password"),
            {
                "old_password": "secret-pass-2026",
                "new_password1": "Autre-Secret-2026",
                "new_password2": "Autre-Secret-2026",
            },
        )
    assert response.status_code == 302
    (notice,) = to("m.cote@example.org")
    assert notice.subject == "Your password was changed"
    assert "/en/account/password-reset/" in notice.body


def test_password_reset_tells_the_person_but_not_an_invited_colleague(client, sent):
    UserFactory(email="j.tremblay@example.org")
    with sent():
        client.post(url("members:password_reset"), {"email": "j.tremblay@example.org"})
    link = re.search(r"https?://testserver(\S+/password-reset/\S+/)", mail.outbox[0].body)
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    mail.outbox.clear()
    with sent():
        client.post(
            form_url, {"new_password1": "Nouveau-mot-2026!", "new_password2": "Nouveau-mot-2026!"}
        )
    (notice,) = to("j.tremblay@example.org")
    assert notice.subject == "Votre mot de passe a été changé"
    # An invited colleague choosing a first password is not told it "changed".
    invited = UserFactory(email="invite@example.org")
    invited.set_unusable_password()
    invited.save()
    with translation.override("fr"):
        path = services.set_password_url(invited).split("testserver", 1)[1]
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    with sent():
        client.post(
            form_url, {"new_password1": "Premier-Mot-2026", "new_password2": "Premier-Mot-2026"}
        )
    invited.refresh_from_db()
    assert invited.has_usable_password()
    assert to("invite@example.org") == []


def test_a_confirmed_email_change_notifies_the_old_address(sent):
    user = UserFactory(email="ancienne@example.org", language="en")
    with sent():
        token = services.request_email_change(user, new_email="nouvelle@example.org", by=user)
    assert to("ancienne@example.org") == []  # nothing changed yet
    with sent():
        services.confirm_email_change(token, by=user)
    (notice,) = to("ancienne@example.org")
    assert notice.subject == "The e-mail address of your account was changed"
    assert "nouvelle@example.org" not in notice.body  # the new address is not revealed


def test_granting_the_delegate_role_tells_the_delegate_once(sent):
    organization = OrganizationFactory(name="Ville de Lévis")
    delegate = UserFactory(email="delegue@example.org", language="en")
    staff = UserFactory(is_staff=True)
    with sent():
        services.grant_delegate(user=delegate, organization=organization, by=staff)
        services.grant_delegate(user=delegate, organization=organization, by=staff)
    (notice,) = to("delegue@example.org")
    assert notice.subject == "You are now a delegate for Ville de Lévis"
    assert "copy of the confirmations" in notice.body
    assert "/en/account/" in notice.body
