"""Unpaid-invoice reminders (home/reminders.py runs `due` from `settings.REMINDERS`).

An invoice still owed (not paid, not cancelled, never credited, not a credit note, a balance
left) gets a reminder at the first and the second offset after its due date, or after its issue
date when it has none (a registration's invoice is payable at once), in the invoice's language,
to the address it was billed to, with the amount due and the link to pay it. Each goes out
within a week of its moment (home.reminders.CATCH_UP), so old debts are not all mailed the day
reminders are turned on.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from home.formatting import format_date, format_money
from home.links import url_in
from home.models import ReminderKind, ReminderSettings
from home.reminders import CATCH_UP, send_once

from .models import Invoice, Series, Status

OWED = [
    Status.TO_PAY,
    Status.AWAITING_CHEQUE,
    Status.AWAITING_TRANSFER,
    Status.AWAITING_INTERAC,
    Status.PARTLY_PAID,
]


def due_day(invoice: Invoice) -> datetime.date:
    return invoice.due_date or timezone.localdate(invoice.issued_at)


def due(*, now: datetime.datetime, offsets: ReminderSettings) -> int:
    # (occasion, days after), the latest moment first.
    occasions = sorted(
        (
            (name, days)
            for name, days in (
                ("first", offsets.invoice_first_days),
                ("second", offsets.invoice_second_days),
            )
            if days > 0
        ),
        key=lambda occasion: -occasion[1],
    )
    if not occasions:
        return 0
    today = timezone.localdate(now)
    latest = today - datetime.timedelta(days=occasions[-1][1])  # due on or before
    earliest = today - datetime.timedelta(days=occasions[0][1]) - CATCH_UP
    in_window = Q(due_date__isnull=False, due_date__gt=earliest, due_date__lte=latest) | Q(
        due_date__isnull=True,
        issued_at__date__gt=earliest,
        issued_at__date__lte=latest,
    )
    invoices = (
        Invoice.objects.filter(in_window, series=Series.INVOICE, status__in=OWED)
        .filter(credit_notes__isnull=True)
        .exclude(billed_email="")
        .select_related("customer")
        .prefetch_related("payments", "credit_notes__refunds")
        .order_by("pk")
    )
    sent = 0
    for invoice in invoices:
        if invoice.balance_due <= 0:
            continue
        for name, days in occasions:
            moment = due_day(invoice) + datetime.timedelta(days=days)
            if moment > today:
                continue
            if today < moment + CATCH_UP:
                sent += _send(invoice, name, now)
            break
    return sent


def _send(invoice: Invoice, occasion: str, now: datetime.datetime) -> bool:
    language = invoice.language
    return send_once(
        kind=ReminderKind.UNPAID_INVOICE,
        key=f"invoice:{invoice.pk}:unpaid-{occasion}",
        to=invoice.billed_email,
        template="invoices_reminder_unpaid",
        context={
            "billed_name": invoice.billed_name,
            "number": invoice.number,
            "balance": format_money(invoice.balance_due, language),
            "due_date": format_date(due_day(invoice), "DATE_FORMAT", language),
            "invoice_url": url_in(language, "invoices:detail", invoice.pk),
        },
        language=language,
        recipient=invoice.customer,
        about=invoice.number,
        now=now,
    )
