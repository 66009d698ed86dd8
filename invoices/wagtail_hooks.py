"""Staff side in the Wagtail admin: invoices, payments, Stripe payments to reconcile and
refunds, filterable and exportable (CSV, XLSX) for the accountant. Issued documents are read
only; staff actions (new invoice, payment, credit note, refund) are behind
`invoices.record_payment`."""

from decimal import Decimal

import django_filters

from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permissions import register_permission_policy

from home.admin_export import LabelledExportMixin, LabelledInspectView
from home.admin_menu import ReadOnlyPolicy, ReadOnlyViewSet
from home.audit import register_actions
from home.formatting import format_money
from home.forms import LongSelect

from . import admin_views, dashboard
from .forms import organizations
from .models import (
    OFFLINE_METHODS,
    Invoice,
    Method,
    Payment,
    Refund,
    Series,
    Status,
    StripeCheckout,
)
from .services import MANUAL_REFUND_STATUSES

PERMISSION = "invoices.record_payment"

for _model in (Invoice, Payment, StripeCheckout, Refund):
    register_permission_policy(_model, ReadOnlyPolicy(_model, view_permission=PERMISSION))


class InvoiceFilterSet(WagtailFilterSet):
    series = django_filters.ChoiceFilter(label=_("Series"), choices=Series.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    method = django_filters.ChoiceFilter(
        label=_("Payment method"), choices=Method.choices, method="filter_method"
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"), queryset=organizations(), widget=LongSelect
    )
    issued_at = django_filters.DateFromToRangeFilter(
        label=_("Period"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Invoice
        fields = ["series", "status", "method", "organization", "issued_at"]

    def filter_method(self, queryset, name, value):
        condition = Q(payments__method=value)
        if value in OFFLINE_METHODS:
            condition |= Q(status=OFFLINE_METHODS[value])
        return queryset.filter(condition).distinct()


class LabelledIndexView(LabelledExportMixin, generic.IndexView):
    """Exports with labels in the staff member's language and local times."""


class MoneyInspectView(LabelledInspectView):
    """Every amount of a billing record is money: shown as the listings show it."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return format_money(value) if isinstance(value, Decimal) else value


class PaymentInspectView(MoneyInspectView):
    extra_labels = {"receipt_number": _("Receipt")}


class AuditHistoryView(generic.HistoryView):
    """The document's audit log (who issued, paid, credited, refunded), for whoever may see it."""

    any_permission_required = ["view"]


class InvoiceIndexView(LabelledIndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(PERMISSION):
            buttons.append(
                HeaderButton(
                    _("New invoice"), url=reverse("invoice_admin:new_invoice"), icon_name="plus"
                )
            )
            buttons.append(
                HeaderButton(
                    _("One payment, several invoices"),
                    url=reverse("invoice_admin:allocate"),
                    icon_name="tick",
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.extend(_actions(self.request.user, instance, ListingButton))
        return buttons


class InvoiceInspectView(MoneyInspectView):
    extra_labels = {
        "lines": _("Lines"),
        "payments": _("Payments"),
        "amount_paid": _("Amount paid"),
        "balance_due": _("Balance due"),
    }

    def get_lines_display_value(self):
        return "; ".join(
            f"{line.description} × {line.quantity} = {format_money(line.amount)}"
            + ("" if line.taxable else f" ({_('not taxable')})")
            for line in self.object.lines.all()
        )

    def get_payments_display_value(self):
        return (
            "; ".join(
                f"{p.receipt_number}: {format_money(p.amount)} ({p.get_method_display()}, "
                f"{p.received_at:%Y-%m-%d})"
                for p in self.object.payments.all()
            )
            or "-"
        )

    def get_amount_paid_display_value(self):
        return format_money(self.object.amount_paid)

    def get_balance_due_display_value(self):
        return format_money(self.object.balance_due)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.extend(_actions(self.request.user, self.object, ListingButton))
        return buttons


def _actions(user, invoice, button_class):
    if not user.has_perm(PERMISSION):
        return []
    actions = [
        button_class(
            _("Download PDF"),
            url=reverse("invoice_admin:pdf", args=[invoice.pk]),
            icon_name="download",
            priority=40,
        )
    ]
    if invoice.series == Series.INVOICE and invoice.status != Status.CANCELLED:
        actions.append(
            button_class(
                _("Record a payment"),
                url=reverse("invoice_admin:record_payment", args=[invoice.pk]),
                icon_name="plus",
                priority=41,
            )
        )
        payer = (
            f"organization={invoice.organization_id}"
            if invoice.organization_id
            else f"customer={invoice.customer_id}"
            if invoice.customer_id
            else ""
        )
        if payer and invoice.status != Status.PAID:
            actions.append(
                button_class(
                    _("One payment, several invoices"),
                    url=f"{reverse('invoice_admin:allocate')}?{payer}",
                    icon_name="tick",
                    priority=43,
                )
            )
        actions.append(
            button_class(
                _("Issue a credit note"),
                url=reverse("invoice_admin:credit_note", args=[invoice.pk]),
                icon_name="undo",
                priority=42,
            )
        )
    return actions


class BillingViewSet(ReadOnlyViewSet):
    """Issued documents and recorded money: read only, with labelled columns and the audit
    log as history."""

    index_view_class = LabelledIndexView
    inspect_view_class = MoneyInspectView
    history_view_class = AuditHistoryView
    with_history = True


class InvoiceViewSet(BillingViewSet):
    model = Invoice
    name = "invoice_admin"
    icon = "doc-full"
    menu_label = _("Invoices")
    index_view_class = InvoiceIndexView
    inspect_view_class = InvoiceInspectView
    filterset_class = InvoiceFilterSet
    search_fields = ["number", "billed_name", "billed_email"]
    search_backend_name = None
    list_display = [
        "number",
        "series",
        "billed_name",
        "organization",
        Column("issued_at", label=_("issued at"), accessor="issued_at"),
        "status",
        "total",
        Column("balance_due", label=_("Balance due"), accessor="balance_due"),
    ]
    list_export = [
        "number",
        "series",
        "issued_at",
        "billed_name",
        "billed_email",
        "organization",
        "credited_invoice",
        "subtotal",
        "gst",
        "qst",
        "total",
        "amount_paid",
        "balance_due",
        "status",
    ]
    export_headings = {"amount_paid": _("Amount paid"), "balance_due": _("Balance due")}
    export_filename = "invoices"

    def get_queryset(self, request):
        return admin_views.invoices_with_balances(
            Invoice.objects.select_related("organization", "credited_invoice")
        )

    def get_object_queryset(self, request):
        return admin_views.invoices_with_balances(
            Invoice.objects.select_related(
                "organization", "customer", "issued_by", "credited_invoice"
            )
        ).prefetch_related("lines")

    def get_urlpatterns(self):
        """The listing and inspect views, and the staff actions on invoices."""
        return [
            *super().get_urlpatterns(),
            path("new/", admin_views.ManualInvoiceView.as_view(), name="new_invoice"),
            path(
                "payment/<int:pk>/",
                admin_views.RecordPaymentView.as_view(),
                name="record_payment",
            ),
            path("credit-note/<int:pk>/", admin_views.CreditNoteView.as_view(), name="credit_note"),
            path("allocate/", admin_views.AllocatePaymentView.as_view(), name="allocate"),
            path("pdf/<int:pk>/", admin_views.admin_pdf, name="pdf"),
        ]

    inspect_view_fields = [
        "number",
        "series",
        "status",
        "billed_name",
        "billed_address",
        "billed_email",
        "organization",
        "customer",
        "issued_by",
        "language",
        "issued_at",
        "due_date",
        "subtotal",
        "gst",
        "qst",
        "total",
        "lines",
        "payments",
        "amount_paid",
        "balance_due",
        "card_only",
        "credited_invoice",
        "reason",
    ]


class PaymentViewSet(BillingViewSet):
    model = Payment
    name = "payment_admin"
    icon = "tick"
    menu_label = _("Payments")
    list_filter = ["method", "received_at"]
    search_fields = ["reference", "invoice__number"]
    search_backend_name = None
    list_display = ["invoice", "amount", "method", "received_at", "reference", "recorded_by"]
    list_export = [
        "receipt_number",
        "invoice",
        "amount",
        "method",
        "received_at",
        "reference",
        "stripe_payment_intent_id",
    ]
    export_headings = {"receipt_number": _("Receipt")}
    export_filename = "payments"
    inspect_view_class = PaymentInspectView
    # The receipt's snapshot (what the receipt says, fixed when it was issued) is its PDF's.
    inspect_view_fields = [
        "receipt_number",
        "invoice",
        "amount",
        "method",
        "received_at",
        "reference",
        "recorded_by",
        "recorded_at",
        "stripe_payment_intent_id",
    ]

    def get_queryset(self, request):
        return Payment.objects.select_related("invoice", "recorded_by")

    get_object_queryset = get_queryset


class StripeCheckoutViewSet(BillingViewSet):
    """Stripe payments to reconcile with Stripe's dashboard and payouts."""

    model = StripeCheckout
    name = "stripe_admin"
    icon = "link"
    menu_label = _("Stripe payments")
    list_filter = ["status", "created_at"]
    search_fields = ["session_id", "payment_intent_id", "invoice__number"]
    search_backend_name = None
    list_display = ["invoice", "amount", "status", "created_at", "payment_intent_id", "payment"]
    list_export = ["invoice", "amount", "status", "created_at", "session_id", "payment_intent_id"]
    export_filename = "stripe-payments"
    inspect_view_fields = [
        "invoice",
        "amount",
        "status",
        "created_by",
        "created_at",
        "expires_at",
        "session_id",
        "payment_intent_id",
        "payment",
    ]

    def get_queryset(self, request):
        return StripeCheckout.objects.select_related("invoice", "payment__invoice", "created_by")

    get_object_queryset = get_queryset


class RefundIndexView(LabelledIndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        manual = instance.status in MANUAL_REFUND_STATUSES
        if manual and self.request.user.has_perm(PERMISSION):
            buttons.append(
                ListingButton(
                    _("Record the refund"),
                    url=reverse("refund_admin:refund_done", args=[instance.pk]),
                    icon_name="tick",
                    priority=40,
                )
            )
        return buttons


class RefundViewSet(BillingViewSet):
    model = Refund
    name = "refund_admin"
    icon = "undo"
    menu_label = _("Refunds")
    index_view_class = RefundIndexView
    list_filter = ["status", "method"]
    list_display = ["credit_note", "amount", "method", "status", "created_at", "refunded_at"]
    list_export = [
        "credit_note",
        "amount",
        "method",
        "status",
        "stripe_refund_id",
        "created_at",
        "refunded_at",
        "reference",
    ]
    export_filename = "refunds"
    inspect_view_fields = [
        "credit_note",
        "payment",
        "amount",
        "method",
        "status",
        "created_at",
        "refunded_at",
        "reference",
        "recorded_by",
        "stripe_refund_id",
        "error",
    ]

    def get_queryset(self, request):
        return Refund.objects.select_related("credit_note", "payment__invoice", "recorded_by")

    get_object_queryset = get_queryset

    def get_urlpatterns(self):
        """The listing and inspect views, and recording a refund staff made by hand."""
        return [
            *super().get_urlpatterns(),
            path("done/<int:pk>/", admin_views.RefundDoneView.as_view(), name="refund_done"),
        ]


class BillingGroup(ViewSetGroup):
    menu_label = _("Billing")
    menu_icon = "doc-full"
    menu_order = 250
    items = (InvoiceViewSet, PaymentViewSet, StripeCheckoutViewSet, RefundViewSet)


@hooks.register("register_admin_viewset")
def register_billing():
    return BillingGroup()


@hooks.register("register_log_actions")
def register_billing_actions(actions):
    register_actions(
        actions,
        {
            "invoices.invoice_issued": (_("Issue invoice"), _("Invoice issued")),
            "invoices.credit_note_issued": (_("Issue credit note"), _("Credit note issued")),
            "invoices.offline_method_chosen": (
                _("Choose a payment method"),
                _("Payment method chosen"),
            ),
            "invoices.payment_recorded": (_("Record payment"), _("Payment recorded")),
            "invoices.card_payment_received": (
                _("Receive card payment"),
                _("Card payment received"),
            ),
            "invoices.checkout_started": (_("Open card payment"), _("Card payment opened")),
            "invoices.checkout_expired": (_("Expire card payment"), _("Card payment expired")),
            "invoices.refund_requested": (
                _("Ask Stripe for a refund"),
                _("Refund asked of Stripe"),
            ),
            "invoices.refund_to_make": (_("List a refund for staff"), _("Refund to make by hand")),
            "invoices.refund_updated": (_("Update refund"), _("Refund status changed")),
            "invoices.refund_recorded": (_("Record refund"), _("Refund recorded")),
        },
    )


# --- Staff dashboard (issue 16): this app's panels on the admin's home page ------------------


@hooks.register("construct_homepage_panels")
def add_invoices_dashboard_panels(request, panels):
    dashboard.add_panels(request, panels)


# ---- home page (issue 16): what a signed-in person owes, on the home page ----------------
# home declares the hook (home/home_sections.py) and shows the panel; invoices answers it.


@hooks.register("quorum_home_personal")
def home_what_you_owe(request):
    from .home_panels import what_you_owe

    return what_you_owe(request)
