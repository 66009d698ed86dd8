"""Membership on the staff dashboard: the applications waiting for review (in "Waiting for a
decision", for reviewers only) and the renewals: renewal invoices unpaid, active periods ending
soon without a renewal, periods lapsed recently."""

import datetime

import pytest

from django.urls import reverse

from membership.dashboard import applications_to_review, renewal_figures
from membership.models import Membership
from tests.factories import UserFactory, staff_with

from .test_applications import submitted_application

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 15)


def period(user, starts_on, ends_on, status=Membership.Status.ACTIVE):
    return Membership.objects.create(user=user, starts_on=starts_on, ends_on=ends_on, status=status)


def test_a_submitted_application_waits_for_review_on_the_reviewers_dashboard(client):
    submitted_application()
    client.force_login(staff_with("review_application"))

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert applications_to_review() == 1
    assert 'id="dashboard-decisions' in page
    assert reverse("membership_applications:index") in page
    assert 'id="dashboard-renewals' in page


def test_staff_without_the_review_permission_see_neither_panel(client):
    submitted_application()
    client.force_login(staff_with())

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("membership_applications:index") not in page
    assert 'id="dashboard-renewals' not in page


def test_renewals_due_ending_soon_and_lapsed():
    D = datetime.date
    # Renewal invoiced and unpaid: the next period is pending.
    renewing = UserFactory()
    period(renewing, D(2025, 6, 1), D(2026, 5, 31))
    period(renewing, D(2026, 6, 1), D(2027, 5, 31), status=Membership.Status.PENDING)
    # Ends within the window, nothing issued yet.
    period(UserFactory(), D(2025, 6, 10), D(2026, 6, 9))
    # Ends after the window.
    period(UserFactory(), D(2025, 9, 1), D(2026, 8, 31))
    # Lapsed recently, and long ago.
    period(UserFactory(), D(2025, 3, 1), D(2026, 2, 28), status=Membership.Status.LAPSED)
    period(UserFactory(), D(2024, 1, 1), D(2024, 12, 31), status=Membership.Status.LAPSED)

    figures = renewal_figures(TODAY, window_days=30)

    assert figures.due == 1
    assert figures.ending_soon == 1
    assert figures.lapsed_recently == 1
