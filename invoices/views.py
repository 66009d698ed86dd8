"""Member side: "Mon compte" → "Factures". Views check, call a service, message, redirect."""

import logging

import stripe

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from home.errors import QuorumError
from home.links import absolute_url, current_language
from home.pagination import paginate
from home.pdf import pdf_download

from . import services
from .forms import InvoiceFilterForm, OfflineMethodForm
from .models import Series, StripeCheckout
from .pdf import (
    document_snapshot,
    format_rate,
    invoice_filename,
    invoice_pdf,
    receipt_filename,
    receipt_pdf,
)

logger = logging.getLogger(__name__)


def _documents(request):
    return services.documents_for(request.user).prefetch_related(
        "payments", Prefetch("credit_notes"), "credit_notes__refunds"
    )


@login_required
def invoice_list(request):
    """ "Factures": a member may have hundreds of documents, a delegate sees those of their
    colleagues too. Filtered by year and searched by number or name, each list paginated; the
    number of queries does not depend on the number of documents."""
    documents = services.documents_for(request.user)
    form = InvoiceFilterForm(
        request.GET or None,
        years=[day.year for day in documents.dates("issued_at", "year", order="DESC")],
    )
    year, query = (
        (form.cleaned_data["year"], form.cleaned_data["q"]) if form.is_valid() else ("", "")
    )
    payments = services.payments_for(request.user).select_related("invoice")
    if year:
        documents = documents.filter(issued_at__year=int(year))
        payments = payments.filter(received_at__year=int(year))
    if query:
        documents = documents.filter(Q(number__icontains=query) | Q(billed_name__icontains=query))
        payments = payments.filter(
            Q(invoice__number__icontains=query) | Q(invoice__billed_name__icontains=query)
        )
    # Both lists counted in one query (the page stays within a member page's twelve queries).
    counts = documents.aggregate(
        invoices=Count("pk", filter=Q(series=Series.INVOICE)),
        credit_notes=Count("pk", filter=Q(series=Series.CREDIT_NOTE)),
    )
    # The balance due reads the payments, credit notes and refunds of each invoice; a credit
    # note's row needs only the invoice it credits.
    invoices = paginate(
        request,
        services.of_series(documents, Series.INVOICE).prefetch_related(
            "payments", "credit_notes__refunds"
        ),
        count=counts["invoices"],
    )
    return render(
        request,
        "invoices/invoice_list.html",
        {
            "filter_form": form,
            "filtered": bool(year or query),
            "invoices": invoices,
            "payable": [invoice for invoice in invoices if invoice.is_payable],
            "credit_notes": paginate(
                request,
                services.of_series(documents, Series.CREDIT_NOTE).select_related(
                    "credited_invoice"
                ),
                parameter="notes",
                count=counts["credit_notes"],
            ),
            "payments": paginate(request, payments, parameter="receipts"),
            "card_payments": card_payments_enabled(),
        },
    )


def card_payments_enabled() -> bool:
    """Card payments need Stripe's secret key; without it the site never calls Stripe."""
    return bool(settings.STRIPE_SECRET_KEY)


def _detail_context(invoice, offline_form):
    # Without card payments the page says how to pay instead (and whom to contact). The taxes,
    # their rates and the association's tax numbers are those the document was issued with,
    # as its PDF prints them.
    snapshot = document_snapshot(invoice)
    language = current_language()
    return {
        "invoice": invoice,
        "lines": invoice.lines.all(),
        "issuer": snapshot["issuer"],
        "gst_rate": format_rate(snapshot["rates"]["gst"], language),
        "qst_rate": format_rate(snapshot["rates"]["qst"], language),
        "offline_form": offline_form,
        "card_payments": card_payments_enabled(),
    }


@login_required
def invoice_detail(request, pk):
    invoice = get_object_or_404(_documents(request), pk=pk)
    return render(
        request, "invoices/invoice_detail.html", _detail_context(invoice, OfflineMethodForm())
    )


@login_required
def invoice_download(request, pk):
    invoice = get_object_or_404(services.documents_for(request.user), pk=pk)
    return pdf_download(invoice_pdf(invoice), invoice_filename(invoice))


@login_required
def receipt_download(request, pk):
    payment = get_object_or_404(services.payments_for(request.user), pk=pk)
    return pdf_download(receipt_pdf(payment), receipt_filename(payment))


@login_required
@require_POST
def pay_by_card(request, pk):
    invoice = get_object_or_404(services.documents_for(request.user), pk=pk)
    if not card_payments_enabled():
        messages.error(
            request,
            _("Card payment is not available. The invoice page says how to pay it otherwise."),
        )
        return redirect("invoices:detail", pk=pk)
    success_url = absolute_url(reverse("invoices:checkout_success", args=[pk]), request)
    cancel_url = absolute_url(reverse("invoices:detail", args=[pk]), request)
    try:
        url = services.start_checkout(
            invoice,
            by=request.user,
            success_url=f"{success_url}?session_id={{CHECKOUT_SESSION_ID}}",
            cancel_url=cancel_url,
        )
    except QuorumError as error:
        messages.error(request, error.text)
        return redirect("invoices:detail", pk=pk)
    except stripe.StripeError as error:
        logger.warning("Stripe Checkout could not start: %s", error.__class__.__name__)
        messages.error(request, _("Card payment is unavailable right now. Please try again later."))
        return redirect("invoices:detail", pk=pk)
    return redirect(url)


@login_required
def checkout_success(request, pk):
    """Stripe sends the person back here. We ask Stripe for the session (never trusting the
    address alone) and call the same fulfilment as the webhook."""
    invoice = get_object_or_404(services.documents_for(request.user), pk=pk)
    session_id = request.GET.get("session_id", "")
    checkout = get_object_or_404(StripeCheckout, invoice=invoice, session_id=session_id)
    return _confirm_checkout(request, checkout)


def _confirm_checkout(request, checkout):
    session = None
    if card_payments_enabled():
        try:
            session = services.retrieve_checkout_session(checkout.session_id)
        except stripe.StripeError as error:
            logger.warning("Stripe session could not be read: %s", error.__class__.__name__)
    try:
        payments = services.fulfil_checkout_payments(session) if session else []
    except QuorumError as error:
        logger.warning("Stripe session could not be fulfilled: %s", error.code)
        payments = []
    if payments:
        messages.success(request, _("Thank you: your payment was received."))
    else:
        messages.info(
            request,
            _("Your payment is not confirmed yet. The invoice will show it once it is."),
        )
    return redirect("invoices:list")


def _selected_ids(request):
    try:
        return {int(value) for value in request.POST.getlist("invoices")}
    except ValueError:
        raise Http404 from None


@login_required
@require_POST
def pay_selected(request):
    """ "Payer la sélection": one Stripe Checkout for the ticked invoices. Only invoices the
    person may see (others are a 404); the amounts are the invoices' balances."""
    ids = _selected_ids(request)
    invoices = list(services.documents_for(request.user).filter(series=Series.INVOICE, pk__in=ids))
    if len(invoices) != len(ids):
        raise Http404
    back = reverse("invoices:list")
    if not card_payments_enabled():
        messages.error(
            request,
            _("Card payment is not available. Each invoice's page says how to pay it otherwise."),
        )
        return redirect(back)
    success_url = absolute_url(reverse("invoices:selection_paid"), request)
    try:
        url = services.start_checkout_for(
            invoices,
            by=request.user,
            success_url=f"{success_url}?session_id={{CHECKOUT_SESSION_ID}}",
            cancel_url=absolute_url(back, request),
        )
    except QuorumError as error:
        messages.error(request, error.text)
        return redirect(back)
    except stripe.StripeError as error:
        logger.warning("Stripe Checkout could not start: %s", error.__class__.__name__)
        messages.error(request, _("Card payment is unavailable right now. Please try again later."))
        return redirect(back)
    return redirect(url)


@login_required
def selection_paid(request):
    """Stripe sends the person back here after paying several invoices: the same fulfilment
    as the webhook, for a session paying invoices they may see."""
    checkout = get_object_or_404(
        StripeCheckout.objects.filter(
            session_id=request.GET.get("session_id", ""),
            allocations__invoice__in=services.documents_for(request.user),
        ).distinct()
    )
    return _confirm_checkout(request, checkout)


@login_required
@require_POST
def pay_offline(request, pk):
    invoice = get_object_or_404(services.documents_for(request.user), pk=pk)
    form = OfflineMethodForm(request.POST)
    if not form.is_valid():
        return render(
            request, "invoices/invoice_detail.html", _detail_context(invoice, form), status=400
        )
    try:
        services.choose_offline_method(invoice, method=form.cleaned_data["method"], by=request.user)
    except QuorumError as error:
        messages.error(request, error.text)
        return redirect("invoices:detail", pk=pk)
    messages.success(
        request, _("Thank you. We have e-mailed you the instructions to make your payment.")
    )
    return redirect("invoices:detail", pk=pk)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's signed callback. The raw body is verified; a bad signature changes nothing."""
    try:
        event = stripe.Webhook.construct_event(
            request.body,
            request.headers.get("Stripe-Signature", ""),
            settings.STRIPE_WEBHOOK_SECRET,
        )
    except (ValueError, TypeError, AttributeError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("invalid")
    try:
        services.handle_stripe_event(event)
    except services.MalformedEvent as error:
        # Signed by Stripe but not in the shape Stripe documents: nothing was changed. A 400
        # shows in Stripe's dashboard instead of a 500 retried for days.
        logger.warning("Malformed Stripe event refused (%s)", error.detail)
        return HttpResponseBadRequest("malformed")
    return HttpResponse("ok")
