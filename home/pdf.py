"""PDF documents (invoices, receipts, attestations) rendered with xhtml2pdf, in the
recipient's language, with an embedded font that covers French and the narrow no-break space."""

import io
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

FONTS = Path(__file__).resolve().parent / "fonts"


def _link_callback(uri, rel):
    # Only our own fonts are loaded: no network access, no file outside the fonts folder.
    if uri.startswith("font:"):
        path = (FONTS / uri.removeprefix("font:")).resolve()
        if path.parent == FONTS.resolve() and path.exists():
            return str(path)
    return ""


def render_pdf(template, context, *, language):
    """Render a template to PDF bytes in `language`; raises if xhtml2pdf reports an error."""
    from xhtml2pdf import pisa

    with translation.override(language):
        html = render_to_string(template, {**context, "language": language})
    output = io.BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8", link_callback=_link_callback)
    if result.err:
        raise RuntimeError(f"PDF rendering failed for {template}")
    return output.getvalue()
