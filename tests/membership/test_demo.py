"""The demo's membership periods: every member has a current period; one member is due to renew
(renewal invoiced), one in grace, one lapsed; the categories in both languages."""

import pytest

from members.models import User
from membership import periods
from membership.models import Membership, MembershipCategory

pytestmark = pytest.mark.django_db


def test_demo_periods_and_categories(demo, client):
    for username in ("membre", "delegue"):
        assert periods.status_of(User.objects.get(username=username)).status == "active"
    due = User.objects.get(username="renouvellement")
    assert periods.status_of(due).status == "active" and periods.renewal_for(due).invoice
    grace = User.objects.get(username="grace")
    assert periods.status_of(grace).status == "grace" and grace.is_member
    lapsed = User.objects.get(username="echu")
    assert periods.status_of(lapsed).status == "lapsed" and not lapsed.is_member
    assert lapsed.memberships.filter(status=Membership.Status.LAPSED).exists()
    assert lapsed.check_password("quorum-demo-2026")
    assert set(
        MembershipCategory.objects.filter(locale__language_code="en").values_list("name", flat=True)
    ) == {"Regular", "Retired", "Student"}

    client.force_login(User.objects.get(username="delegue"))
    organization = User.objects.get(username="delegue").delegate_grants.get().organization
    page = client.get(f"/fr/account/membership/organizations/{organization.pk}/renewals/")
    text = page.content.decode()
    assert "Éric Échéance" in text and "Gilles Sursis" in text
