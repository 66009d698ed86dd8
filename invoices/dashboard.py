"""The billing figures of the staff dashboard: the offline payments members announced and staff
have not recorded yet, and what was invoiced, paid and is still owed, by month over the last
twelve months and for this month and this year. Each is one aggregate query, whatever the
number of invoices."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.dashboard import DashboardPanel, DecisionRow, add_decisions, bar_chart
from home.formatting import format_money, quantize

from .models import OFFLINE_METHODS, Invoice, Payment, Refund, RefundStatus, Series, Status

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)


def offline_payments_announced() -> dict[str, int]:
    """How many invoices wait for each offline payment announced (cheque, transfer, Interac),
    keyed by the invoice status that says so."""
    statuses = list(OFFLINE_METHODS.values())
    counts = Invoice.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in statuses}
    )
    return {status: counts[status] for status in statuses}


@dataclass(frozen=True)
class MonthFigures:
    """One month: invoices issued less credit notes issued (`invoiced`), payments received
    (`paid`), and what the invoices issued that month still owe today (`outstanding`)."""

    month: datetime.date
    invoiced: Decimal
    paid: Decimal
    outstanding: Decimal


@dataclass(frozen=True)
class BillingFigures:
    months: list[MonthFigures]
    this_month: MonthFigures
    this_year: MonthFigures


def _sum_for(model, field, **filters):
    """Per invoice (OuterRef "pk"): the sum of `field` over `model`'s rows matching
    `filters`, zero when there are none."""
    key = next(iter(filters))
    rows = model.objects.filter(**filters).order_by().values(key).annotate(total=Sum(field))
    return Coalesce(Subquery(rows.values("total")[:1], output_field=MONEY), ZERO)


def balance_expression():
    """An invoice's balance due, as `Invoice.balance_due` computes it: total less its credit
    notes and payments, plus what was refunded of its credit notes (failed refunds aside)."""
    credited = _sum_for(Invoice, "total", credited_invoice=OuterRef("pk"))
    paid = _sum_for(Payment, "amount", invoice=OuterRef("pk"))
    refunded = _sum_for(
        Refund,
        "amount",
        credit_note__credited_invoice=OuterRef("pk"),
        status__in=[s for s in RefundStatus.values if s != RefundStatus.FAILED],
    )
    return Coalesce("total", ZERO) - credited - paid + refunded


def _first_of_month(day: datetime.date, months_back: int = 0) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_key(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value.replace(day=1)


def billing_figures(today: datetime.date | None = None, *, months: int = 12) -> BillingFigures:
    """Invoiced, paid and outstanding amounts for each of the last `months` months (the
    current one included), for this month and for this calendar year; two queries."""
    today = today or timezone.localdate()
    first_month = _first_of_month(today, months - 1)
    since = min(first_month, datetime.date(today.year, 1, 1))
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    invoice_rows = (
        Invoice.objects.filter(issued_at__gte=start)
        .order_by()
        .annotate(month=TruncMonth("issued_at"))
        .values("month")
        .annotate(
            issued=Coalesce(Sum("total", filter=Q(series=Series.INVOICE)), ZERO),
            credited=Coalesce(Sum("total", filter=Q(series=Series.CREDIT_NOTE)), ZERO),
            outstanding=Coalesce(
                Sum(
                    Greatest(balance_expression(), ZERO),
                    filter=Q(series=Series.INVOICE) & ~Q(status=Status.CANCELLED),
                ),
                ZERO,
            ),
        )
    )
    payment_rows = (
        Payment.objects.filter(received_at__gte=since)
        .order_by()
        .annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(paid=Sum("amount"))
    )
    figures: dict[datetime.date, dict[str, Decimal]] = {}
    for row in invoice_rows:
        month = figures.setdefault(_month_key(row["month"]), _empty())
        month["invoiced"] += Decimal(row["issued"]) - Decimal(row["credited"])
        month["outstanding"] += Decimal(row["outstanding"])
    for row in payment_rows:
        figures.setdefault(_month_key(row["month"]), _empty())["paid"] += Decimal(row["paid"])

    def month_figures(month):
        values = figures.get(month, _empty())
        return MonthFigures(month, **{name: quantize(v) for name, v in values.items()})

    shown = [month_figures(_first_of_month(today, back)) for back in reversed(range(months))]
    year = [month_figures(datetime.date(today.year, m, 1)) for m in range(1, today.month + 1)]
    this_year = MonthFigures(
        datetime.date(today.year, 1, 1),
        invoiced=sum((m.invoiced for m in year), Decimal("0.00")),
        paid=sum((m.paid for m in year), Decimal("0.00")),
        outstanding=sum((m.outstanding for m in year), Decimal("0.00")),
    )
    return BillingFigures(
        months=shown, this_month=month_figures(_first_of_month(today)), this_year=this_year
    )


def _empty() -> dict[str, Decimal]:
    return {"invoiced": Decimal(0), "paid": Decimal(0), "outstanding": Decimal(0)}


# --- Panels ------------------------------------------------------------------------------------


PERMISSION = "invoices.record_payment"


def offline_payment_rows() -> list[DecisionRow]:
    """The "Waiting for a decision" rows: invoices waiting for each offline payment announced,
    each linked to the invoices listing filtered on that status."""
    counts = offline_payments_announced()
    index = reverse("invoice_admin:index")
    labels = {
        Status.AWAITING_CHEQUE: _("Cheques announced, to record"),
        Status.AWAITING_TRANSFER: _("Bank transfers announced, to record"),
        Status.AWAITING_INTERAC: _("Interac transfers announced, to record"),
    }
    return [
        DecisionRow(
            label=labels[status],
            count=count,
            url=f"{index}?{urlencode({'status': status})}",
        )
        for status, count in counts.items()
    ]


def whole_money(amount: Decimal) -> str:
    """An amount without its cents when it has none, for the chart's scale: "1 000 $"."""
    text = format_money(amount)
    return WHOLE_CENTS.sub("", text) if amount == amount.to_integral_value() else text


WHOLE_CENTS = re.compile(r"[.,]00(?=\D*$)")


class BillingPanel(DashboardPanel):
    """This month's and this year's amounts, and a chart of the last twelve months."""

    order = 80
    template_name = "invoices/admin/dashboard_billing.html"

    def get_context_data(self, parent_context=None):
        figures = billing_figures()
        chart = bar_chart(
            [(date_format(m.month, "N"), (m.invoiced, m.paid)) for m in figures.months],
            label_tick=whole_money,
        )
        return {
            "figures": figures,
            "rows": [
                (
                    _("This month (%(month)s)")
                    % {"month": date_format(figures.this_month.month, "F Y")},
                    figures.this_month,
                ),
                (
                    _("This year (%(year)s)") % {"year": figures.this_year.month.year},
                    figures.this_year,
                ),
            ],
            "chart": chart,
            "series": [_("Invoiced"), _("Amount paid")],
            "invoices_url": reverse("invoice_admin:index"),
        }


def add_panels(request, panels: list) -> None:
    if not request.user.has_perm(PERMISSION):
        return
    add_decisions(panels, offline_payment_rows)
    panels.append(BillingPanel())
