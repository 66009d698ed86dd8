"""PDF documents (invoices, receipts, attestations, attendance confirmations) rendered with
xhtml2pdf in the recipient's language, with an embedded font (DejaVu Sans, in home/fonts/) that
covers French and the narrow no-break space of French amounts.

Templates extend `pdf/base.html` (or declare the same @font-face rules) and receive
`association` (the site's AssociationSettings), `association_name`, `language` and `brand`
(home/brand.py's `pdf_context`: the logo as a data URI, and the colours, which headings and
rules take only when staff chose them)."""

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from .brand import pdf_context
from .site_settings import site_setting

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

# xhtml2pdf splits words on every Unicode space, including the narrow no-break space
# (U+202F) that French amounts use: "1 234,56 $" would lose it (and could break across
# lines). Its word splitter is replaced by one that breaks only on breakable spaces; amounts
# are set in `white-space: pre` cells so that the HTML layer keeps them whole too.
_BREAKABLE = re.compile(
    "[\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000-\u200b\u2028\u2029\u205f\u3000]+"
)


def _split_on_breakable_spaces(text: str | bytes, delim: str | bytes | None = None) -> list[bytes]:
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


def _patch_xhtml2pdf() -> None:
    from xhtml2pdf import reportlab_paragraph

    reportlab_paragraph.split = _split_on_breakable_spaces


# An image the document carries itself (a badge's QR code): inert bytes, no file or network.
INLINE_PNG = "data:image/png;base64,"


def link_callback(uri: str, rel: str | None) -> str:
    """Resolve the templates' `font:` links to the TTF files shipped in home/fonts/ and let
    inline PNG images through; refuse anything else (no network, no file outside the fonts
    folder)."""
    if uri.startswith(INLINE_PNG):
        return uri
    if uri.startswith("font:"):
        path = (FONTS_DIR / uri.removeprefix("font:")).resolve()
        if path.parent == FONTS_DIR.resolve() and path.is_file():
            return str(path)
    raise ValueError("Unsupported resource in a PDF template")


def render_pdf(template: str, context: Mapping[str, Any], *, language: str) -> bytes:
    """Render a template to PDF bytes in `language`; raises if xhtml2pdf reports an error."""
    from xhtml2pdf import pisa

    _patch_xhtml2pdf()
    from .models import AssociationSettings

    association = site_setting(AssociationSettings)
    context = {
        "association": association,
        "association_name": association.localized_name(language),
        **context,
        "language": language,
    }
    context["brand"] = pdf_context(language, context["association_name"])
    with translation.override(language):
        html = render_to_string(template, context)
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8", link_callback=link_callback)
    if result.err:
        raise RuntimeError(f"PDF rendering failed for {template}")
    return output.getvalue()


def pdf_download(content: bytes, filename: str) -> HttpResponse:
    """A PDF sent as a download; documents are personal, so no cache keeps a copy."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
