"""PDF invoices, credit notes and receipts, in the billed person's language (rendered by
home.pdf, which embeds the font)."""

from django.conf import settings

from home import pdf as home_pdf
from home.site_settings import site_setting

from .models import Invoice, Payment, PaymentSettings


def format_rate(rate, language):
    """0.09975 → "9,975 %" in French, "9.975%" in English."""
    text = f"{(rate * 100).normalize():f}"
    if language == "en":
        return f"{text}%"
    return text.replace(".", ",") + "\u00a0%"


def render_pdf(template, context, language):
    """The shared renderer, with what invoices add: payment details and the tax rates."""
    payment_settings = site_setting(PaymentSettings)
    return home_pdf.render_pdf(
        template,
        {
            **context,
            "payment_settings": payment_settings,
            "gst_rate": format_rate(settings.GST_RATE, language),
            "qst_rate": format_rate(settings.QST_RATE, language),
        },
        language=language,
    )


def invoice_pdf(invoice):
    invoice = (
        Invoice.objects.select_related("credited_invoice")
        .prefetch_related("lines", "payments", "credit_notes__refunds")
        .get(pk=invoice.pk)
    )
    return render_pdf("pdf/invoices_invoice.html", {"invoice": invoice}, invoice.language)


def receipt_pdf(payment):
    payment = Payment.objects.select_related("invoice").get(pk=payment.pk)
    invoice = payment.invoice
    return render_pdf(
        "pdf/invoices_receipt.html", {"payment": payment, "invoice": invoice}, invoice.language
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
