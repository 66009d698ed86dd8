"""Membership periods and renewals: a person's status on a date, the first period when an
application is approved, the renewal invoice before the end, activation when it is paid, and
the lapse after the grace period. `User.is_member` (what member prices, the directory and the
title read) is kept equal to "active or in grace" by these functions.

Each operation runs in one transaction and is idempotent: the daily `update_memberships`
command can run twice, or late, without issuing anything twice."""

import copy
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import (
    Case,
    CharField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Locale

from home.audit import record
from home.emails import queue_email
from home.errors import NotFound, QuorumError
from home.formatting import format_long_date, format_money
from home.ids import as_id
from home.links import url_in
from home.page_cache import shared
from invoices.models import Invoice
from invoices.models import Status as InvoiceStatus
from invoices.services import LineSpec, issue_credit_note, issue_invoice
from members.models import Organization, User
from members.services import colleagues_for_delegate, delegate_organizations

from .models import Membership, MembershipCategory, MembershipSettings, TitleSettings


class MembershipStatus(models.TextChoices):
    """A person's standing on a date (values for `users_with_status(statuses=…)`)."""

    ACTIVE = "active", gettext_lazy("Member")
    GRACE = "grace", gettext_lazy("In grace")
    LAPSED = "lapsed", gettext_lazy("Lapsed")
    NONE = "none", gettext_lazy("Not a member")


STANDING = (MembershipStatus.ACTIVE, MembershipStatus.GRACE)
LIVE = (Membership.Status.PENDING, Membership.Status.ACTIVE)


@dataclass(frozen=True)
class Standing:
    """What "Mon compte" says: the status, until when (end of the period, or of the grace),
    and the period it comes from."""

    status: str
    until: datetime.date | None = None
    period: Membership | None = None

    @property
    def is_member(self) -> bool:
        return self.status in STANDING


def rules() -> MembershipSettings:
    """The membership settings, read once per publication (a shared part, home/page_cache.py:
    saving them starts a new one), not by each function that needs them."""
    return copy.copy(shared("settings:membership.MembershipSettings", MembershipSettings.load))


def year_containing(
    day: datetime.date, *, start_month: int | None = None
) -> tuple[datetime.date, datetime.date]:
    """The association year (first and last day) that contains `day`."""
    month = start_month or rules().year_start_month
    year = day.year if day.month >= month else day.year - 1
    start = datetime.date(year, month, 1)
    return start, _add_year(start) - datetime.timedelta(days=1)


def _add_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


# --- Status ---------------------------------------------------------------------------------


def status_of(
    user: User,
    *,
    today: datetime.date | None = None,
    periods: Iterable[Membership] | None = None,
    settings: MembershipSettings | None = None,
) -> Standing:
    """THE status computation: ACTIVE when an active period covers the day; GRACE when none
    does but the last active one ended at most `grace_days` ago; LAPSED when the person had a
    period and the grace is over; NONE otherwise. `periods`: all the person's periods, when
    the caller has them (prefetched for a list of people), instead of a query; `settings`,
    the membership settings already read."""
    today = today or timezone.localdate()
    grace = datetime.timedelta(days=(settings or rules()).grace_days)
    if periods is None:
        periods = list(
            Membership.objects.filter(user=user, starts_on__lte=today)
            .exclude(status=Membership.Status.CANCELLED)
            .select_related("category")
            .order_by("-ends_on")
        )
    else:
        periods = sorted(
            (
                p
                for p in periods
                if p.starts_on <= today and p.status != Membership.Status.CANCELLED
            ),
            key=lambda p: p.ends_on,
            reverse=True,
        )
    active = [p for p in periods if p.status == Membership.Status.ACTIVE]
    covering = next((p for p in active if p.ends_on >= today), None)
    if covering is not None:
        return Standing(MembershipStatus.ACTIVE, covering.ends_on, covering)
    last = active[0] if active else None
    if last is not None and today <= last.ends_on + grace:
        return Standing(MembershipStatus.GRACE, last.ends_on + grace, last)
    if last is not None or any(p.status == Membership.Status.LAPSED for p in periods):
        return Standing(MembershipStatus.LAPSED, None, last)
    return Standing(MembershipStatus.NONE)


def _conditions(today: datetime.date, *, user_field: str = "pk") -> dict[str, Q]:
    """The same rules as `status_of`, as conditions on a queryset of users (or of rows that
    point to one through `user_field`)."""
    grace = datetime.timedelta(days=rules().grace_days)
    periods = Membership.objects.filter(user=OuterRef(user_field))
    active = periods.filter(status=Membership.Status.ACTIVE, starts_on__lte=today)
    covering = Exists(active.filter(ends_on__gte=today))
    in_grace = Exists(active.filter(ends_on__lt=today, ends_on__gte=today - grace))
    had = Exists(
        periods.filter(
            starts_on__lte=today,
            status__in=[Membership.Status.ACTIVE, Membership.Status.LAPSED],
        )
    )
    return {
        MembershipStatus.ACTIVE: Q(covering),
        MembershipStatus.GRACE: ~Q(covering) & Q(in_grace),
        MembershipStatus.LAPSED: ~Q(covering) & ~Q(in_grace) & Q(had),
        MembershipStatus.NONE: ~Q(had),
    }


def status_expression(*, user_field: str = "pk", today: datetime.date | None = None) -> Case:
    """The status `status_of` computes (a MembershipStatus value), as an expression to annotate
    a queryset of users, or of rows pointing to one through `user_field`, with: one query for
    a whole listing or export instead of one per row."""
    conditions = _conditions(today or timezone.localdate(), user_field=user_field)
    return Case(
        *(When(condition, then=Value(status)) for status, condition in conditions.items()),
        default=Value(MembershipStatus.NONE),
        output_field=CharField(),
    )


def users_with_status(
    queryset: QuerySet[User],
    *,
    statuses: Iterable[str] = (),
    category_ids: Iterable[int] = (),
    today: datetime.date | None = None,
) -> QuerySet[User]:
    """Narrow a queryset of users to those whose status (MembershipStatus values) is one of
    `statuses` and whose latest period is in one of the categories (any language's id of a
    category counts). Empty `statuses` or `category_ids` means no condition on it."""
    today = today or timezone.localdate()
    statuses = list(statuses)
    if statuses:
        conditions = _conditions(today)
        condition = Q(pk__in=[])
        for status in statuses:
            if status not in conditions:
                raise QuorumError(_("Unknown membership status."), code="unknown_status")
            condition |= conditions[status]
        queryset = queryset.filter(condition)
    category_ids = list(category_ids)
    if category_ids:
        keys = MembershipCategory.objects.filter(pk__in=category_ids).values("translation_key")
        ids = MembershipCategory.objects.filter(translation_key__in=keys).values("pk")
        latest = (
            Membership.objects.filter(user=OuterRef("pk"), starts_on__lte=today)
            .exclude(status=Membership.Status.CANCELLED)
            .order_by("-starts_on", "-pk")
            .values("category_id")[:1]
        )
        queryset = queryset.annotate(_latest_category=Subquery(latest)).filter(
            _latest_category__in=ids
        )
    return queryset


def sync_is_member(user: User, *, today: datetime.date | None = None) -> bool:
    """`is_member` follows the status (active or in grace) for anyone who has periods."""
    standing = status_of(user, today=today)
    if standing.status == MembershipStatus.NONE:
        return user.is_member
    if user.is_member != standing.is_member:
        user.is_member = standing.is_member
        user.save(update_fields=["is_member"])
        record(user, "membership.status_changed", by=None, data={"status": standing.status})
    return user.is_member


# --- Categories -----------------------------------------------------------------------------


def default_category() -> MembershipCategory:
    """The default category (in the default language), created from the title settings' dues
    when staff have set none."""
    categories = MembershipCategory.objects.filter(locale=Locale.get_default())
    category = (
        categories.filter(is_default=True, is_active=True).first()
        or categories.filter(is_active=True).first()
    )
    if category is None:
        locale = Locale.get_default()
        with translation.override(locale.language_code):  # named in its locale's language
            name = _("Regular")
        category = MembershipCategory.objects.create(
            name=name, dues=TitleSettings.load().annual_dues, is_default=True, locale=locale
        )
        record(category, "membership.category_created", by=None)
    return category


def localized_category(category: MembershipCategory | None) -> MembershipCategory | None:
    """The category in the active language (its name as staff translated it)."""
    if category is None:
        return None
    return category.get_translation_or_none(Locale.get_active()) or category


def renewal_category(previous: Membership | None) -> MembershipCategory:
    """The category the renewal after `previous` (the last period) is in: the same one while
    it is offered, the default one otherwise."""
    category = previous.category if previous else None
    if category is None or not category.is_active:
        return default_category()
    return category


# --- Periods --------------------------------------------------------------------------------


def _dues_invoice(
    user: User,
    category: MembershipCategory,
    start: datetime.date,
    end: datetime.date,
    *,
    by: User | None,
    due_date: datetime.date | None = None,
    notify: bool = True,
    billed_address: str | None = None,
) -> Invoice:
    with translation.override(user.language):
        name = localized_category(category).name
        description = _("Membership dues %(category)s, %(start)s to %(end)s") % {
            "category": name,
            "start": format_long_date(start, user.language),
            "end": format_long_date(end, user.language),
        }
    return issue_invoice(
        lines=[
            LineSpec(description[:255], category.dues, taxable=TitleSettings.load().dues_taxable)
        ],
        customer=user,
        by=by,
        language=user.language,
        due_date=due_date,
        billed_address=billed_address,
        notify=notify,
    )


def start_first_period(
    user: User,
    *,
    by: User | None,
    category: MembershipCategory | None = None,
    billed_address: str | None = None,
    today: datetime.date | None = None,
) -> Membership:
    """An approved application: an active period for the current association year in the
    category chosen (the default one otherwise), with its dues invoice (none in a category
    without dues, as for a renewal). Called inside the approval's transaction."""
    today = today or timezone.localdate()
    start, end = year_containing(today)
    existing = (
        Membership.objects.filter(user=user, starts_on=start, status__in=LIVE)
        .select_for_update()
        .first()
    )
    if existing is not None:
        return existing
    category = category or default_category()
    period = Membership.objects.create(
        user=user,
        category=category,
        starts_on=start,
        ends_on=end,
        status=Membership.Status.ACTIVE,
        invoice=_dues_invoice(user, category, start, end, by=by, billed_address=billed_address)
        if category.dues
        else None,
    )
    record(period, "membership.period_started", by=by, data={"ends_on": end.isoformat()})
    sync_is_member(user, today=today)
    return period


def renewal_for(user: User) -> Membership | None:
    """The person's pending renewal (invoiced, unpaid), if any."""
    return (
        Membership.objects.filter(user=user, status=Membership.Status.PENDING)
        .select_related("invoice", "category")
        .order_by("-starts_on")
        .first()
    )


def can_renew(
    user: User,
    *,
    today: datetime.date | None = None,
    standing: Standing | None = None,
    pending: Membership | None = None,
    periods: Iterable[Membership] | None = None,
    settings: MembershipSettings | None = None,
) -> bool:
    """Whether a renewal may be issued now: no pending one, and the person is within the
    notice window before the end, in grace, or lapsed. `standing`, `pending` and `periods`
    (all the person's periods), when the caller has them (for `today`), save their queries."""
    today = today or timezone.localdate()
    if pending is not None or (standing is None and renewal_for(user) is not None):
        return False
    standing = standing or status_of(user, today=today, periods=periods, settings=settings)
    if standing.status == MembershipStatus.ACTIVE:
        notice = datetime.timedelta(days=(settings or rules()).renewal_notice_days)
        return today >= standing.until - notice and not _next_exists(standing.period, periods)
    return standing.status in (MembershipStatus.GRACE, MembershipStatus.LAPSED)


def _next_exists(period: Membership | None, periods: Iterable[Membership] | None = None) -> bool:
    if period is None:
        return False
    if periods is not None:
        return any(
            p.starts_on > period.ends_on and p.status != Membership.Status.CANCELLED
            for p in periods
        )
    return (
        Membership.objects.filter(user=period.user_id, starts_on__gt=period.ends_on)
        .exclude(status=Membership.Status.CANCELLED)
        .exists()
    )


@transaction.atomic
def issue_renewal(user: User, *, by: User | None, today: datetime.date | None = None) -> Membership:
    """The renewal: a pending period for the next year and its invoice (due on the current
    period's end), e-mailed in the person's language with the invoice attached; in a category
    without dues, an active period and no invoice. Issued once: an existing pending renewal is
    returned as it is."""
    today = today or timezone.localdate()
    user = User.objects.select_for_update().get(pk=user.pk)
    existing = renewal_for(user)
    if existing is not None:
        return existing
    if not can_renew(user, today=today):
        raise QuorumError(_("This membership cannot be renewed yet."), code="not_renewable")
    standing = status_of(user, today=today)
    last = standing.period
    settings = rules()
    if standing.status == MembershipStatus.LAPSED or last is None:
        # Back after a lapse: the current association year, due within the notice period.
        start, end = year_containing(today, start_month=settings.year_start_month)
        due = today + datetime.timedelta(days=settings.renewal_notice_days)
    else:
        start = last.ends_on + datetime.timedelta(days=1)
        end = _add_year(start) - datetime.timedelta(days=1)
        due = max(last.ends_on, today)
    category = renewal_category(last)
    if not category.dues:
        return _renew_without_dues(
            user,
            category,
            start,
            end,
            by=by,
            today=today,
            ended=standing.status != MembershipStatus.ACTIVE,
        )
    invoice = _dues_invoice(user, category, start, end, by=by, due_date=due, notify=False)
    period = Membership.objects.create(
        user=user,
        category=category,
        starts_on=start,
        ends_on=end,
        status=Membership.Status.PENDING,
        invoice=invoice,
    )
    record(
        period,
        "membership.renewal_issued",
        by=by,
        data={"invoice": invoice.number, "starts_on": start.isoformat()},
    )
    queue_email(
        to=user.email,
        template="membership_renewal",
        language=user.language,
        context={
            "name": str(user),
            "number": invoice.number,
            "total": format_money(invoice.total, user.language),
            "due": format_long_date(due, user.language),
            "start": format_long_date(start, user.language),
            "end": format_long_date(end, user.language),
            "renew_url": url_in(user.language, "membership:renew"),
            "ended": standing.status != MembershipStatus.ACTIVE,
            # Whether the site takes cards (Stripe's key set when the invoice was issued).
            "card": bool(invoice.issued_snapshot.get("payment", {}).get("card")),
        },
        attachments=[("invoices.pdf.invoice_attachment", [invoice.pk])],
    )
    return period


def _renew_without_dues(
    user: User,
    category: MembershipCategory,
    start: datetime.date,
    end: datetime.date,
    *,
    by: User | None,
    today: datetime.date,
    ended: bool,
) -> Membership:
    """A renewal in a category without dues: nothing to bill, so no invoice (one of 0,00 $
    would only be a document to file and an attachment to read). The period is active at once
    (no payment will come to make it so), the audit log keeps who renewed it and when, and the
    person is told it is renewed, with nothing to pay."""
    period = Membership.objects.create(
        user=user,
        category=category,
        starts_on=start,
        ends_on=end,
        status=Membership.Status.ACTIVE,
    )
    record(
        period,
        "membership.renewed_without_dues",
        by=by,
        data={"starts_on": start.isoformat(), "ends_on": end.isoformat()},
    )
    sync_is_member(user, today=today)  # back after a lapse: a member again from today
    queue_email(
        to=user.email,
        template="membership_renewal",
        language=user.language,
        context={
            "name": str(user),
            "start": format_long_date(start, user.language),
            "end": format_long_date(end, user.language),
            "ended": ended,
            "settled": True,
        },
    )
    return period


@transaction.atomic
def activate_paid_renewal(invoice: Invoice) -> Membership | None:
    """The renewal invoice is paid: its pending period becomes active at once."""
    period = (
        Membership.objects.select_for_update()
        .filter(invoice=invoice, status__in=[Membership.Status.PENDING, Membership.Status.LAPSED])
        .first()
    )
    if period is None:
        return None
    period.status = Membership.Status.ACTIVE
    period.save(update_fields=["status", "updated_at"])
    record(period, "membership.renewal_paid", by=None, data={"invoice": invoice.number})
    user = User.objects.select_for_update().get(pk=period.user_id)
    sync_is_member(user)
    return period


def cancel_credited_renewal(invoice: Invoice) -> Membership | None:
    """Staff cancelled a renewal invoice by a credit note: its pending period is cancelled, so
    the renewal page no longer asks to pay it and the member (or their delegate) can have a
    new one issued. The daily run does not issue it again by itself (the member may be
    leaving)."""
    period = (
        Membership.objects.select_for_update()
        .filter(invoice=invoice, status=Membership.Status.PENDING)
        .first()
    )
    if period is None:
        return None
    period.status = Membership.Status.CANCELLED
    period.save(update_fields=["status", "updated_at"])
    record(period, "membership.renewal_cancelled", by=None, data={"invoice": invoice.number})
    return period


@transaction.atomic
def lapse(period: Membership, *, today: datetime.date | None = None) -> Membership:
    """Grace is over and the renewal is unpaid: the renewal lapses, its invoice is cancelled by
    a credit note, `is_member` becomes False and the person is told."""
    period = Membership.objects.select_for_update().select_related("user").get(pk=period.pk)
    if period.status != Membership.Status.PENDING:
        return period
    user = period.user
    period.status = Membership.Status.LAPSED
    period.save(update_fields=["status", "updated_at"])
    invoice = period.invoice
    if invoice is not None and invoice.status not in (InvoiceStatus.CANCELLED, InvoiceStatus.PAID):
        with translation.override(invoice.language):
            reason = _("Membership renewal not paid: the membership has lapsed.")
        issue_credit_note(invoice, reason=str(reason), by=None)
    record(period, "membership.lapsed", by=None)
    sync_is_member(user, today=today)
    renew_url = url_in(user.language, "membership:renew")
    queue_email(
        to=user.email,
        template="membership_lapsed",
        language=user.language,
        context={"name": str(user), "renew_url": renew_url},
    )
    return period


def update_memberships(*, today: datetime.date | None = None) -> dict[str, int]:
    """The daily run: renewals due are issued, unpaid renewals past their grace lapse, and
    `is_member` follows periods that start or end. Idempotent."""
    today = today or timezone.localdate()
    settings = rules()
    notice = datetime.timedelta(days=settings.renewal_notice_days)
    grace = datetime.timedelta(days=settings.grace_days)
    counts = {"renewals": 0, "lapsed": 0, "synced": 0}
    # Renewals: an active period ending within the notice window (or ended, still in grace),
    # with no later period.
    # A renewal staff cancelled counts too: the daily run does not issue it again.
    later = Membership.objects.filter(user=OuterRef("user"), starts_on__gt=OuterRef("ends_on"))
    due = (
        Membership.objects.filter(
            status=Membership.Status.ACTIVE,
            ends_on__lte=today + notice,
            ends_on__gte=today - grace,
            user__is_active=True,
        )
        .exclude(Exists(later))
        .exclude(user__memberships__status=Membership.Status.PENDING)
        .select_related("user")
    )
    for period in due:
        if can_renew(period.user, today=today):
            issue_renewal(period.user, by=None, today=today)
            counts["renewals"] += 1
    # Lapses: pending renewals unpaid past their due date plus the grace.
    for period in Membership.objects.filter(
        status=Membership.Status.PENDING, invoice__due_date__lt=today - grace
    ):
        lapse(period, today=today)
        counts["lapsed"] += 1
    # Everyone with periods: is_member follows the status.
    should = users_with_status(User.objects.all(), statuses=STANDING, today=today)
    with_periods = User.objects.filter(Exists(Membership.objects.filter(user=OuterRef("pk"))))
    for user in with_periods.filter(is_member=False).filter(pk__in=should.values("pk")):
        counts["synced"] += sync_is_member(user, today=today) is True
    for user in with_periods.filter(is_member=True).exclude(pk__in=should.values("pk")):
        counts["synced"] += sync_is_member(user, today=today) is False
    return counts


# --- Delegates ------------------------------------------------------------------------------


def delegate_organization(delegate: User, pk: int) -> Organization:
    """One of the delegate's organizations; any other is not theirs."""
    organization = delegate_organizations(delegate).filter(pk=pk).first()
    if organization is None:
        raise NotFound()
    return organization


def colleagues_to_renew(
    delegate: User, organization: Organization, *, today: datetime.date | None = None
) -> list[tuple[User, Standing, Membership | None]]:
    """The organization's people whose membership is due (notice window), in grace or lapsed,
    with their pending renewal when one is issued."""
    today = today or timezone.localdate()
    people = colleagues_for_delegate(delegate).filter(functions__organization=organization)
    people = people.filter(Exists(Membership.objects.filter(user=OuterRef("pk")))).distinct()
    # Each person's periods read once for all of them (issue 15: no query per colleague).
    people = people.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("invoice", "category"),
            to_attr="all_periods",
        )
    )
    settings = rules()
    found = []
    for person in people:
        pending = max(
            (p for p in person.all_periods if p.status == Membership.Status.PENDING),
            key=lambda p: p.starts_on,
            default=None,
        )
        standing = status_of(person, today=today, periods=person.all_periods, settings=settings)
        if pending is not None or can_renew(
            person,
            today=today,
            standing=standing,
            periods=person.all_periods,
            settings=settings,
        ):
            found.append((person, standing, pending))
    return found


def renew_colleagues(
    delegate: User,
    organization: Organization,
    people_ids: Iterable[int | str],
    *,
    today: datetime.date | None = None,
) -> list[Membership]:
    """A delegate renews colleagues of their organization: one invoice each, issued by the
    delegate (so it shows under their "Invoices"). Anyone outside the organization is not
    theirs."""
    scope = colleagues_for_delegate(delegate).filter(functions__organization=organization)
    ids = {as_id(pk) for pk in people_ids}
    if not ids:
        raise QuorumError(_("Choose at least one person."), code="nobody_chosen")
    people = list(scope.filter(pk__in=ids - {None}).distinct())
    if None in ids or len(people) != len(ids):
        raise NotFound()  # an id that is none of theirs, or cannot be an id at all
    renewed = []
    with transaction.atomic():
        for person in people:
            if renewal_for(person) is None:
                renewed.append(issue_renewal(person, by=delegate, today=today))
    return renewed
