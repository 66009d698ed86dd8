from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.formatting import format_money
from home.ordering import name_order

from .models import MAX_AMOUNT, MAX_QUANTITY, MAX_UNIT_PRICE, OFFLINE_METHODS, Invoice, Method


def organizations():
    """The organizations an invoice may be billed to (the model `Invoice.organization` points
    to, without importing the app that defines it)."""
    return Invoice._meta.get_field("organization").related_model._default_manager.all()


class OfflineMethodForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How will you pay?"),
        choices=[(m.value, m.label) for m in OFFLINE_METHODS],
        widget=forms.RadioSelect,
    )


class InvoiceFilterForm(forms.Form):
    """ "Factures": the documents of one year, or those matching a number or a name."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value="")
    q = forms.CharField(label=_("Number or name"), max_length=100, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]


class PaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
    )
    received_at = forms.DateField(
        label=_("Received on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[(m.value, m.label) for m in Method if m != Method.CARD],
    )
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)


class PayerForm(forms.Form):
    """Whose invoices one cheque or transfer pays: a person, or an organization."""

    customer = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.filter(is_active=True).order_by(*name_order()),
        required=False,
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=organizations(), required=False
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("customer")) == bool(data.get("organization")):
            raise forms.ValidationError(_("Choose either a person or an organization."))
        return data


class AllocationForm(PaymentForm):
    """One cheque or transfer, and the share of it each open invoice of the payer receives."""

    def __init__(self, *args, invoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].label = _("Amount of the payment")
        self.invoices = list(invoices)
        for invoice in self.invoices:
            self.fields[self.field_name(invoice)] = forms.DecimalField(
                label=_("%(number)s, %(name)s: balance due %(balance)s")
                % {
                    "number": invoice.number,
                    "name": invoice.billed_name,
                    "balance": format_money(invoice.balance_due),
                },
                max_digits=12,
                decimal_places=2,
                min_value=Decimal("0.00"),
                max_value=MAX_AMOUNT,
                required=False,
            )

    @staticmethod
    def field_name(invoice):
        return f"invoice_{invoice.pk}"

    def allocations(self):
        """{invoice: amount} of the invoices given a share."""
        return {
            invoice: self.cleaned_data[self.field_name(invoice)]
            for invoice in self.invoices
            if self.cleaned_data.get(self.field_name(invoice))
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        allocated = sum(self.allocations().values(), Decimal("0.00"))
        if not allocated:
            raise forms.ValidationError(_("Allocate the amount to at least one invoice."))
        if allocated != data["amount"]:
            raise forms.ValidationError(
                _("The amounts allocated (%(allocated)s) must add up to the payment (%(total)s).")
                % {"allocated": format_money(allocated), "total": format_money(data["amount"])}
            )
        return data


class CreditNoteForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    lines = forms.TypedMultipleChoiceField(
        label=_("Lines to credit"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unchecked to credit all that remains of the invoice."),
    )
    refund = forms.BooleanField(
        label=_("Refund the money received"),
        required=False,
        help_text=_(
            "Paid by card: Stripe refunds the card. Otherwise a refund is listed for staff."
        ),
    )

    def __init__(self, *args, invoice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [
            (line.pk, f"{line.description} × {line.quantity}") for line in invoice.lines.all()
        ]


class ManualInvoiceForm(forms.Form):
    customer = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.filter(is_active=True).order_by(*name_order()),
        required=False,
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=organizations(), required=False
    )
    description = forms.CharField(label=_("Description"), max_length=255)
    unit_price = forms.DecimalField(
        label=_("Unit price"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=MAX_UNIT_PRICE,
    )
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=MAX_QUANTITY, initial=1
    )
    taxable = forms.BooleanField(label=_("Taxable"), required=False, initial=True)
    due_date = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due is not None and due < timezone.localdate():
            raise forms.ValidationError(
                _("The due date cannot be before the invoice's date (today).")
            )
        return due

    def clean(self):
        data = super().clean()
        if bool(data.get("customer")) == bool(data.get("organization")):
            raise forms.ValidationError(_("Bill either a person or an organization."))
        return data


class RefundDoneForm(forms.Form):
    refunded_at = forms.DateField(
        label=_("Refunded on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[(m.value, m.label) for m in Method if m != Method.CARD],
    )
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
