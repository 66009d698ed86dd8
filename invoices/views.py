"""Member side: "Mon compte" → "Factures". Views check, call a service, message, redirect."""

import logging

import stripe

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from home.errors import QuorumError
from home.links import absolute_url, current_language
from home.pdf import pdf_download

from . import services
from .forms import OfflineMethodForm
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
    documents = list(_documents(request))
    return render(
        request,
        "invoices/invoice_list.html",
        {
            "invoices": [d for d in documents if d.series == Series.INVOICE],
            "credit_notes": [d for d in documents if d.series == Series.CREDIT_NOTE],
            "payments": services.payments_for(request.user).select_related("invoice"),
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
    session = None
    if card_payments_enabled():
        try:
            session = services.retrieve_checkout_session(checkout.session_id)
        except stripe.StripeError as error:
            logger.warning("Stripe session could not be read: %s", error.__class__.__name__)
    try:
        payment = services.fulfil_checkout(session) if session else None
    except QuorumError as error:
        logger.warning("Stripe session could not be fulfilled: %s", error.code)
        payment = None
    if payment is not None:
        messages.success(request, _("Thank you: your payment was received."))
    else:
        messages.info(
            request,
            _("Your payment is not confirmed yet. The invoice will show it once it is."),
        )
    return redirect("invoices:list")


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
