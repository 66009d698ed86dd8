"""The title's cycle ending with credits missing (home/reminders.py runs `due` from
`settings.REMINDERS`).

A title holder keeps the title by earning the cycle's credits (membership/title.py and
TitleSettings: cycles of `cycle_years` from `cycle_start`, `credits_per_cycle` each). From the
offset before the cycle's last day until that day, a holder who still misses credits gets one
reminder for that cycle, in their language, with what they earned and what is missing. Earning
the credits before the moment stops it.

The membership renewal: from the offset before a membership's last day until that day, a
member whose renewal (a pending period, membership/periods.py) is still unpaid gets one
reminder, in their language, with the invoice's balance and the "Renew my membership" link.
Paying it, or its being cancelled, stops it; after the end, the unpaid-invoice reminders
(invoices/reminders.py: the renewal invoice is due on the last day) take over.
"""

import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from home.formatting import format_date, format_money
from home.links import url_in
from home.models import ReminderKind, ReminderSettings
from home.reminders import send_once
from members.models import User

from .models import CreditEntry, Membership, TitleSettings
from .title import TitleProgress, compute_progress, cycle_bounds


def due(*, now: datetime.datetime, offsets: ReminderSettings) -> int:
    return _title_cycle_reminders(now, offsets.title_cycle_days) + _renewal_reminders(
        now, offsets.renewal_days
    )


def _renewal_reminders(now: datetime.datetime, days: int) -> int:
    if days <= 0:
        return 0
    today = timezone.localdate(now)
    # A pending renewal starts the day after the current membership's last day.
    renewals = (
        Membership.objects.filter(
            status=Membership.Status.PENDING,
            starts_on__gt=today,
            starts_on__lte=today + datetime.timedelta(days=days + 1),
            invoice__isnull=False,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "invoice")
        .order_by("pk")
    )
    sent = 0
    for renewal in renewals:
        invoice = renewal.invoice
        if not invoice.is_payable:
            continue
        person = renewal.user
        language = person.language
        ends_on = renewal.starts_on - datetime.timedelta(days=1)
        sent += send_once(
            kind=ReminderKind.RENEWAL,
            key=f"renewal:{renewal.pk}",
            to=person.email,
            template="membership_reminder_renewal",
            context={
                "name": str(person),
                "end": format_date(ends_on, "DATE_FORMAT", language),
                "number": invoice.number,
                "balance": format_money(invoice.balance_due, language),
                "renew_url": url_in(language, "membership:renew"),
            },
            language=language,
            recipient=person,
            about=f"{invoice.number} — {ends_on.isoformat()}",
            now=now,
        )
    return sent


def _title_cycle_reminders(now: datetime.datetime, days: int) -> int:
    if days <= 0:
        return 0
    rules = TitleSettings.load()
    today = timezone.localdate(now)
    start, end = cycle_bounds(today, first_start=rules.cycle_start, years=rules.cycle_years)
    if today < end - datetime.timedelta(days=days):
        return 0
    holders = (
        User.objects.filter(is_active=True, credit_entries__isnull=False)
        .exclude(email="")
        .distinct()
        .prefetch_related(Prefetch("credit_entries", queryset=CreditEntry.objects.order_by()))
        .order_by("pk")
    )
    sent = 0
    for person in holders:
        progress = compute_progress(
            [(entry.earned_on, entry.credits) for entry in person.credit_entries.all()],
            to_obtain=rules.credits_to_obtain,
            per_cycle=rules.credits_per_cycle,
            cycle_years=rules.cycle_years,
            first_cycle_start=rules.cycle_start,
            today=today,
        )
        if progress.obtained and progress.cycle_remaining > 0:
            sent += _send(person, progress, rules, now)
    return sent


def _send(
    person: User, progress: TitleProgress, rules: TitleSettings, now: datetime.datetime
) -> bool:
    language = person.language
    return send_once(
        kind=ReminderKind.TITLE_CYCLE,
        key=f"title-cycle:{person.pk}:{progress.cycle_end.isoformat()}",
        to=person.email,
        template="membership_reminder_title_cycle",
        context={
            "name": str(person),
            "title": rules.title_name,
            "cycle_end": format_date(progress.cycle_end, "DATE_FORMAT", language),
            "earned": _number(progress.cycle_credits, language),
            "required": _number(progress.cycle_required, language),
            "missing": _number(progress.cycle_remaining, language),
            "title_url": url_in(language, "membership:title"),
        },
        language=language,
        recipient=person,
        about=f"{rules.title_name} — {progress.cycle_end.isoformat()}",
        now=now,
    )


def _number(value: Decimal, language: str) -> str:
    """Credits as people write them: 7 or 7,5 (7.5 in English), no trailing zeros."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",") if language == "fr" else text
