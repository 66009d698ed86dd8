"""Periods arrive on an existing database: every member keeps membership (an active period for
the current association year), non-members get nothing."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("membership", "0006_membership_periods")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_members_get_a_current_period():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    User = old.get_model("members", "User")
    User.objects.create(username="ancienne", is_member=True, member_number="M-0042")
    User.objects.create(username="passant")

    migrate(latest)

    from members.models import User as CurrentUser
    from membership import periods
    from membership.models import Membership

    member = CurrentUser.objects.get(username="ancienne")
    [period] = Membership.objects.filter(user=member)
    today = timezone.localdate()
    assert period.starts_on <= today <= period.ends_on
    assert period.status == Membership.Status.ACTIVE and period.category.dues > 0
    assert periods.status_of(member).status == periods.MembershipStatus.ACTIVE
    assert not Membership.objects.filter(user__username="passant").exists()
