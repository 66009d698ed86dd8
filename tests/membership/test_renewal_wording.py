"""What the renewal pages, the renewal e-mail and the staff listing say must be true for the
person reading them: a non-member, a second click, a lapsed member who chooses "Devenir
membre", a site without card payments, staff who read English, a delegate with nobody left
to renew."""

import pytest

from django.core import mail
from django.urls import reverse

from membership import periods
from membership.models import Membership
from tests.factories import UserFactory, speaks

from .test_periods import member
from .test_renewal_pages import D, at, delegate_with_colleague

pytestmark = pytest.mark.django_db


def test_renewing_again_says_the_invoice_is_already_issued(
    client, django_capture_on_commit_callbacks
):
    """A second click (or an old page sent again) issues nothing and does not claim an e-mail
    that was not sent."""
    person = member()
    url = reverse("membership:renew")
    with at(D(2026, 12, 10)):
        client.force_login(person)
        with django_capture_on_commit_callbacks(execute=True):
            first = client.post(url, follow=True).content.decode()
            second = client.post(url, follow=True).content.decode()
    assert "Nous vous l’avons aussi envoyée par courriel." in first
    assert "Votre facture de renouvellement est déjà émise" in second
    assert "aussi envoyée par courriel" not in second
    assert len(mail.outbox) == 1
    assert Membership.objects.filter(user=person, status=Membership.Status.PENDING).count() == 1


def test_a_non_member_is_invited_to_join_rather_than_promised_a_renewal(client):
    client.force_login(UserFactory(is_member=False))
    page = client.get(reverse("membership:renew")).content.decode()
    assert "Vous n’êtes pas membre." in page
    assert "nous vous enverrons la facture de renouvellement" not in page
    assert reverse("membership:apply") in page
    english = client.get("/en/account/membership/renew/").content.decode()
    assert "Only members renew a membership." in english


def test_a_lapsed_member_who_chooses_become_a_member_is_led_to_the_renewal(client):
    from membership.models import MembershipApplication

    person = member()
    person.is_member = False  # as the daily run leaves it after the lapse
    person.save()
    with at(D(2027, 4, 1)):
        client.force_login(person)
        response = client.get(reverse("membership:apply"))
    assert response.status_code == 302 and response["Location"] == reverse("membership:renew")
    assert not MembershipApplication.objects.filter(user=person).exists()


@pytest.mark.parametrize(("key", "card"), [("sk_test_quorum", True), ("", False)])
def test_the_renewal_email_offers_the_card_only_when_the_site_takes_cards(
    settings, django_capture_on_commit_callbacks, key, card
):
    settings.STRIPE_SECRET_KEY = key
    person = member(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        periods.issue_renewal(person, by=None, today=D(2026, 12, 5))
    body = mail.outbox[0].body
    assert ("Pay it by card" in body) is card
    assert ("cheque, bank transfer or Interac" in body) is not card


def test_staff_read_the_category_in_their_language(client):
    from wagtail.models import Locale

    from membership.models import MembershipCategory

    french = MembershipCategory.objects.create(
        name="Retraité", dues="150.00", locale=Locale.objects.get(language_code="fr")
    )
    english = french.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Retired"
    english.save()
    person = member(last_name="Sursis")
    person.memberships.update(category=french)
    period = person.memberships.get()
    staff = UserFactory(is_staff=True, is_superuser=True)
    speaks(staff, "en")
    client.force_login(staff)
    url = reverse("membership_periods:index")

    page = client.get(url).content.decode()
    assert "Retired" in page and "Retraité" not in page
    export = client.get(url, {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert "Retired" in body and "Retraité" not in body
    inspect = client.get(reverse("membership_periods:inspect", args=[period.pk]))
    assert "Retired" in inspect.content.decode()


def test_the_delegate_page_offers_renew_only_while_someone_can_be_renewed(client):
    grant, colleague = delegate_with_colleague()
    url = reverse("membership:delegate_renewals", args=[grant.organization.pk])
    with at(D(2026, 12, 10)):
        client.force_login(grant.user)
        page = client.get(url).content.decode()
        assert 'name="people"' in page and 'type="submit" class="button"' in page
        client.post(url, {"people": [colleague.pk]})
        page = client.get(url).content.decode()
    assert colleague.get_full_name() in page and 'name="people"' not in page
    assert 'type="submit" class="button"' not in page
    assert "Chaque collègue de la liste a déjà sa facture de renouvellement." in page
