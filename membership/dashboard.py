"""Membership on the staff dashboard: the applications waiting for review, and the renewals
(renewal invoices unpaid, active periods ending soon, memberships lapsed recently), counted in
one aggregate query whatever the number of periods."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.dashboard import DashboardPanel, DecisionRow, add_decisions

from . import periods
from .models import Membership, MembershipApplication

# The review queue's permission; the periods listing also opens to whoever may view periods.
REVIEW_PERMISSION = "membership.review_application"
PERIODS_PERMISSIONS = (REVIEW_PERMISSION, "membership.view_membership")

# How far back "lapsed recently" looks.
RECENT_DAYS = 90


def applications_to_review() -> int:
    return MembershipApplication.objects.filter(
        status=MembershipApplication.Status.SUBMITTED
    ).count()


@dataclass(frozen=True)
class RenewalFigures:
    due: int
    ending_soon: int
    lapsed_recently: int
    window_days: int
    recent_days: int


def renewal_figures(
    today: datetime.date | None = None, *, window_days: int | None = None
) -> RenewalFigures:
    """Renewal invoices issued and unpaid; active periods that end within `window_days`
    (the renewal notice of the membership settings by default) and have no renewal yet;
    periods lapsed in the last RECENT_DAYS days."""
    today = today or timezone.localdate()
    if window_days is None:
        window_days = periods.rules().renewal_notice_days
    soon = today + datetime.timedelta(days=window_days)
    renewed = Q(
        user__memberships__starts_on__gt=today,
        user__memberships__status__in=[Membership.Status.PENDING, Membership.Status.ACTIVE],
    )
    counts = Membership.objects.aggregate(
        due=Count("pk", filter=Q(status=Membership.Status.PENDING), distinct=True),
        ending_soon=Count(
            "pk",
            filter=Q(status=Membership.Status.ACTIVE, ends_on__gte=today, ends_on__lte=soon)
            & ~Q(pk__in=Membership.objects.filter(renewed).values("pk")),
            distinct=True,
        ),
        lapsed_recently=Count(
            "pk",
            filter=Q(
                status=Membership.Status.LAPSED,
                ends_on__gte=today - datetime.timedelta(days=RECENT_DAYS),
            ),
            distinct=True,
        ),
    )
    return RenewalFigures(window_days=window_days, recent_days=RECENT_DAYS, **counts)


# --- Panels ------------------------------------------------------------------------------------


def application_rows() -> list[DecisionRow]:
    return [
        DecisionRow(
            label=_("Membership applications to review"),
            count=applications_to_review(),
            url=reverse("membership_applications:index"),
        )
    ]


class RenewalsPanel(DashboardPanel):
    order = 70
    template_name = "membership/admin/dashboard_renewals.html"

    def get_context_data(self, parent_context=None):
        figures = renewal_figures()
        index = reverse("membership_periods:index")
        return {
            "figures": figures,
            "due_url": f"{index}?{urlencode({'view': 'due'})}",
            "active_url": f"{index}?{urlencode({'status': Membership.Status.ACTIVE})}",
            "lapsed_url": f"{index}?{urlencode({'view': 'lapsed'})}",
        }


def add_panels(request, panels: list) -> None:
    user = request.user
    if user.has_perm(REVIEW_PERMISSION):
        add_decisions(panels, application_rows)
    if any(user.has_perm(permission) for permission in PERIODS_PERMISSIONS):
        panels.append(RenewalsPanel())
