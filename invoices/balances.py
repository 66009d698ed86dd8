"""An invoice's balance due computed by the database: what `Invoice.balance_due` adds up in
Python (total, less credit notes and payments, plus what was refunded; nothing for a credit
note), for a query that sums many invoices without loading them, e.g. the total due per event
of a delegate's dashboard. tests/invoices/test_balances.py holds the two to the same answers."""

from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    Expression,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from .models import Invoice, Payment, Refund, RefundStatus, Series

MONEY = DecimalField(max_digits=12, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)


def _sum(rows: QuerySet, group: str, amount: str) -> Coalesce:
    """The sum of `amount` over `rows` (filtered on the outer invoice), 0 when there is none."""
    total = rows.order_by().values(group).annotate(sum=Sum(amount)).values("sum")
    return Coalesce(Subquery(total, output_field=MONEY), ZERO, output_field=MONEY)


def balance_due(invoice: str = "") -> Expression:
    """The balance due of the invoice at the path `invoice` from the query's rows ("" when the
    rows are invoices, "invoice" for registrations); negative when the person has a credit,
    0 without an invoice."""
    prefix = f"{invoice}__" if invoice else ""
    outer = OuterRef(invoice or "pk")
    paid = _sum(Payment.objects.filter(invoice=outer), "invoice", "amount")
    credited = _sum(Invoice.objects.filter(credited_invoice=outer), "credited_invoice", "total")
    refunded = _sum(
        Refund.objects.filter(credit_note__credited_invoice=outer).exclude(
            status=RefundStatus.FAILED
        ),
        "credit_note__credited_invoice",
        "amount",
    )
    return Coalesce(
        Case(
            When(**{f"{prefix}series": Series.CREDIT_NOTE}, then=ZERO),
            default=F(f"{prefix}total") - credited - paid + refunded,
            output_field=MONEY,
        ),
        ZERO,
        output_field=MONEY,
    )


def amount_due(invoice: str = "") -> Greatest:
    """What remains to pay on the invoice at `invoice`: its balance due, or 0 when it is paid
    or in credit."""
    return Greatest(balance_due(invoice), ZERO, output_field=MONEY)
