from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    language = models.CharField(_("language"), max_length=2, default="fr")
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

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="unique_number_per_series")
        ]
        permissions = [("record_payment", _("Can record payments and issue credit notes"))]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        if self.pk:
            stored = Invoice.objects.filter(pk=self.pk).values(*FROZEN_FIELDS).first()
            if stored and any(stored[f] != getattr(self, f) for f in FROZEN_FIELDS):
                raise ValidationError(_("An issued invoice cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("An issued invoice cannot be deleted."))

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
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    taxable = models.BooleanField(_("taxable"), default=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")

    def __str__(self):
        return self.description

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValidationError(_("An issued invoice cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("An issued invoice cannot be deleted."))
