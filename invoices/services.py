"""Issuing invoices and credit notes. Each function runs in one transaction; numbers are taken
inside it, under a row lock and a unique constraint, so they stay gapless per series."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.formatting import quantize
from members.services import billing_details, organization_billing_details

from .models import Invoice, InvoiceLine, NumberSequence, Series, Status
from .taxes import compute_totals

PREFIXES = {Series.INVOICE: "F", Series.CREDIT_NOTE: "NC"}


@dataclass(frozen=True)
class LineSpec:
    description: str
    unit_price: Decimal
    quantity: int = 1
    taxable: bool = True

    @property
    def amount(self):
        return quantize(Decimal(self.unit_price) * self.quantity)


def next_number(series):
    """The next number of a series. Must be called inside the transaction that inserts the
    document: the sequence row stays locked until it commits."""
    sequence, _created = NumberSequence.objects.select_for_update().get_or_create(series=series)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{PREFIXES[series]}-{sequence.last_number:06d}"


@transaction.atomic
def issue_invoice(
    *,
    lines,
    customer=None,
    organization=None,
    by=None,
    language=None,
    card_only=False,
    due_date=None,
):
    """Issue an invoice for a person (`customer`) or an organization. The billed name and
    address are copied now and never change afterwards."""
    if not lines:
        raise ValidationError(_("An invoice needs at least one line."))
    if customer is None and organization is None:
        raise ValidationError(_("An invoice is billed to a person or an organization."))
    if customer is not None:
        name, address = billing_details(customer)
        email = customer.email or ""
        language = language or customer.language
    else:
        name, address = organization_billing_details(organization)
        email = ""
    totals = compute_totals((line.amount, line.taxable) for line in lines)
    invoice = Invoice.objects.create(
        series=Series.INVOICE,
        number=next_number(Series.INVOICE),
        customer=customer,
        organization=organization,
        issued_by=by,
        billed_name=name,
        billed_address=address,
        billed_email=email,
        language=language or "fr",
        issued_at=timezone.now(),
        due_date=due_date,
        subtotal=totals.subtotal,
        gst=totals.gst,
        qst=totals.qst,
        total=totals.total,
        card_only=card_only,
        status=Status.TO_PAY,
    )
    _add_lines(invoice, lines)
    return invoice


@transaction.atomic
def issue_credit_note(invoice, *, reason, by, lines=None):
    """Correct an issued invoice with a credit note: all of it by default, or the given lines
    (positive amounts, which the note credits). A fully credited, unpaid invoice is cancelled."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.is_credit_note:
        raise ValidationError(_("A credit note cannot be credited."))
    if lines is None:
        lines = [
            LineSpec(line.description, line.unit_price, line.quantity, line.taxable)
            for line in invoice.lines.all()
        ]
    totals = compute_totals((line.amount, line.taxable) for line in lines)
    already_credited = invoice.credited_total
    if totals.total <= 0:
        raise ValidationError(_("A credit note must credit a positive amount."))
    if totals.total > invoice.total - already_credited:
        raise ValidationError(_("A credit note cannot exceed what remains of the invoice."))
    note = Invoice.objects.create(
        series=Series.CREDIT_NOTE,
        number=next_number(Series.CREDIT_NOTE),
        customer=invoice.customer,
        organization=invoice.organization,
        issued_by=by,
        billed_name=invoice.billed_name,
        billed_address=invoice.billed_address,
        billed_email=invoice.billed_email,
        language=invoice.language,
        issued_at=timezone.now(),
        subtotal=totals.subtotal,
        gst=totals.gst,
        qst=totals.qst,
        total=totals.total,
        card_only=False,
        credited_invoice=invoice,
        reason=reason,
        status=Status.ISSUED,
    )
    _add_lines(note, lines)
    if already_credited + totals.total >= invoice.total:
        invoice.status = Status.CANCELLED
        invoice.save(update_fields=["status"])
    return note


def _add_lines(document, lines):
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=document,
            position=position,
            description=line.description,
            quantity=line.quantity,
            unit_price=quantize(line.unit_price),
            taxable=line.taxable,
            amount=line.amount,
        )
        for position, line in enumerate(lines)
    )
