"""Issue 15, point 2, for member pages that had no query-count test: "Mes formations" and
"Titre et attestations" run as many queries for one training as for twenty, a delegate's
renewals of colleagues as many for one colleague as for twenty, "Mon compte" as many for a
delegate of ten organizations as of one."""

import datetime

import pytest
import time_machine

from django.urls import reverse

from events import services as events
from tests.admin_queries import listing_queries
from tests.events.factories import answers, make_event, option, started
from tests.factories import (
    DelegateGrantFactory,
    FunctionFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 1, 20


@pytest.fixture
def member(client):
    someone = FunctionFactory(organization=OrganizationFactory(), user__is_member=True).user
    client.force_login(someone)
    return someone


def attended_trainings(member, n):
    """n past trainings the member attended: their credits and attestations are recorded."""
    staff = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(n):
        event = make_event(title="Formation", start_in=datetime.timedelta(days=30))
        registration = events.register(
            event, member, by=member, option=option(event), answers=answers(event)
        )
        started(event, ago=datetime.timedelta(days=2))
        events.record_attendance(event, by=staff, attended=[registration.pk])


@pytest.mark.parametrize("url_name", ["events:my_trainings", "membership:title"])
def test_a_member_page_runs_as_many_queries_for_twenty_trainings_as_for_one(
    client, member, url_name
):
    url = reverse(url_name)
    attended_trainings(member, FEW)
    few = listing_queries(client, url)
    attended_trainings(member, MANY - FEW)
    assert member.attestations.count() >= MANY  # one per training (and the title, once earned)
    assert listing_queries(client, url) == few


def test_the_delegate_renewals_page_runs_as_many_queries_for_twenty_colleagues_as_for_one(
    client,
):
    """A delegate's "renew my colleagues": each colleague's periods are read with the others'."""
    from tests.membership.test_periods import END, member

    grant = DelegateGrantFactory(user=member(ends_on=END + datetime.timedelta(days=365)))
    url = reverse("membership:delegate_renewals", args=[grant.organization.pk])

    def colleagues(n):
        for index in range(n):
            # Due (in the notice window) or lapsed long ago: both are offered a renewal.
            ends_on = END if index % 2 == 0 else datetime.date(2026, 3, 31)
            FunctionFactory(user=member(ends_on=ends_on), organization=grant.organization)

    with time_machine.travel(datetime.datetime(2026, 12, 10, 15), tick=False):
        client.force_login(grant.user)
        colleagues(FEW)
        few = listing_queries(client, url)
        colleagues(MANY - FEW)
        page = client.get(url).content.decode()
        assert page.count('name="people"') == MANY
        assert listing_queries(client, url) == few


def test_my_account_runs_as_many_queries_for_a_delegate_of_ten_organizations_as_of_one(client):
    """The "Mon compte" page lists the delegate's organizations (their renewals)."""
    delegate = FunctionFactory(organization=OrganizationFactory(), user__is_member=True).user
    client.force_login(delegate)
    url = reverse("members:account")
    DelegateGrantFactory(user=delegate, organization=OrganizationFactory())
    few = listing_queries(client, url)
    for _ in range(9):
        DelegateGrantFactory(user=delegate, organization=OrganizationFactory())
    page = client.get(url).content.decode()
    assert page.count("/renewals/") >= 10
    assert listing_queries(client, url) == few
