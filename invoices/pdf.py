"""PDF invoices, credit notes and receipts (xhtml2pdf), in the billed person's language.

The embedded DejaVu Sans font covers French and the narrow no-break space that French amounts
use; it is shipped in invoices/fonts/ and found through the link_callback below."""

import io
import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from wagtail.models import Site

from home.models import AssociationSettings

from .models import Invoice, Payment, PaymentSettings

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

# xhtml2pdf splits words on every Unicode space, including the narrow no-break space
# (U+202F) that French amounts use: "1 234,56 $" would lose it (and could break across
# lines). Its word splitter is replaced by one that breaks only on breakable spaces; the
# amounts are set in `white-space: pre` cells so that the HTML layer keeps them whole too.
_BREAKABLE = re.compile(
    "[\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000-\u200b\u2028\u2029\u205f\u3000]+"
)


def _split_on_breakable_spaces(text, delim=None):
    if isinstance(text, bytes):
        text = text.decode("utf8")
    if isinstance(delim, bytes):
        delim = delim.decode("utf8")
    if delim is None:
        words = _BREAKABLE.split(text)
        if "\xa0" not in text:  # as str.split(): no empty words at the ends
            words = [word for word in words if word]
        return [word.encode("utf8") for word in words]
    return [word.encode("utf8") for word in text.split(delim)]


def _patch_xhtml2pdf():
    from xhtml2pdf import reportlab_paragraph

    reportlab_paragraph.split = _split_on_breakable_spaces


def link_callback(uri, rel):
    """Resolve the template's `font:` links to the TTF files shipped with the app; refuse
    anything else (no network, no file outside the fonts folder)."""
    if uri.startswith("font:"):
        path = (FONTS_DIR / uri.removeprefix("font:")).resolve()
        if path.parent == FONTS_DIR and path.is_file():
            return str(path)
    raise ValueError("Unsupported resource in a PDF template")


def format_rate(rate, language):
    """0.09975 → "9,975 %" in French, "9.975%" in English."""
    text = f"{(rate * 100).normalize():f}"
    if language == "en":
        return f"{text}%"
    return text.replace(".", ",") + "\u00a0%"


def _site_settings():
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return AssociationSettings(), PaymentSettings()
    return AssociationSettings.for_site(site), PaymentSettings.for_site(site)


def render_pdf(template, context, language):
    from xhtml2pdf import pisa

    _patch_xhtml2pdf()
    association, payment_settings = _site_settings()
    with translation.override(language):
        html = render_to_string(
            template,
            {
                **context,
                "association": association,
                "association_name": association.localized_name(language),
                "payment_settings": payment_settings,
                "language": language,
                "gst_rate": format_rate(settings.GST_RATE, language),
                "qst_rate": format_rate(settings.QST_RATE, language),
            },
        )
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8", link_callback=link_callback)
    if result.err:
        raise RuntimeError("The PDF could not be rendered")
    return output.getvalue()


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
