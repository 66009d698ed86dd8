from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.errors import QuorumError

# Bounds that keep every amount inside its column (12 digits, 2 decimals) and within what the
# association ever bills: forms validate them, services refuse beyond them, and check
# constraints back them in the database.
MAX_QUANTITY = 9_999
MAX_UNIT_PRICE = Decimal("99999.99")
MAX_AMOUNT = Decimal("999999.99")  # a line, a document's total, a payment or a refund


class Series(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class Status(models.TextChoices):
    TO_PAY = "to_pay", _("To pay")
    AWAITING_CHEQUE = "awaiting_cheque", _("Awaiting cheque")
    AWAITING_TRANSFER = "awaiting_transfer", _("Awaiting bank transfer")
    AWAITING_INTERAC = "awaiting_interac", _("Awaiting Interac transfer")
    PARTLY_PAID = "partly_paid", _("Partly paid")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")
    ISSUED = "issued", _("Issued")  # credit notes


class NumberSequence(models.Model):
    """The last number used in a series. Locked row by row while a document is issued, so that
    numbers are unique and gapless even when documents are issued concurrently."""

    series = models.CharField(max_length=20, choices=Series.choices, unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.series}: {self.last_number}"


# Fields of an issued document that never change. Status and the payment method chosen do.
FROZEN_FIELDS = (
    "series",
    "number",
    "customer_id",
    "organization_id",
    "billed_name",
    "billed_address",
    "billed_email",
    "language",
    "issued_at",
    "subtotal",
    "gst",
    "qst",
    "total",
    "card_only",
    "credited_invoice_id",
    "issued_snapshot",
)


def _between(field, low, high, name):
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name
    )


class Invoice(models.Model):
    """An invoice or a credit note. Issued documents are immutable and never deleted:
    corrections are credit notes that point to the invoice they correct."""

    series = models.CharField(_("series"), max_length=20, choices=Series.choices)
    number = models.CharField(_("number"), max_length=20)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        help_text=_("The person the document is for; they can see and pay it."),
    )
    organization = models.ForeignKey(
        "members.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caused_invoices",
        help_text=_("Who caused it: the person, their delegate, or staff."),
    )
    billed_name = models.CharField(_("billed name"), max_length=255)
    billed_address = models.TextField(_("billed address"), blank=True)
    billed_email = models.EmailField(_("billed e-mail"), blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fr"
    )
    issued_at = models.DateTimeField(_("issued at"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    subtotal = models.DecimalField(_("subtotal"), max_digits=12, decimal_places=2)
    gst = models.DecimalField(_("GST"), max_digits=12, decimal_places=2)
    qst = models.DecimalField(_("QST"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    card_only = models.BooleanField(_("payable by card only"), default=False)
    credited_invoice = models.ForeignKey(
        "self",
        verbose_name=_("credited invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TO_PAY
    )
    issued_snapshot = models.JSONField(
        _("as issued"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "What the document prints, fixed at issue: the association's name, address and tax "
            "numbers, the tax rates, the organization billed and the payment instructions."
        ),
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="unique_number_per_series"),
            _between("subtotal", 0, MAX_AMOUNT, "invoice_subtotal_bounded"),
            _between("gst", 0, MAX_AMOUNT, "invoice_gst_bounded"),
            _between("qst", 0, MAX_AMOUNT, "invoice_qst_bounded"),
            _between("total", 0, MAX_AMOUNT, "invoice_total_bounded"),
        ]
        # The filters and orders of the member's "Factures", the staff listing (status,
        # organization, period; newest first) and the delegate's views.
        indexes = [
            models.Index(fields=["customer", "-issued_at", "-id"], name="invoice_customer_issued"),
            models.Index(fields=["organization", "-issued_at", "-id"], name="invoice_org_issued"),
            models.Index(fields=["status", "-issued_at", "-id"], name="invoice_status_issued"),
            models.Index(fields=["-issued_at", "-id"], name="invoice_issued"),
        ]
        permissions = [("record_payment", _("Can record payments and issue credit notes"))]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        if self.pk:
            stored = Invoice.objects.filter(pk=self.pk).values(*FROZEN_FIELDS).first()
            if stored and any(stored[f] != getattr(self, f) for f in FROZEN_FIELDS):
                raise QuorumError(_("An issued invoice cannot be changed."), code="immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise QuorumError(_("An issued invoice cannot be deleted."), code="undeletable")

    @property
    def balance_due(self):
        """What remains to pay: total less credit notes and payments, plus what was refunded.
        Negative when the person has a credit."""
        if self.is_credit_note:
            return Decimal("0.00")
        return self.total - self.credited_total - self.amount_paid + self.refunded_total

    @property
    def amount_paid(self):
        return sum((p.amount for p in self.payments.all()), Decimal("0.00"))

    @property
    def refunded_total(self):
        return sum(
            (r.amount for note in self.credit_notes.all() for r in note.refunds.all() if r.counts),
            Decimal("0.00"),
        )

    @property
    def is_payable(self):
        return not self.is_credit_note and self.status != Status.CANCELLED and self.balance_due > 0

    @property
    def awaited_method(self):
        from_status = {v: k for k, v in OFFLINE_METHODS.items()}
        return from_status.get(self.status)

    @property
    def is_credit_note(self):
        return self.series == Series.CREDIT_NOTE

    @property
    def credited_total(self):
        return sum((note.total for note in self.credit_notes.all()), Decimal("0.00"))


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(_("description"), max_length=255)
    quantity = models.PositiveIntegerField(
        _("quantity"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)],
    )
    unit_price = models.DecimalField(
        _("unit price"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_UNIT_PRICE)],
    )
    taxable = models.BooleanField(_("taxable"), default=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        constraints = [
            _between("quantity", 1, MAX_QUANTITY, "invoice_line_quantity_bounded"),
            # Negative for a discount line (a promo code); the document's total stays >= 0.
            _between(
                "unit_price", -MAX_UNIT_PRICE, MAX_UNIT_PRICE, "invoice_line_unit_price_bounded"
            ),
            _between("amount", -MAX_AMOUNT, MAX_AMOUNT, "invoice_line_amount_bounded"),
        ]

    def __str__(self):
        return self.description

    def save(self, *args, **kwargs):
        if self.pk:
            raise QuorumError(_("An issued invoice cannot be changed."), code="immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise QuorumError(_("An issued invoice cannot be deleted."), code="undeletable")


class Method(models.TextChoices):
    CARD = "card", _("Credit card")
    CHEQUE = "cheque", _("Cheque")
    TRANSFER = "transfer", _("Direct deposit / bank transfer")
    INTERAC = "interac", _("Interac e-Transfer")
    OTHER = "other", _("Other")


# The offline methods a member may announce, and the status the invoice takes meanwhile.
OFFLINE_METHODS = {
    Method.CHEQUE: Status.AWAITING_CHEQUE,
    Method.TRANSFER: Status.AWAITING_TRANSFER,
    Method.INTERAC: Status.AWAITING_INTERAC,
}


class Payment(models.Model):
    """Money received for an invoice: by card through Stripe (recorded by the fulfilment), or
    by cheque, transfer or Interac (recorded by staff). Each payment has its receipt."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)],
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    received_at = models.DateField(_("received on"))
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("Cheque number, transfer confirmation or Interac reference."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # One payment per invoice of a Checkout session (a session may pay several invoices).
    stripe_checkout_session_id = models.CharField(
        _("Stripe Checkout session"), max_length=255, null=True, blank=True, db_index=True
    )
    stripe_payment_intent_id = models.CharField(
        _("Stripe payment intent"), max_length=255, blank=True
    )
    issued_snapshot = models.JSONField(
        _("receipt as issued"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("What the receipt prints, fixed when the payment is recorded."),
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            _between("amount", Decimal("0.01"), MAX_AMOUNT, "payment_amount_bounded"),
            models.UniqueConstraint(
                fields=["stripe_checkout_session_id", "invoice"],
                name="one_payment_per_invoice_per_checkout",
            ),
        ]
        indexes = [models.Index(fields=["-received_at", "-id"], name="payment_received")]

    def __str__(self):
        return f"{self.invoice.number} · {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk:
            stored = Payment.objects.filter(pk=self.pk).values("amount", "issued_snapshot").first()
            if stored and (
                stored["amount"] != self.amount or stored["issued_snapshot"] != self.issued_snapshot
            ):
                raise QuorumError(_("A recorded payment cannot be changed."), code="immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise QuorumError(_("A recorded payment cannot be deleted."), code="undeletable")

    @property
    def receipt_number(self):
        return f"R-{self.pk:06d}"


class CheckoutStatus(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETE = "complete", _("Paid")
    EXPIRED = "expired", _("Expired")


class StripeCheckout(models.Model):
    """A Stripe Checkout session opened for one invoice or several ("Pay selected"): its
    allocations say which invoices and how much each. The session id is unique: the
    fulfilment of one session records one payment per invoice, once, however often Stripe
    tells us."""

    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        help_text=_("The invoice paid, or the first of the invoices paid together."),
        on_delete=models.PROTECT,
        related_name="stripe_checkouts",
    )
    session_id = models.CharField(_("session"), max_length=255, unique=True)
    url = models.URLField(_("address"), max_length=2000, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=20, choices=CheckoutStatus.choices, default=CheckoutStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    payment_intent_id = models.CharField(_("payment intent"), max_length=255, blank=True)
    payment = models.OneToOneField(
        Payment,
        verbose_name=_("payment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stripe_checkout",
    )
    last_event_created = models.BigIntegerField(
        _("last Stripe event applied"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When Stripe created the last event applied here (Unix time)."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Stripe payment")
        verbose_name_plural = _("Stripe payments")
        constraints = [
            _between("amount", Decimal("0.01"), MAX_AMOUNT, "stripe_checkout_amount_bounded")
        ]

    def __str__(self):
        return f"{self.invoice.number} · {self.session_id[-8:]}"


class CheckoutAllocation(models.Model):
    """One invoice paid by a Stripe Checkout session, and the amount the session pays on it
    (its balance due when the session opened). Each becomes its own payment and receipt."""

    checkout = models.ForeignKey(
        StripeCheckout,
        verbose_name=_("Stripe payment"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="checkout_allocations",
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    payment = models.OneToOneField(
        Payment,
        verbose_name=_("payment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checkout_allocation",
    )

    class Meta:
        ordering = ["checkout", "invoice"]
        verbose_name = _("invoice paid by card")
        verbose_name_plural = _("invoices paid by card")
        constraints = [
            models.UniqueConstraint(
                fields=["checkout", "invoice"], name="one_allocation_per_invoice_per_checkout"
            ),
            _between("amount", Decimal("0.01"), MAX_AMOUNT, "checkout_allocation_amount_bounded"),
        ]

    def __str__(self):
        return f"{self.invoice.number} · {self.amount}"


class ProcessedStripeEvent(models.Model):
    """Stripe delivers an event at least once: each one is applied once, by its id."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    processed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("processed Stripe event")
        verbose_name_plural = _("processed Stripe events")

    def __str__(self):
        return self.event_id


class RefundStatus(models.TextChoices):
    TO_REFUND = "to_refund", _("To refund by staff")
    REQUESTED = "requested", _("Asked of Stripe")
    PENDING = "pending", _("Pending at Stripe")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")


class Refund(models.Model):
    """Money given back for a credit note: asked of Stripe when the invoice was paid by card,
    otherwise done by staff (cheque, transfer) and recorded here."""

    credit_note = models.ForeignKey(
        Invoice, verbose_name=_("credit note"), on_delete=models.PROTECT, related_name="refunds"
    )
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("payment refunded"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunds",
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    status = models.CharField(_("status"), max_length=20, choices=RefundStatus.choices)
    stripe_refund_id = models.CharField(
        _("Stripe refund"), max_length=255, null=True, blank=True, unique=True
    )
    error = models.CharField(_("error"), max_length=255, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    refunded_at = models.DateField(_("refunded on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_event_created = models.BigIntegerField(
        _("last Stripe event applied"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When Stripe created the last event applied here (Unix time)."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [_between("amount", Decimal("0.01"), MAX_AMOUNT, "refund_amount_bounded")]

    def __str__(self):
        return f"{self.credit_note.number} · {self.amount}"

    @property
    def counts(self):
        return self.status != RefundStatus.FAILED


@register_setting(icon="doc-full")
class PaymentSettings(BaseSiteSetting):
    """How to pay offline: shown on invoices and in the instructions e-mail."""

    payee = models.CharField(
        _("payee"), max_length=200, blank=True, help_text=_("Name to write on cheques.")
    )
    mailing_address = models.TextField(_("mailing address for cheques"), blank=True)
    bank_name = models.CharField(_("bank"), max_length=200, blank=True)
    bank_transit = models.CharField(_("transit number"), max_length=20, blank=True)
    bank_institution = models.CharField(_("institution number"), max_length=20, blank=True)
    bank_account = models.CharField(_("account number"), max_length=40, blank=True)
    interac_email = models.EmailField(_("Interac e-Transfer address"), blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(_("payment terms (days)"), default=30)

    panels = [
        MultiFieldPanel([FieldPanel("payee"), FieldPanel("mailing_address")], heading=_("Cheques")),
        MultiFieldPanel(
            [
                FieldPanel("bank_name"),
                FieldPanel("bank_transit"),
                FieldPanel("bank_institution"),
                FieldPanel("bank_account"),
            ],
            heading=_("Direct deposit / bank transfer"),
        ),
        MultiFieldPanel([FieldPanel("interac_email")], heading=_("Interac e-Transfer")),
        FieldPanel("payment_terms_days"),
    ]

    class Meta:
        verbose_name = _("payment settings")
