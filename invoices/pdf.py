"""PDF invoices, credit notes and receipts, in the billed person's language (rendered by
home.pdf, which embeds the font). Everything they print about the association, the taxes and
how to pay comes from the document's `issued_snapshot`, fixed at issue: a document already
sent never changes when the settings do."""

import hashlib
import json
from decimal import Decimal

from django.core.cache import cache

from home import brand
from home import pdf as home_pdf

from .models import Invoice, Payment


def format_rate(rate, language):
    """0.09975 → "9,975 %" in French, "9.975%" in English."""
    text = f"{(Decimal(rate) * 100).normalize():f}"
    if language == "en":
        return f"{text}%"
    return text.replace(".", ",") + "\u00a0%"


def document_snapshot(document):
    if document.issued_snapshot:
        return document.issued_snapshot
    from .services import issuer_snapshot  # a document issued before snapshots existed

    return issuer_snapshot(
        document.invoice.language if isinstance(document, Payment) else document.language
    )


def render_pdf(template, context, language, snapshot):
    """The shared renderer, with the issuer, rates and payment details as issued."""
    issuer = snapshot["issuer"]
    return home_pdf.render_pdf(
        template,
        {
            **context,
            "association": issuer,
            "association_name": issuer["name"],
            "payment_settings": snapshot["payment"],
            "card_payments": snapshot["payment"].get("card", True),
            "gst_rate": format_rate(snapshot["rates"]["gst"], language),
            "qst_rate": format_rate(snapshot["rates"]["qst"], language),
            "snapshot": snapshot,
        },
        language=language,
    )


# Rendering a PDF costs several times a page; a document is downloaded again and again (by its
# holder, by staff, attached to e-mails). The rendered bytes are kept in the shared cache under
# everything the document prints that can still change (what was paid, credited, refunded), so
# a new payment or credit note gives a new key; the rest was fixed at issue.
PDF_CACHE_SECONDS = 24 * 60 * 60


def _cached_pdf(kind, document, state, render):
    printed = [state, brand.stamp()]
    digest = hashlib.sha256(json.dumps(printed, sort_keys=True, default=str).encode()).hexdigest()
    key = f"pdf:{kind}:{document.pk}:{digest}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render()
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def invoice_pdf(invoice):
    invoice = (
        Invoice.objects.select_related("credited_invoice")
        .prefetch_related("lines", "payments", "credit_notes__refunds")
        .get(pk=invoice.pk)
    )
    state = {
        "language": invoice.language,
        "status": invoice.status,
        "snapshot": invoice.issued_snapshot,
        "payments": [(p.pk, p.amount, p.received_at) for p in invoice.payments.all()],
        "credits": [
            (n.pk, n.total, [(r.pk, r.status, r.amount) for r in n.refunds.all()])
            for n in invoice.credit_notes.all()
        ],
    }
    return _cached_pdf(
        "invoice",
        invoice,
        state,
        lambda: render_pdf(
            "pdf/invoices_invoice.html",
            {"invoice": invoice},
            invoice.language,
            document_snapshot(invoice),
        ),
    )


def receipt_pdf(payment):
    payment = Payment.objects.select_related("invoice").get(pk=payment.pk)
    invoice = payment.invoice
    snapshot = document_snapshot(payment)
    return render_pdf(
        "pdf/invoices_receipt.html",
        {
            "payment": payment,
            "invoice": invoice,
            "invoice_total": Decimal(snapshot.get("invoice_total", invoice.total)),
            "balance_after": Decimal(snapshot.get("balance_after", invoice.balance_due)),
        },
        invoice.language,
        snapshot,
    )


def invoice_filename(invoice):
    return f"{invoice.number}.pdf"


def receipt_filename(payment):
    return f"{payment.receipt_number}.pdf"


# Attachments built inside the e-mail task (home.emails): (filename, bytes, mimetype).
def invoice_attachment(invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    return invoice_filename(invoice), invoice_pdf(invoice), "application/pdf"


def receipt_attachment(payment_id):
    payment = Payment.objects.get(pk=payment_id)
    return receipt_filename(payment), receipt_pdf(payment), "application/pdf"
