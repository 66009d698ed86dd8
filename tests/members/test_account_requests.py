"""Delegates ask for accounts for colleagues; staff approve (invitation) or reject."""

import re

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import translation

from home.errors import QuorumError
from members import services
from members.models import AccountRequest, User
from tests.factories import DelegateGrantFactory, OrganizationFactory, UserFactory

from .factories import AccountRequestFactory

pytestmark = pytest.mark.django_db


def url(name, language="fr"):
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def grant():
    return DelegateGrantFactory(user__email="delegue@example.org", organization__name="Ville A")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_delegate_sends_a_request_and_sees_it_listed(client, grant, language):
    client.force_login(grant.user)
    page = client.get(url("members:account_request", language))
    assert page.status_code == 200
    assert "Ville A" in page.content.decode()
    response = client.post(
        url("members:account_request", language),
        {
            "first_name": "Léa",
            "last_name": "Roy",
            "email": "lea.roy@example.org",
            "organization": grant.organization.pk,
            "title": "Technicienne",
            "language": "fr",
        },
        follow=True,
    )
    request = AccountRequest.objects.get()
    assert request.requested_by == grant.user and request.status == AccountRequest.Status.PENDING
    html = response.content.decode()
    assert "Léa Roy" in html
    assert ("En attente" if language == "fr" else "Pending") in html
    # The hub links to the page for delegates.
    assert (
        url("members:account_request", language)
        in client.get(url("members:account", language)).content.decode()
    )


def test_bad_input_and_foreign_organization(client, grant):
    client.force_login(grant.user)
    foreign = OrganizationFactory()
    UserFactory(email="existe@example.org")
    response = client.post(
        url("members:account_request"),
        {
            "first_name": "",
            "last_name": "Roy",
            "email": "existe@example.org",
            "organization": foreign.pk,
            "title": "T",
            "language": "fr",
        },
    )
    html = response.content.decode()
    for field in ("first_name", "email", "organization"):
        assert f'id="id_{field}_error"' in html
    assert not AccountRequest.objects.exists()
    with pytest.raises(QuorumError):
        services.request_account(
            by=grant.user,
            organization=foreign,
            first_name="A",
            last_name="B",
            email="ab@example.org",
            title="T",
        )


def test_an_email_longer_than_an_account_keeps_is_refused_on_the_field(client, grant):
    client.force_login(grant.user)
    too_long = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 63]) + ".ca"
    response = client.post(
        url("members:account_request"),
        {
            "first_name": "Léa",
            "last_name": "Roy",
            "email": too_long,
            "organization": grant.organization.pk,
            "title": "Technicienne",
            "language": "fr",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_email_error"' in html and "au plus 254 caractères" in html
    assert not AccountRequest.objects.exists()


def test_approval_creates_the_account_and_invites_once(client, grant, sent):
    request = AccountRequestFactory(
        requested_by=grant.user,
        organization=grant.organization,
        email="lea.roy@example.org",
        language="en",
    )
    staff = UserFactory(is_staff=True)
    with sent():
        user = services.approve_account_request(request, by=staff)
    assert user.is_active
    assert user.current_organization == grant.organization
    assert user in services.colleagues_for_delegate(grant.user)
    invitation = next(m for m in mail.outbox if m.to == ["lea.roy@example.org"])
    assert invitation.subject == "Your account is ready: choose your password"
    assert any(m.to == ["delegue@example.org"] for m in mail.outbox)
    path = re.search(r"https?://testserver(\S+)", invitation.body).group(1)
    assert path.startswith("/en/")
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(
        form_url, {"new_password1": "Premier-Mot-2026", "new_password2": "Premier-Mot-2026"}
    )
    user.refresh_from_db()
    assert user.check_password("Premier-Mot-2026")
    assert client.get(path, follow=True).context["validlink"] is False
    request.refresh_from_db()
    assert request.status == AccountRequest.Status.APPROVED and request.created_user == user
    with pytest.raises(QuorumError):
        services.approve_account_request(request, by=staff)


def test_rejection_tells_the_delegate_why(grant, sent):
    request = AccountRequestFactory(requested_by=grant.user, organization=grant.organization)
    with sent():
        services.reject_account_request(
            request, by=UserFactory(is_staff=True), reason="Déjà un compte sous un autre nom"
        )
    request.refresh_from_db()
    assert request.status == AccountRequest.Status.REJECTED
    assert mail.outbox[0].to == ["delegue@example.org"]
    assert "Déjà un compte sous un autre nom" in mail.outbox[0].body
    assert not User.objects.filter(email=request.email).exists()
