"""Issuing invoices and credit notes. Each function runs in one transaction; numbers are taken
inside it, under a row lock and a unique constraint, so they stay gapless per series."""

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import stripe
from django_tasks import task

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.audit import record
from home.billing import Billable
from home.emails import queue_email
from home.errors import QuorumError
from home.formatting import format_long_date, format_money, quantize
from home.links import url_in
from home.models import AssociationSettings
from home.planner import RowByRow
from home.signals import invoice_cancelled, invoice_copies, invoice_paid
from home.site_settings import site_setting

from .models import (
    MAX_AMOUNT,
    MAX_QUANTITY,
    MAX_UNIT_PRICE,
    OFFLINE_METHODS,
    CheckoutAllocation,
    CheckoutStatus,
    Invoice,
    InvoiceLine,
    Method,
    NumberSequence,
    Payment,
    PaymentSettings,
    ProcessedStripeEvent,
    Refund,
    RefundStatus,
    Series,
    Status,
    StripeCheckout,
)
from .taxes import Totals, compute_totals

logger = logging.getLogger(__name__)

MANUAL_REFUND_STATUSES = (RefundStatus.TO_REFUND, RefundStatus.FAILED)

PREFIXES = {Series.INVOICE: "F", Series.CREDIT_NOTE: "NC"}


@dataclass(frozen=True)
class LineSpec:
    description: str
    unit_price: Decimal
    quantity: int = 1
    taxable: bool = True
    # A discount line (e.g. a promo code): a negative unit price, taxed like the line it
    # reduces; the document's total never goes below zero.
    discount: bool = False

    @property
    def amount(self) -> Decimal:
        return quantize(Decimal(self.unit_price) * self.quantity)


@dataclass(frozen=True)
class InvoicePreview:
    """What an invoice for `lines` will say, before it is issued: its lines, and its subtotal,
    GST, QST and total, computed as `issue_invoice` does (taxes on the taxable lines together,
    so every figure is the issued invoice's to the cent). Taxes are only totals, as on the
    invoice: each line's own taxes, rounded on their own, would not always add up to them (a
    promo code's line, say)."""

    lines: list[LineSpec]
    totals: Totals


def invoice_totals(lines: Sequence[LineSpec]) -> Totals:
    """The subtotal, GST, QST and total of an invoice holding `lines`."""
    return compute_totals((line.amount, line.taxable) for line in lines)


def preview_invoice(lines: Sequence[LineSpec]) -> InvoicePreview:
    return InvoicePreview(
        lines=list(lines),
        totals=invoice_totals(lines),
    )


def _check_lines(lines: Sequence[LineSpec]) -> None:
    """Quantities, unit prices and amounts stay within the bounds every column can hold."""
    for line in lines:
        try:
            price = Decimal(line.unit_price)
            quantity = int(line.quantity)
        except (InvalidOperation, TypeError, ValueError):
            price, quantity = Decimal("NaN"), 0
        if not 1 <= quantity <= MAX_QUANTITY:
            raise QuorumError(
                _("The quantity must be between 1 and %(max)s.") % {"max": f"{MAX_QUANTITY}"},
                code="quantity_out_of_range",
            )
        if line.discount and price.is_finite() and -MAX_UNIT_PRICE <= price <= 0:
            continue
        if not price.is_finite() or not 0 <= price <= MAX_UNIT_PRICE:
            raise QuorumError(
                _("The unit price must be between %(min)s and %(max)s.")
                % {"min": format_money(0), "max": format_money(MAX_UNIT_PRICE)},
                code="price_out_of_range",
            )


def _check_total(total: Decimal) -> None:
    if total > MAX_AMOUNT:
        raise QuorumError(
            _("A document's total cannot exceed %(max)s.") % {"max": format_money(MAX_AMOUNT)},
            code="total_out_of_range",
        )


def issuer_snapshot(language: str) -> dict:
    """What every issued document prints about the association and how to pay it, as the site
    settings say now. Copied onto the document at issue: later changes to the settings do not
    change documents already issued."""
    association = site_setting(AssociationSettings)
    payment = site_setting(PaymentSettings)
    return {
        "issuer": {
            "name": association.localized_name(language),
            "address": association.address,
            "email": association.email,
            "phone": association.phone,
            "gst_number": association.gst_number,
            "qst_number": association.qst_number,
        },
        "rates": {"gst": str(settings.GST_RATE), "qst": str(settings.QST_RATE)},
        "payment": {
            "payee": payment.payee,
            "mailing_address": payment.mailing_address,
            "bank_name": payment.bank_name,
            "bank_transit": payment.bank_transit,
            "bank_institution": payment.bank_institution,
            "bank_account": payment.bank_account,
            "interac_email": payment.interac_email,
            # Whether the site took cards when the document was issued (Stripe's key set).
            "card": bool(settings.STRIPE_SECRET_KEY),
        },
    }


def next_number(series: str) -> str:
    """The next number of a series. Must be called inside the transaction that inserts the
    document: the sequence row stays locked until it commits."""
    sequence, _created = NumberSequence.objects.select_for_update().get_or_create(series=series)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{PREFIXES[series]}-{sequence.last_number:06d}"


@transaction.atomic
def issue_invoice(
    *,
    lines: Sequence[LineSpec],
    customer: Billable | AbstractBaseUser | None = None,
    organization: Billable | None = None,
    by: AbstractBaseUser | None = None,
    language: str | None = None,
    card_only: bool = False,
    due_date: dt.date | None = None,
    billed_address: str | None = None,
    notify: bool = True,
) -> Invoice:
    """Issue an invoice for a person (`customer`) or an organization. The billed name and
    address are copied now (from their `billing_details()`, or `billed_address` when given)
    and never change afterwards. With `notify=False` the caller e-mails the invoice itself
    (e.g. a membership renewal, in its own words)."""
    if not lines:
        raise QuorumError(_("An invoice needs at least one line."), code="no_lines")
    if customer is None and organization is None:
        raise QuorumError(
            _("An invoice is billed to a person or an organization."), code="no_recipient"
        )
    _check_lines(lines)
    details = (customer if customer is not None else organization).billing_details()
    email = (customer.email or "") if customer is not None else ""
    language = language or details.language or "fr"
    totals = invoice_totals(lines)
    _check_total(totals.total)
    if totals.subtotal < 0 or totals.total < 0:
        raise QuorumError(_("A document's total cannot be below zero."), code="total_below_zero")
    organization_id = organization.pk if organization is not None else details.organization_id
    organization_name = (
        organization.billing_details().name
        if organization is not None
        else details.organization_name
    )
    invoice = Invoice.objects.create(
        series=Series.INVOICE,
        number=next_number(Series.INVOICE),
        customer=customer,
        organization_id=organization_id,
        issued_by=by,
        billed_name=details.name,
        billed_address=details.address if billed_address is None else billed_address,
        billed_email=email,
        language=language,
        issued_at=timezone.now(),
        due_date=due_date,
        subtotal=totals.subtotal,
        gst=totals.gst,
        qst=totals.qst,
        total=totals.total,
        card_only=card_only,
        # Nothing to pay (a promo code of 100 %, a free option): settled from the start.
        status=Status.PAID if totals.total == 0 else Status.TO_PAY,
        issued_snapshot={**issuer_snapshot(language), "organization": organization_name},
    )
    _add_lines(invoice, lines)
    record(
        invoice,
        "invoices.invoice_issued",
        by=by,
        data={"number": invoice.number, "total": str(invoice.total)},
    )
    if notify:
        _mail_document(
            invoice, "invoices_issued", ("invoices.pdf.invoice_attachment", [invoice.pk])
        )
    return invoice


@transaction.atomic
def issue_credit_note(
    invoice: Invoice,
    *,
    reason: str,
    by: AbstractBaseUser | None,
    lines: Sequence[LineSpec] | None = None,
    refund: bool = False,
) -> Invoice:
    """Correct an issued invoice with a credit note: all that remains of it by default, or the
    given lines (positive amounts, which the note credits). A fully credited invoice is
    cancelled.

    With `refund=True`, the money already received (up to the credited amount) is given back:
    asked of Stripe after commit when the invoice was paid by card, otherwise recorded as a
    refund for staff to make by hand."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.is_credit_note:
        raise QuorumError(_("A credit note cannot be credited."), code="credit_note_credited")
    earlier = list(invoice.credit_notes.prefetch_related("lines"))
    if lines is None:
        lines = _remaining_lines(invoice, earlier)
        _check_lines(lines)
        totals = _remaining_totals(invoice, earlier, lines)
    else:
        _check_lines(lines)
        totals = compute_totals((line.amount, line.taxable) for line in lines)
    already_credited = sum((note.total for note in earlier), Decimal("0.00"))
    if totals.total <= 0:
        raise QuorumError(
            _("A credit note must credit a positive amount."), code="credit_not_positive"
        )
    if totals.total > invoice.total - already_credited:
        raise QuorumError(
            _("A credit note cannot exceed what remains of the invoice."), code="credit_exceeds"
        )
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
        issued_snapshot={
            **issuer_snapshot(invoice.language),
            "organization": invoice.issued_snapshot.get("organization", ""),
        },
    )
    _add_lines(note, lines)
    record(
        note,
        "invoices.credit_note_issued",
        by=by,
        data={"number": note.number, "invoice": invoice.number, "total": str(note.total)},
    )
    if already_credited + totals.total >= invoice.total:
        invoice.status = Status.CANCELLED
        invoice.save(update_fields=["status"])
        invoice_cancelled.send(sender=Invoice, invoice=invoice)
    else:
        _update_status(invoice)
    given_back = _refund_for(note, invoice, by=by) if refund else None
    _mail_document(
        note,
        "invoices_credit_note",
        ("invoices.pdf.invoice_attachment", [note.pk]),
        extra=_refund_context(given_back) if given_back else None,
    )
    return note


def _refund_context(refund: Refund) -> Callable[[str], dict]:
    """What the credit note's e-mail says of the money given back with it: how much, and
    whether to the card (Stripe) or by the association (staff make it by hand)."""

    def extra(language: str) -> dict:
        return {
            "refund_amount": format_money(refund.amount, language),
            "refund_to_card": refund.method == Method.CARD,
        }

    return extra


def _remaining_lines(invoice: Invoice, earlier: Sequence[Invoice]) -> list[LineSpec]:
    """The invoice's lines, then each line earlier credit notes credited, taken off (in the
    invoice's language): what a credit note of the rest credits, line by line."""
    lines = [
        LineSpec(
            line.description,
            line.unit_price,
            line.quantity,
            line.taxable,
            discount=line.unit_price < 0,
        )
        for line in invoice.lines.all()
    ]
    with translation.override(invoice.language):
        for note in earlier:
            for line in note.lines.all():
                described = _("Already credited by %(number)s: %(line)s") % {
                    "number": note.number,
                    "line": line.description,
                }
                lines.append(
                    LineSpec(
                        described[:255],
                        -line.unit_price,
                        line.quantity,
                        line.taxable,
                        discount=line.unit_price > 0,
                    )
                )
    return lines


def _remaining_totals(
    invoice: Invoice, earlier: Sequence[Invoice], lines: Sequence[LineSpec]
) -> Totals:
    """What remains of the invoice once the earlier credit notes are taken off, to the cent,
    column by column: taxes computed again on the rest could differ by a cent from what the
    invoice charged less what its notes credited."""

    def remaining(column: str) -> Decimal:
        return getattr(invoice, column) - sum(
            (getattr(note, column) for note in earlier), Decimal("0.00")
        )

    taxable_base = sum((line.amount for line in lines if line.taxable), Decimal("0.00"))
    return Totals(
        subtotal=remaining("subtotal"),
        taxable_base=quantize(taxable_base),
        gst=remaining("gst"),
        qst=remaining("qst"),
    )


def _refund_for(note: Invoice, invoice: Invoice, *, by: AbstractBaseUser | None) -> Refund | None:
    """Refund what was received for `invoice`, up to the credit note's total."""
    refundable = invoice.amount_paid - invoice.refunded_total
    amount = min(note.total, refundable)
    if amount <= 0:
        return None
    card_payment = (
        invoice.payments.filter(method=Method.CARD)
        .exclude(stripe_payment_intent_id="")
        .order_by("-amount", "pk")
        .first()
    )
    if card_payment is not None:
        already = sum((r.amount for r in card_payment.refunds.all() if r.counts), Decimal("0.00"))
        amount = min(amount, card_payment.amount - already)
    if card_payment is not None and amount > 0:
        refund = Refund.objects.create(
            credit_note=note,
            payment=card_payment,
            amount=amount,
            method=Method.CARD,
            status=RefundStatus.REQUESTED,
            recorded_by=by,
        )
        record(
            refund,
            "invoices.refund_requested",
            by=by,
            data={"credit_note": note.number, "amount": str(refund.amount)},
        )
        transaction.on_commit(lambda: request_stripe_refund.enqueue(refund.pk))
        return refund
    refund = Refund.objects.create(
        credit_note=note,
        amount=min(note.total, refundable),
        method=Method.OTHER,
        status=RefundStatus.TO_REFUND,
        recorded_by=by,
    )
    record(
        refund,
        "invoices.refund_to_make",
        by=by,
        data={"credit_note": note.number, "amount": str(refund.amount)},
    )
    return refund


def send_stripe_refund(refund_id: int) -> Refund:
    """Ask Stripe to refund a card payment (run in a task, after commit). The refund's id
    is the idempotency key: asking twice refunds once."""
    refund = Refund.objects.select_related("payment").get(pk=refund_id)
    if refund.status != RefundStatus.REQUESTED or refund.stripe_refund_id:
        return refund
    try:
        result = stripe_client().v1.refunds.create(
            {
                "payment_intent": refund.payment.stripe_payment_intent_id,
                "amount": to_cents(refund.amount),
                "metadata": {"refund_id": str(refund.pk), "credit_note": refund.credit_note.number},
            },
            {"idempotency_key": f"quorum-refund-{refund.pk}"},
        )
    except stripe.StripeError as error:
        logger.warning("Stripe refused refund %s: %s", refund.pk, error.__class__.__name__)
        Refund.objects.filter(pk=refund.pk).update(
            status=RefundStatus.FAILED, error=str(error.user_message or error)[:255]
        )
        refund.refresh_from_db()
        return refund
    _apply_stripe_refund(refund, _plain(result))
    return refund


@task()
def request_stripe_refund(refund_id: int) -> None:
    """The background task that sends a refund to Stripe (django_tasks' worker runs it)."""
    send_stripe_refund(refund_id)


def _apply_stripe_refund(refund: Refund, data: Mapping) -> None:
    """Stripe's view of a refund. A refund that succeeded stays succeeded, whatever arrives
    after (an older event, or a failure staff already made good by hand)."""
    if refund.status == RefundStatus.SUCCEEDED:
        return
    status = {
        "succeeded": RefundStatus.SUCCEEDED,
        "pending": RefundStatus.PENDING,
        "requires_action": RefundStatus.PENDING,
        "failed": RefundStatus.FAILED,
        "canceled": RefundStatus.FAILED,
    }.get(str(data.get("status")), RefundStatus.PENDING)
    refund_id = data.get("id")
    if isinstance(refund_id, str) and refund_id:
        refund.stripe_refund_id = refund_id
    previous = refund.status
    refund.status = status
    if status == RefundStatus.SUCCEEDED and not refund.refunded_at:
        refund.refunded_at = timezone.localdate()
    if status == RefundStatus.FAILED:
        refund.error = str(data.get("failure_reason") or "")[:255]
    refund.save(
        update_fields=[
            "stripe_refund_id",
            "status",
            "refunded_at",
            "error",
            "last_event_created",
        ]
    )
    if status != previous:
        record(
            refund,
            "invoices.refund_updated",
            by=None,
            data={"credit_note": refund.credit_note.number, "status": str(status)},
        )


@transaction.atomic
def record_refund(
    refund: Refund,
    *,
    by: AbstractBaseUser,
    refunded_at: dt.date,
    method: str,
    reference: str = "",
) -> Refund:
    """Staff gave the money back by hand (cheque, transfer), for a credit note that was not
    paid by card or whose card refund Stripe refused: the refund is done."""
    refund = Refund.objects.select_for_update().select_related("credit_note").get(pk=refund.pk)
    if refund.status not in MANUAL_REFUND_STATUSES:
        raise QuorumError(_("This refund is not waiting for staff."), code="not_waiting")
    if method not in Method.values or method == Method.CARD:
        raise QuorumError(_("Choose a payment method."), code="no_method")
    _check_date(refunded_at, since=refund.credit_note.issued_at, what=_("The refund date"))
    refund.status = RefundStatus.SUCCEEDED
    refund.method = method
    refund.refunded_at = refunded_at
    refund.reference = reference
    refund.recorded_by = by
    refund.save()
    record(
        refund,
        "invoices.refund_recorded",
        by=by,
        data={
            "credit_note": refund.credit_note.number,
            "amount": str(refund.amount),
            "method": str(method),
            "refunded_at": refunded_at.isoformat(),
        },
    )
    return refund


def _check_date(day: dt.date, *, since: datetime, what: str, number: str = "") -> None:
    """Money moves between the document's issue date and today, never before nor after. With
    `number`, the refusal names the invoice (one of several that one cheque pays)."""
    first = timezone.localtime(since).date()
    today = timezone.localdate()
    if not isinstance(day, dt.date) or not first <= day <= today:
        message = (
            _(
                "Invoice %(number)s was issued on %(first)s: the payment date must be between "
                "that day and today (%(today)s)."
            )
            if number
            else _("%(what)s must be between %(first)s and today (%(today)s).")
        )
        raise QuorumError(
            message
            % {
                "what": what,
                "number": number,
                "first": format_long_date(first),
                "today": format_long_date(today),
            },
            code="date_out_of_range",
        )


def email_context(invoice: Invoice, language: str | None = None) -> dict:
    """What the e-mail templates show, as strings in the recipient's language (the invoice's
    unless told; the e-mail is rendered in a task, so its context must be serialisable)."""
    language = language or invoice.language
    return {
        "number": invoice.number,
        "billed_name": invoice.billed_name,
        "total": format_money(invoice.total, language),
        "balance": format_money(invoice.balance_due, language),
        "credited_number": invoice.credited_invoice.number if invoice.credited_invoice else "",
        "card_only": invoice.card_only,
        "account_url": url_in(language, "invoices:list"),
    }


def payment_instructions(invoice: Invoice, method: str) -> dict:
    """Where and how to send the money: the instructions the invoice printed when issued."""
    snapshot = invoice.issued_snapshot or issuer_snapshot(invoice.language)
    return {
        "method": str(method),
        "by_cheque": method == Method.CHEQUE,
        "by_transfer": method == Method.TRANSFER,
        "by_interac": method == Method.INTERAC,
        **snapshot["payment"],
    }


def _update_status(invoice: Invoice) -> None:
    """Status from the money: paid, partly paid, or back to what it was waiting for."""
    if invoice.status == Status.CANCELLED:
        return
    balance = invoice.balance_due
    if balance <= 0:
        status = Status.PAID
    elif invoice.amount_paid > 0:
        status = Status.PARTLY_PAID
    elif invoice.status in OFFLINE_METHODS.values():
        status = invoice.status
    else:
        status = Status.TO_PAY
    if status != invoice.status:
        invoice.status = status
        invoice.save(update_fields=["status"])
        if status == Status.PAID:
            invoice_paid.send(sender=Invoice, invoice=invoice)


@transaction.atomic
def choose_offline_method(invoice: Invoice, *, method: str, by: AbstractBaseUser) -> Invoice:
    """The person says how they will pay (cheque, transfer, Interac): the invoice shows it,
    and the instructions are mailed."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if method not in OFFLINE_METHODS:
        raise QuorumError(_("Choose a payment method."), code="no_method")
    if invoice.card_only:
        raise QuorumError(_("This invoice can only be paid by credit card."), code="card_only")
    if not invoice.is_payable:
        raise QuorumError(_("This invoice has nothing left to pay."), code="nothing_to_pay")
    if invoice.amount_paid <= 0:
        invoice.status = OFFLINE_METHODS[method]
        invoice.save(update_fields=["status"])
    record(
        invoice,
        "invoices.offline_method_chosen",
        by=by,
        data={"number": invoice.number, "method": str(method)},
    )
    recipients = {invoice.billed_email, getattr(by, "email", None)}
    queue_email(
        to=sorted(address for address in recipients if address),
        template="invoices_instructions",
        context={**email_context(invoice), **payment_instructions(invoice, method)},
        language=invoice.language,
    )
    return invoice


@transaction.atomic
def record_payment(
    invoice: Invoice,
    *,
    amount: Decimal,
    method: str,
    received_at: dt.date,
    by: AbstractBaseUser | None,
    reference: str = "",
) -> Payment:
    """Staff record money received, dated between the invoice's issue and today, never more
    than the balance due. The invoice becomes partly paid or paid, and the person gets the
    receipt."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    amount, balance = _check_payment(invoice, amount=amount, method=method, received_at=received_at)
    payment = _create_payment(
        invoice,
        balance=balance,
        amount=amount,
        method=method,
        received_at=received_at,
        reference=reference,
        recorded_by=by,
    )
    _update_status(invoice)
    record(
        payment,
        "invoices.payment_recorded",
        by=by,
        data={
            "invoice": invoice.number,
            "receipt": payment.receipt_number,
            "amount": str(amount),
            "method": str(method),
            "received_at": received_at.isoformat(),
        },
    )
    _queue_receipt(payment)
    return payment


def _check_payment(
    invoice: Invoice,
    *,
    amount: Decimal,
    method: str,
    received_at: dt.date,
    named: bool = False,
) -> tuple[Decimal, Decimal]:
    """The rules a payment on `invoice` follows; the amount (quantized) and the balance due
    before it. `named`: the invoice is one of several that one cheque pays, and each message
    names it in its own sentence (rather than behind "Invoice …:", which reads wrong)."""

    def refuse(code: str, plain: str, numbered: str, **values: str) -> QuorumError:
        message = numbered if named else plain
        return QuorumError(message % {"number": invoice.number, **values}, code=code)

    if invoice.is_credit_note:
        raise refuse(
            "credit_note",
            _("A payment is recorded on an invoice, not a credit note."),
            _("%(number)s is a credit note: a payment is recorded on an invoice."),
        )
    if invoice.status == Status.CANCELLED:
        raise refuse(
            "cancelled",
            _("This invoice is cancelled."),
            _("Invoice %(number)s is cancelled."),
        )
    if method not in Method.values:
        raise QuorumError(_("Choose a payment method."), code="no_method")
    try:
        amount = quantize(amount)
    except (InvalidOperation, TypeError, ValueError):
        amount = Decimal("NaN")
    if not amount.is_finite() or amount <= 0:
        raise refuse(
            "amount_not_positive",
            _("The amount must be positive."),
            _("The amount for invoice %(number)s must be positive."),
        )
    balance = invoice.balance_due
    if balance <= 0:
        raise refuse(
            "nothing_to_pay",
            _("This invoice has nothing left to pay."),
            _("Invoice %(number)s has nothing left to pay."),
        )
    if amount > balance:
        raise refuse(
            "above_balance",
            _("The amount (%(amount)s) is more than the balance due (%(balance)s)."),
            _(
                "The amount for invoice %(number)s (%(amount)s) is more than its balance due "
                "(%(balance)s)."
            ),
            amount=format_money(amount),
            balance=format_money(balance),
        )
    _check_date(
        received_at,
        since=invoice.issued_at,
        what=_("The payment date"),
        number=invoice.number if named else "",
    )
    return amount, balance


def open_invoices_of(
    *, customer: AbstractBaseUser | None = None, organization: object | None = None
) -> list[Invoice]:
    """The invoices of a person, or of an organization (billed to it, or to its people), with
    something left to pay: what staff may allocate one cheque or transfer to."""
    if (customer is None) == (organization is None):
        raise QuorumError(_("Choose a person or an organization."), code="no_payer")
    scope = Q(customer=customer) if customer is not None else Q(organization=organization)
    invoices = (
        Invoice.objects.filter(scope, series=Series.INVOICE)
        .exclude(status__in=[Status.CANCELLED, Status.PAID])
        .prefetch_related("payments", "credit_notes__refunds")
        .order_by("issued_at", "pk")
    )
    return [invoice for invoice in invoices if invoice.is_payable]


@transaction.atomic
def record_allocated_payment(
    *,
    amounts: Mapping[Invoice, Decimal],
    total: Decimal,
    method: str,
    received_at: dt.date,
    by: AbstractBaseUser | None,
    reference: str = "",
) -> list[Payment]:
    """One cheque or transfer covering several invoices of the same payer (one person, or
    one organization): staff split its `total` over the invoices. Each share becomes a
    payment with its receipt and the same reference; the shares must add up to the total.
    All or nothing."""
    try:
        total = quantize(total)
        shares = {invoice.pk: quantize(amount) for invoice, amount in amounts.items() if amount}
    except (InvalidOperation, TypeError, ValueError):
        raise QuorumError(_("The amount must be positive."), code="amount_not_positive") from None
    if not shares:
        raise QuorumError(
            _("Allocate the amount to at least one invoice."), code="nothing_allocated"
        )
    if not total.is_finite() or total <= 0:
        raise QuorumError(_("The amount must be positive."), code="amount_not_positive")
    allocated = sum(shares.values(), Decimal("0.00"))
    if allocated != total:
        raise QuorumError(
            _("The amounts allocated (%(allocated)s) must add up to the payment (%(total)s).")
            % {"allocated": format_money(allocated), "total": format_money(total)},
            code="allocation_mismatch",
        )
    invoices = list(Invoice.objects.select_for_update().filter(pk__in=shares).order_by("pk"))
    organizations = {invoice.organization_id for invoice in invoices}
    customers = {invoice.customer_id for invoice in invoices}
    same_organization = len(organizations) == 1 and None not in organizations
    same_person = len(customers) == 1 and None not in customers
    if not (same_organization or same_person):
        raise QuorumError(
            _("One payment covers invoices of one person or one organization only."),
            code="several_payers",
        )
    # Every share checked before any is recorded, each refusal naming its invoice.
    for invoice in invoices:
        _check_payment(
            invoice, amount=shares[invoice.pk], method=method, received_at=received_at, named=True
        )
    return [
        record_payment(
            invoice,
            amount=shares[invoice.pk],
            method=method,
            received_at=received_at,
            by=by,
            reference=reference,
        )
        for invoice in invoices
    ]


def _create_payment(invoice: Invoice, *, balance: Decimal, **fields: object) -> Payment:
    """A payment with its receipt's content fixed now: the issuer, and the invoice's total and
    balance as they stand once this payment counts."""
    amount = fields["amount"]
    return Payment.objects.create(
        invoice=invoice,
        issued_snapshot={
            **issuer_snapshot(invoice.language),
            "invoice_total": str(invoice.total),
            "balance_after": str(balance - amount),
        },
        **fields,
    )


def _queue_receipt(payment: Payment) -> None:
    _mail_document(
        payment.invoice,
        "invoices_payment_received",
        ("invoices.pdf.receipt_attachment", [payment.pk]),
        extra=lambda language: {
            "receipt_number": payment.receipt_number,
            "amount": format_money(payment.amount, language),
        },
    )


def _mail_document(
    invoice: Invoice,
    template: str,
    attachment: tuple[str, list[Any]],
    *,
    extra: Callable[[str], dict] | None = None,
) -> None:
    """Mail a document (invoice, credit note, receipt) to the person billed, in the invoice's
    language; then, once the transaction commits (a registration links its invoice only after
    the invoice is issued), a copy in their own language for each person the apps above name
    through `home.signals.invoice_copies` (the delegate who registered the person)."""

    def context(document: Invoice, language: str) -> dict:
        return {**email_context(document, language), **(extra(language) if extra else {})}

    queue_email(
        to=invoice.billed_email,
        template=template,
        context=context(invoice, invoice.language),
        language=invoice.language,
        attachments=[attachment],
    )
    # Asked now (a credit note for a changed registration: the registration still holds the
    # credited invoice) and again after commit (a new invoice: linked only after issue).
    named_now = _copy_recipients(invoice)
    invoice_pk = invoice.pk

    def copies() -> None:
        document = Invoice.objects.get(pk=invoice_pk)
        recipients = {**named_now, **_copy_recipients(document)}
        for email, language in recipients.items():
            queue_email(
                to=email,
                template=template,
                context={**context(document, language), "copy_for": document.billed_name},
                language=language,
                attachments=[attachment],
            )

    transaction.on_commit(copies, robust=True)  # a copy never fails the payment or issue


def _copy_recipients(invoice: Invoice) -> dict[str, str]:
    """{e-mail: language} of the people `home.signals.invoice_copies` names for the invoice,
    other than the person billed."""
    billed = (invoice.billed_email or "").lower()
    return {
        user.email: user.language
        for _receiver, users in invoice_copies.send(sender=Invoice, invoice=invoice)
        for user in users or ()
        if user.email and user.email.lower() != billed
    }


# Stripe -----------------------------------------------------------------------------------


def stripe_client() -> stripe.StripeClient:
    """The Stripe client. It uses `stripe.default_http_client` when one is set (tests set a
    fake one there: Stripe is faked at its HTTP boundary only)."""
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, http_client=stripe.default_http_client)


def _plain(obj: object) -> dict:
    """Stripe objects as plain dicts (stripe-python 16 objects are not dicts)."""
    return obj.to_dict() if hasattr(obj, "to_dict") else obj


def to_cents(amount: Decimal) -> int:
    return int((quantize(amount) * 100).to_integral_value())


# Stripe Checkout takes at most 100 line items: one per invoice.
MAX_CHECKOUT_INVOICES = 100


def start_checkout(
    invoice: Invoice, *, by: AbstractBaseUser, success_url: str, cancel_url: str
) -> str:
    """Open (or reuse) a Stripe Checkout session for what remains to pay; returns its URL.
    The idempotency key makes a double click open one session, not two."""
    return start_checkout_for([invoice], by=by, success_url=success_url, cancel_url=cancel_url)


def start_checkout_for(
    invoices: Sequence[Invoice], *, by: AbstractBaseUser, success_url: str, cancel_url: str
) -> str:
    """Open (or reuse) one Stripe Checkout session paying what remains due on each invoice,
    one line per invoice ("Pay selected"); returns its URL. Amounts come from the invoices,
    never from the caller. Every invoice must be payable. The idempotency key makes a double
    click open one session, not two."""
    pks = sorted({invoice.pk for invoice in invoices})
    if not pks:
        raise QuorumError(_("Tick at least one invoice to pay."), code="nothing_chosen")
    if len(pks) > MAX_CHECKOUT_INVOICES:
        raise QuorumError(
            _("Pay at most %(max)s invoices at once.") % {"max": MAX_CHECKOUT_INVOICES},
            code="too_many",
        )
    chosen = list(
        Invoice.objects.filter(pk__in=pks)
        .prefetch_related("payments", "credit_notes__refunds")
        .order_by("issued_at", "pk")
    )
    single = len(chosen) == 1
    for invoice in chosen:
        if not invoice.is_payable:
            message = (
                _("This invoice has nothing left to pay.")
                if single
                else _("Invoice %(number)s has nothing left to pay.") % {"number": invoice.number}
            )
            raise QuorumError(message, code="nothing_to_pay")
    amounts = {invoice.pk: invoice.balance_due for invoice in chosen}
    amount = sum(amounts.values(), Decimal("0.00"))
    _check_total(amount)
    first = chosen[0]
    now = timezone.now()
    earlier = StripeCheckout.objects.filter(
        Q(invoice=first) | Q(allocations__invoice=first)
    ).distinct()
    for checkout in earlier.filter(
        status=CheckoutStatus.OPEN, amount=amount, expires_at__gt=now + timedelta(minutes=5)
    ).prefetch_related("allocations"):
        if _allocated(checkout) == amounts:
            return checkout.url
    attempt = earlier.count() + 1
    if single:
        key = f"quorum-checkout-{first.pk}-{attempt}-{to_cents(amount)}"
        metadata = {"invoice_id": str(first.pk), "invoice_number": first.number}
        language = first.language
        email = first.billed_email or getattr(by, "email", None) or None
    else:
        signature = ",".join(f"{pk}:{to_cents(amounts[pk])}" for pk in pks)
        digest = hashlib.sha256(signature.encode()).hexdigest()[:32]
        key = f"quorum-checkout-set-{digest}-{attempt}"
        metadata = {
            "invoice_count": str(len(chosen)),
            # Stripe keeps at most 500 characters a value: the full list is in Quorum.
            "invoice_numbers": ", ".join(invoice.number for invoice in chosen)[:500],
        }
        language = getattr(by, "language", None) or first.language
        email = getattr(by, "email", None) or first.billed_email or None
    params = {
        "mode": "payment",
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": settings.CURRENCY.lower(),
                    "unit_amount": to_cents(amounts[invoice.pk]),
                    "product_data": {"name": _checkout_line_name(invoice, single=single)},
                },
            }
            for invoice in chosen
        ],
        "metadata": metadata,
        "payment_intent_data": {"metadata": metadata},
        "customer_email": email,
        "locale": "fr-CA" if language == "fr" else "en",
        "success_url": success_url,
        "cancel_url": cancel_url,
    }
    if single:
        params["client_reference_id"] = str(first.pk)
    session = _plain(stripe_client().v1.checkout.sessions.create(params, {"idempotency_key": key}))
    expires_at = session.get("expires_at")
    with transaction.atomic():
        checkout, created = StripeCheckout.objects.get_or_create(
            session_id=session["id"],
            defaults={
                "invoice": first,
                "url": session.get("url") or "",
                "amount": amount,
                "created_by": by,
                "expires_at": (datetime.fromtimestamp(expires_at, tz=UTC) if expires_at else None),
            },
        )
        if created:
            CheckoutAllocation.objects.bulk_create(
                CheckoutAllocation(checkout=checkout, invoice=invoice, amount=amounts[invoice.pk])
                for invoice in chosen
            )
            data = (
                {"invoice": first.number, "amount": str(amount)}
                if single
                else {"invoices": [invoice.number for invoice in chosen], "amount": str(amount)}
            )
            record(checkout, "invoices.checkout_started", by=by, data=data)
    return session.get("url")


def _checkout_line_name(invoice: Invoice, *, single: bool) -> str:
    name = _("Invoice %(number)s") % {"number": invoice.number}
    # Paying several (a delegate's colleagues), each line names whom it is for.
    return name if single else f"{name} · {invoice.billed_name}"


def _allocated(checkout: StripeCheckout) -> dict[int, Decimal]:
    """{invoice id: amount} a session pays: its allocations (a session opened before they
    existed, or created by hand, pays its one invoice)."""
    allocations = list(checkout.allocations.all())
    if not allocations:
        return {checkout.invoice_id: checkout.amount}
    return {allocation.invoice_id: allocation.amount for allocation in allocations}


def retrieve_checkout_session(session_id: str) -> dict:
    return _plain(stripe_client().v1.checkout.sessions.retrieve(session_id))


@transaction.atomic
def fulfil_checkout(session: Mapping) -> Payment | None:
    """THE fulfilment of a paid Checkout session, for callers that pay one invoice: the
    payment recorded (the first one when the session paid several)."""
    payments = fulfil_checkout_payments(session)
    return payments[0] if payments else None


@transaction.atomic
def fulfil_checkout_payments(session: Mapping) -> list[Payment]:
    """THE fulfilment of a paid Checkout session, called by the success pages and by the
    webhook. It records one payment (with its receipt) per invoice the session pays, all in
    this one transaction (all or nothing). Idempotent: a session is fulfilled once, however
    often it is called; an empty list when the session is not ours or not paid."""
    session_id = session["id"]
    checkout = (
        StripeCheckout.objects.select_for_update()
        .select_related("invoice")
        .filter(session_id=session_id)
        .first()
    )
    if checkout is None:
        logger.warning("Stripe session %s is not one of ours", session_id[-8:])
        return []
    allocations = list(checkout.allocations.select_related("payment").order_by("invoice_id"))
    if checkout.payment_id:
        return [a.payment for a in allocations if a.payment_id] or [checkout.payment]
    if session.get("payment_status") not in ("paid", "no_payment_required"):
        return []
    payment_intent = session.get("payment_intent") or ""
    if isinstance(payment_intent, Mapping):
        payment_intent = payment_intent.get("id", "")
    if not isinstance(payment_intent, str):
        raise MalformedEvent("payment_intent")
    amount_total = session.get("amount_total")
    if amount_total is None:
        amount = checkout.amount
    elif isinstance(amount_total, int) and not isinstance(amount_total, bool):
        amount = (Decimal(amount_total) / 100).quantize(Decimal("0.01"))
    else:
        raise MalformedEvent("amount_total")
    if not Decimal("0.01") <= amount <= MAX_AMOUNT:
        raise MalformedEvent("amount_total")
    if not allocations:
        allocations = [
            CheckoutAllocation(checkout=checkout, invoice_id=checkout.invoice_id, amount=amount)
        ]
    elif len(allocations) == 1:
        allocations[0].amount = amount  # what the card was charged
    elif amount != checkout.amount:
        # Several invoices, each paid its own share: a total other than the one asked for
        # cannot be split. Nothing is recorded; staff see the session in Stripe.
        logger.warning("Stripe session %s paid another total than asked", session_id[-8:])
        raise MalformedEvent("amount_total")
    # Locked in one order (by id), so that two sessions paying the same invoices wait for
    # each other instead of deadlocking.
    invoices = {
        invoice.pk: invoice
        for invoice in Invoice.objects.select_for_update()
        .filter(pk__in=[allocation.invoice_id for allocation in allocations])
        .order_by("pk")
    }
    payments = []
    for allocation in allocations:
        invoice = invoices[allocation.invoice_id]
        balance = invoice.balance_due
        if allocation.amount > balance:
            # The card was charged (the money is there): it is recorded, and staff see the
            # overpayment as a negative balance to refund with a credit note.
            logger.warning("Stripe session %s paid more than the balance due", session_id[-8:])
        payment = _create_payment(
            invoice,
            balance=balance,
            amount=allocation.amount,
            method=Method.CARD,
            received_at=timezone.localdate(),
            reference=payment_intent,
            stripe_checkout_session_id=session_id,
            stripe_payment_intent_id=payment_intent,
        )
        allocation.payment = payment
        allocation.save()
        _update_status(invoice)
        record(
            payment,
            "invoices.card_payment_received",
            by=None,
            data={
                "invoice": invoice.number,
                "receipt": payment.receipt_number,
                "amount": str(allocation.amount),
                "payment_intent": payment_intent,
            },
        )
        _queue_receipt(payment)
        payments.append(payment)
    checkout.payment = payments[0]
    checkout.status = CheckoutStatus.COMPLETE
    checkout.payment_intent_id = payment_intent
    checkout.save(update_fields=["payment", "status", "payment_intent_id"])
    return payments


class MalformedEvent(QuorumError):
    """A signed Stripe event whose content is not what Stripe documents: refused with a 400
    (and logged), so that a bug on either side shows instead of a 500 retried forever."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(_("This Stripe event is malformed."), code="malformed_event")
        self.detail = detail


def _is_older(obj: StripeCheckout | Refund, created: int) -> bool:
    """Whether an event is older than the last one applied to the object; otherwise the
    object remembers it as the last one applied."""
    if obj.last_event_created is not None and created < obj.last_event_created:
        return True
    obj.last_event_created = created
    return False


@transaction.atomic
def expire_checkout(session: Mapping, *, created: int | None = None) -> None:
    """An abandoned session: the invoice stays payable (a new session can be opened)."""
    checkout = (
        StripeCheckout.objects.select_for_update()
        .filter(session_id=session["id"], status=CheckoutStatus.OPEN)
        .first()
    )
    if checkout is None or (created is not None and _is_older(checkout, created)):
        return
    checkout.status = CheckoutStatus.EXPIRED
    checkout.save(update_fields=["status", "last_event_created"])
    record(checkout, "invoices.checkout_expired", by=None, data={"session": session["id"]})


def _refund_of(data: Mapping) -> Refund | None:
    refund = Refund.objects.select_for_update().filter(stripe_refund_id=data["id"]).first()
    metadata = data.get("metadata")
    refund_id = metadata.get("refund_id") if isinstance(metadata, Mapping) else None
    if refund is None and isinstance(refund_id, str) and refund_id.isdigit():
        refund = (
            Refund.objects.select_for_update().filter(pk=int(refund_id), method=Method.CARD).first()
        )
    return refund


CHECKOUT_PAID = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
REFUND_EVENTS = ("refund.updated", "refund.created", "refund.failed", "charge.refund.updated")


def _parse_event(event: object) -> tuple[str, str, int, Mapping]:
    """(id, type, created, data object) of an event, or MalformedEvent."""
    if not isinstance(event, Mapping):
        raise MalformedEvent("event")
    event_id, kind, created = event.get("id"), event.get("type"), event.get("created")
    data = event.get("data")
    obj = data.get("object") if isinstance(data, Mapping) else None
    if not (isinstance(event_id, str) and event_id and isinstance(kind, str) and kind):
        raise MalformedEvent("id/type")
    if not isinstance(created, int) or isinstance(created, bool) or not 0 <= created <= 10**12:
        raise MalformedEvent("created")
    if not isinstance(obj, Mapping) or not isinstance(obj.get("id"), str) or not obj["id"]:
        raise MalformedEvent("data.object")
    return event_id[:255], kind[:100], created, obj


def handle_stripe_event(event: object) -> bool:
    """Apply a verified webhook event once. Returns False when it was already applied, is
    older than the last event applied to its object, or is of a type Quorum does not use.
    Raises MalformedEvent (nothing changed) when its content is not what Stripe documents."""
    event_id, kind, created, data = _parse_event(_plain(event))
    if kind not in (*CHECKOUT_PAID, "checkout.session.expired", *REFUND_EVENTS):
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                ProcessedStripeEvent.objects.create(event_id=event_id, type=kind)
        except IntegrityError:
            return False
        if kind in CHECKOUT_PAID:
            # A paid session is recorded whatever the order: the money was received, and the
            # fulfilment records it once.
            payment = fulfil_checkout(data)
            if payment is not None:
                StripeCheckout.objects.filter(
                    Q(last_event_created__lt=created) | Q(last_event_created__isnull=True),
                    session_id=data["id"],
                ).update(last_event_created=created)
        elif kind == "checkout.session.expired":
            expire_checkout(data, created=created)
        else:
            refund = _refund_of(data)
            if refund is not None and not _is_older(refund, created):
                _apply_stripe_refund(refund, data)
    return True


def _add_lines(document: Invoice, lines: Sequence[LineSpec]) -> None:
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


# Scoping ----------------------------------------------------------------------------------


def documents_for(user: AbstractBaseUser) -> QuerySet[Invoice]:
    """Invoices and credit notes a person may see and pay: their own, and those they caused
    for someone else (a delegate's registrations). Everything else is a 404."""
    if not user.is_authenticated:
        return Invoice.objects.none()
    # Both conditions are on the invoice's own row: no join, no duplicate, no DISTINCT (which
    # made PostgreSQL sort every matching invoice before the first page at 500,000 invoices).
    return Invoice.objects.filter(Q(customer=user) | Q(issued_by=user))


def of_series(documents: QuerySet[Invoice], series: str) -> QuerySet[Invoice]:
    """`documents` (a person's, from documents_for) of one series, found through the person's
    indexes: the series is checked on their rows only (at 500,000 invoices, SQLite otherwise
    walked the whole series, a quarter of a second, before the first page)."""
    return documents.alias(series_of_row=RowByRow("series")).filter(series_of_row=series)


def payments_for(user: AbstractBaseUser) -> QuerySet[Payment]:
    if not user.is_authenticated:
        return Payment.objects.none()
    # The person's invoice numbers first: joined to the payments, PostgreSQL walks every payment
    # by date to fill the first page instead (seconds at 500,000 invoices).
    invoices = list(documents_for(user).values_list("pk", flat=True))
    return Payment.objects.filter(invoice__in=invoices)
