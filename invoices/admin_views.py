"""Staff actions in the Wagtail admin, behind the `invoices.record_payment` permission: the
billing viewsets (wagtail_hooks) register them. Each view checks, calls a service, messages and
redirects."""

from decimal import Decimal

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.errors import QuorumError
from home.pdf import pdf_download

from . import services
from .forms import (
    AllocationForm,
    CreditNoteForm,
    ManualInvoiceForm,
    PayerForm,
    PaymentForm,
    RefundDoneForm,
)
from .models import Invoice, Refund, Series
from .pdf import invoice_filename, invoice_pdf

PERMISSION = "invoices.record_payment"


def invoices_with_balances(queryset):
    """Invoices with what their balance adds up (payments, credit notes and their refunds), in
    three queries whatever their number."""
    return queryset.prefetch_related("payments", "credit_notes__refunds")


class StaffFormView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    header_icon = "doc-full"
    submit_button_label = gettext_lazy("Save")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            **kwargs,
        )

    def form_invalid(self, form):
        # The generic form template shows each field's errors, not the form's own (a refusal
        # from the service, shares that do not add up): the message lists them.
        messages.validation_error(
            self.request, _("Nothing was saved: please correct the errors."), form
        )
        return super().form_invalid(form)

    def fail(self, form, error):
        for message in error.messages:
            form.add_error(None, message)
        return self.form_invalid(form)


def _inspect_url(invoice):
    return reverse("invoice_admin:inspect", args=[invoice.pk])


class ManualInvoiceView(StaffFormView):
    form_class = ManualInvoiceForm
    page_title = gettext_lazy("New invoice")
    submit_button_label = gettext_lazy("Issue the invoice")

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invoice = services.issue_invoice(
                lines=[
                    services.LineSpec(
                        data["description"], data["unit_price"], data["quantity"], data["taxable"]
                    )
                ],
                customer=data["customer"],
                organization=data["organization"],
                by=self.request.user,
                due_date=data["due_date"],
            )
        except QuorumError as error:
            return self.fail(form, error)
        messages.success(self.request, _("Invoice %(number)s issued.") % {"number": invoice.number})
        return redirect(_inspect_url(invoice))


class InvoiceActionView(StaffFormView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.invoice = get_object_or_404(
            invoices_with_balances(Invoice.objects.prefetch_related("lines")),
            pk=kwargs["pk"],
            series=Series.INVOICE,
        )

    def get_page_subtitle(self):
        return self.invoice.number


class RecordPaymentView(InvoiceActionView):
    form_class = PaymentForm
    page_title = gettext_lazy("Record a payment")
    submit_button_label = gettext_lazy("Record the payment")

    def get_initial(self):
        balance = self.invoice.balance_due
        return {"amount": balance if balance > 0 else Decimal("0.00")}

    def form_valid(self, form):
        try:
            payment = services.record_payment(
                self.invoice, by=self.request.user, **form.cleaned_data
            )
        except QuorumError as error:
            return self.fail(form, error)
        messages.success(
            self.request,
            _("Payment recorded; receipt %(number)s sent.") % {"number": payment.receipt_number},
        )
        return redirect(_inspect_url(self.invoice))


class AllocatePaymentView(StaffFormView):
    """One cheque or transfer covering several invoices of one person or one organization:
    staff choose the payer, then split the amount over the payer's open invoices."""

    page_title = gettext_lazy("Record one payment for several invoices")
    submit_button_label = gettext_lazy("Record the payment")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.payer = None
        self.payer_kind = None
        payer_form = PayerForm(request.GET or None)
        if payer_form.is_valid():
            data = payer_form.cleaned_data
            self.payer_kind = "customer" if data["customer"] else "organization"
            self.payer = data[self.payer_kind]

    def get_page_subtitle(self):
        return str(self.payer) if self.payer is not None else ""

    def get_form(self, form_class=None):
        if self.payer is None:
            return PayerForm(**self.get_form_kwargs())
        invoices = services.open_invoices_of(**{self.payer_kind: self.payer})
        return AllocationForm(invoices=invoices, **self.get_form_kwargs())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if isinstance(form, AllocationForm) and not form.invoices:
            messages.warning(self.request, _("This payer has no invoice left to pay."))
        return context

    def form_valid(self, form):
        if isinstance(form, PayerForm):
            payer = "customer" if form.cleaned_data["customer"] else "organization"
            return redirect(
                f"{reverse('invoice_admin:allocate')}?{payer}={form.cleaned_data[payer].pk}"
            )
        data = form.cleaned_data
        try:
            payments = services.record_allocated_payment(
                amounts=form.allocations(),
                total=data["amount"],
                method=data["method"],
                received_at=data["received_at"],
                reference=data["reference"],
                by=self.request.user,
            )
        except QuorumError as error:
            return self.fail(form, error)
        messages.success(
            self.request,
            ngettext(
                "Payment recorded on %(count)s invoice; receipt sent.",
                "Payment recorded on %(count)s invoices; a receipt sent for each.",
                len(payments),
            )
            % {"count": len(payments)},
        )
        return redirect("invoice_admin:index")


class CreditNoteView(InvoiceActionView):
    page_title = gettext_lazy("Issue a credit note")
    submit_button_label = gettext_lazy("Issue the credit note")

    def get_form(self, form_class=None):
        return CreditNoteForm(invoice=self.invoice, **self.get_form_kwargs())

    def form_valid(self, form):
        chosen = set(form.cleaned_data["lines"])
        lines = None
        if chosen:
            lines = [
                services.LineSpec(line.description, line.unit_price, line.quantity, line.taxable)
                for line in self.invoice.lines.all()
                if line.pk in chosen
            ]
        try:
            note = services.issue_credit_note(
                self.invoice,
                reason=form.cleaned_data["reason"],
                by=self.request.user,
                lines=lines,
                refund=form.cleaned_data["refund"],
            )
        except QuorumError as error:
            return self.fail(form, error)
        messages.success(
            self.request, _("Credit note %(number)s issued.") % {"number": note.number}
        )
        return redirect(_inspect_url(note))


class RefundDoneView(StaffFormView):
    form_class = RefundDoneForm
    page_title = gettext_lazy("Record a refund made by hand")
    submit_button_label = gettext_lazy("Record the refund")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.refund = get_object_or_404(
            Refund, pk=kwargs["pk"], status__in=services.MANUAL_REFUND_STATUSES
        )

    def form_valid(self, form):
        try:
            services.record_refund(self.refund, by=self.request.user, **form.cleaned_data)
        except QuorumError as error:
            return self.fail(form, error)
        messages.success(self.request, _("Refund recorded."))
        return redirect("refund_admin:index")


@permission_required(PERMISSION, raise_exception=True)
def admin_pdf(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    return pdf_download(invoice_pdf(invoice), invoice_filename(invoice))


@permission_required(PERMISSION, raise_exception=True)
def organization_statement(request, pk):
    """The statement of an organization (`Invoice.organization`'s target), for staff."""
    from .statements import statement_filename, statement_pdf

    organization_model = Invoice._meta.get_field("organization").related_model
    organization = get_object_or_404(organization_model, pk=pk)
    return pdf_download(statement_pdf(organization), statement_filename(organization))
