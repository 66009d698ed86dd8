"""An organization's statement of account: its open invoices (billed to it, or to its people
through their employer or their delegate: `Invoice.organization`), the credit notes and
payments of the last months, and the balance, as of a day. `invoices` does not import
`members`: the organization is `Invoice.organization`'s target, read through
`billing_details()` (home.billing) and its primary key."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from home.billing import Billable

from .models import Invoice, Payment, Series, Status
from .pdf import render_pdf
from .services import issuer_snapshot

# Credit notes and payments shown: those of the last twelve months (open invoices, whatever
# their age).
ACTIVITY_DAYS = 365


@dataclass(frozen=True)
class Statement:
    organization_name: str
    organization_address: str
    language: str
    as_of: dt.date
    since: dt.date
    open_invoices: list[Invoice]
    credit_notes: list[Invoice]
    payments: list[Payment]
    total_due: Decimal
    # What the organization owes in all: the open invoices' balances less any credit left on
    # another invoice (overpaid or refunded less than credited).
    balance: Decimal


def _documents(organization_id: int):
    return Invoice.objects.filter(organization_id=organization_id).prefetch_related(
        "payments",
        Prefetch("credit_notes", queryset=Invoice.objects.prefetch_related("refunds")),
    )


def organization_statement(organization: Billable, *, as_of: dt.date | None = None) -> Statement:
    """The statement of `organization` (a `members.Organization`, as `Invoice.organization`)
    as of `as_of` (today by default), in its language (French when it has none)."""
    as_of = as_of or timezone.localdate()
    since = as_of - dt.timedelta(days=ACTIVITY_DAYS)
    details = organization.billing_details()
    invoices = list(
        _documents(organization.pk)
        .filter(series=Series.INVOICE, issued_at__date__lte=as_of)
        .exclude(status=Status.CANCELLED)
        .order_by("issued_at", "pk")
    )
    open_invoices = [invoice for invoice in invoices if invoice.balance_due > 0]
    credit_notes = list(
        Invoice.objects.filter(
            organization_id=organization.pk,
            series=Series.CREDIT_NOTE,
            issued_at__date__gte=since,
            issued_at__date__lte=as_of,
        )
        .select_related("credited_invoice")
        .order_by("issued_at", "pk")
    )
    payments = list(
        Payment.objects.filter(
            invoice__organization_id=organization.pk,
            received_at__gte=since,
            received_at__lte=as_of,
        )
        .select_related("invoice")
        .order_by("received_at", "pk")
    )
    total_due = sum((invoice.balance_due for invoice in open_invoices), Decimal("0.00"))
    balance = sum((invoice.balance_due for invoice in invoices), Decimal("0.00"))
    return Statement(
        organization_name=details.name,
        organization_address=details.address,
        language=details.language or "fr",
        as_of=as_of,
        since=since,
        open_invoices=open_invoices,
        credit_notes=credit_notes,
        payments=payments,
        total_due=total_due,
        balance=balance,
    )


def statement_pdf(organization: Billable, *, as_of: dt.date | None = None) -> bytes:
    """The statement as a PDF in the organization's language, with the association's name,
    address and tax numbers as the settings say today."""
    statement = organization_statement(organization, as_of=as_of)
    return render_pdf(
        "pdf/invoices_statement.html",
        {"statement": statement},
        statement.language,
        issuer_snapshot(statement.language),
    )


def statement_filename(organization: Billable, *, as_of: dt.date | None = None) -> str:
    as_of = as_of or timezone.localdate()
    return f"statement-{organization.pk}-{as_of:%Y-%m-%d}.pdf"
