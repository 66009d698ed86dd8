"""Wagtail's own user screens (Settings > Users) hold to the people screen's rules: one account
per e-mail and username whatever their case, and deleting users erases them."""

from html import unescape

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import ModelLogEntry

from members.models import User
from tests.factories import UserFactory, speaks, staff_with

from .test_admin import assert_untouched, keep, person_with_traces

pytestmark = pytest.mark.django_db

ERASED = ("members.person_deleted", "members.anonymised")


@pytest.fixture
def officer(client):
    user = staff_with("add_user", "change_user", "delete_user", username="officer")
    client.force_login(user)
    return user


def user_form(**fields):
    return {
        "username": "nouvelle",
        "email": "nouvelle@example.org",
        "first_name": "Nadia",
        "last_name": "Nouvelle",
        "password1": "Un-mot-de-passe-2026",
        "password2": "Un-mot-de-passe-2026",
        "is_active": "on",
        **fields,
    }


@pytest.mark.parametrize(
    ("field", "taken", "message"),
    [
        ("email", "Marie.Tremblay@Example.org", "Un autre dossier utilise déjà ce courriel."),
        ("username", "MTremblay", "Ce nom d’utilisateur est déjà pris. Choisissez-en un autre."),
    ],
)
def test_a_new_user_cannot_take_an_email_or_username_in_other_capitals(
    client, officer, field, taken, message
):
    """Login by e-mail and "Forgot your username?" find the account whatever the case: a
    second account with the same address or username in other capitals would lock both out.
    Before, Wagtail's screen compared them exactly and created the second account."""
    UserFactory(username="mtremblay", email="marie.tremblay@example.org")
    response = client.post(reverse("wagtailusers_users:add"), user_form(**{field: taken}))
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert (
        not User.objects.filter(**{f"{field}__iexact": taken})
        .exclude(username="mtremblay")
        .exists()
    )
    # Capitals of its own: the account is created.
    response = client.post(reverse("wagtailusers_users:add"), user_form())
    assert response.status_code == 302
    assert User.objects.filter(username="nouvelle").exists()


def test_editing_a_user_keeps_their_own_email_and_refuses_another_accounts(client, officer):
    UserFactory(username="mtremblay", email="marie.tremblay@example.org")
    other = UserFactory(username="jroy", email="j.roy@example.org", first_name="J", last_name="R")
    url = reverse("wagtailusers_users:edit", args=[other.pk])
    edit = {
        **user_form(username="jroy", email="J.Roy@example.org"),
        "password1": "",
        "password2": "",
    }
    assert client.post(url, edit).status_code == 302
    speaks(officer, "en")
    response = client.post(url, {**edit, "email": "MARIE.TREMBLAY@example.org"})
    assert response.status_code == 200
    assert "Another file already uses this e-mail." in unescape(response.content.decode())
    other.refresh_from_db()
    assert other.email == "J.Roy@example.org"


def test_deleting_a_user_erases_them_as_the_people_screen_does(
    client, officer, django_capture_on_commit_callbacks
):
    """Before, Settings > Users deleted the row alone: the person's private files, login logs,
    session and name in the audit trail stayed."""
    person, files, session_key = person_with_traces()
    pk = person.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailusers_users:delete", args=[pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailusers_users:index")
    assert not User.objects.filter(pk=pk).exists()
    entry = ModelLogEntry.objects.get(action="members.person_deleted")
    assert (entry.object_id, entry.user_id) == (str(pk), officer.pk)
    assert not any(storage.exists(name) for storage, name in files)
    trail = str(list(ModelLogEntry.objects.values_list("label", "data")))
    assert "Amours" not in trail and "zdamours" not in trail


def test_a_user_an_attestation_keeps_is_refused_with_the_way_out(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person, files, session_key = person_with_traces()
        keep(person, "attestation")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailusers_users:delete", args=[person.pk]), follow=True)
    assert "Impossible de supprimer « Zoé D'Amours »" in unescape(response.content.decode())
    assert_untouched(person, files, session_key)


def test_deleting_several_users_erases_each_and_keeps_those_records_keep(
    client, officer, django_capture_on_commit_callbacks
):
    """The listing's bulk "Delete": the free person is erased, the one an attestation keeps
    stays as they were, and the message names them. Before, the bulk delete removed the rows
    alone, and a kept person gave a server error that deleted nobody."""
    with django_capture_on_commit_callbacks(execute=True):
        kept, files, session_key = person_with_traces()
        keep(kept, "attestation")
    free = UserFactory(first_name="Libre", last_name="Départ")
    url = reverse("wagtail_bulk_action", args=["members", "user", "delete"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{url}?id={kept.pk}&id={free.pk}&next={reverse('wagtailusers_users:index')}",
            follow=True,
        )
    page = unescape(response.content.decode())
    assert not User.objects.filter(pk=free.pk).exists()
    assert ModelLogEntry.objects.filter(action="members.person_deleted").count() == 1
    assert "Impossible de supprimer « Zoé D'Amours »" in page
    assert "1 utilisateur a été supprimé" in page
    # The person deleted is told; the one kept is not (assert_untouched).
    closed = [sent.to for sent in mail.outbox if sent.subject == "Votre compte est fermé"]
    assert closed == [[free.email]]
    assert_untouched(kept, files, session_key)
