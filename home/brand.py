"""The association's brand (home.BrandSettings) as the site, the e-mails and the PDFs use it.

`brand(request)` gives the colours in effect and the logo's rendition, read once per
publication (a shared part, home/page_cache.py: saving the settings or an image starts a new
generation, so no page keeps the old brand). Empty colours are the site's own, so that a site
whose staff set nothing looks as it always did: the stylesheet link is left out, PDFs keep
their black headings.

- the site: `stylesheet_css()` is served at /brand.css (home.views.brand_stylesheet) and
  overrides `--brand` and `--brand-dark`; the header shows the logo (components/header.html);
- e-mails: home.emails's colours and the logo by its absolute URL;
- PDFs: `pdf_context()`, the logo as a data URI (xhtml2pdf reads no URL, home/pdf.py).
"""

import base64
import hashlib
import logging

from django.http import HttpRequest

from . import colours
from .images import rendition
from .links import absolute_url
from .page_cache import shared
from .site_settings import default_site

logger = logging.getLogger(__name__)

# static/css/quorum.css's :root (tests/home/test_brand.py checks they agree).
DEFAULT_BRAND = "#0b4f8a"
DEFAULT_BRAND_DARK = "#083a66"

# One rendition for the header, the e-mails and the PDFs: PNG (every mail client and xhtml2pdf
# read it, transparency kept), twice the 48 px high it is shown at for sharp screens.
LOGO_FILTER = "max-480x96|format-png"
LOGO_HEIGHT = 48


def _build(settings) -> dict:
    brand = colours.normalize(settings.primary_colour) if settings else ""
    dark = colours.normalize(settings.primary_dark_colour) if settings else ""
    customised = bool(brand or dark)
    value = {
        "brand": brand or DEFAULT_BRAND,
        "brand_dark": dark or (colours.darken(brand) if brand else DEFAULT_BRAND_DARK),
        "customised": customised,
        "logo": None,
        "logo_alt": settings.logo_alt if settings else "",
        "logo_alt_en": settings.logo_alt_en if settings else "",
        "name_beside_logo": bool(settings and settings.name_beside_logo),
    }
    value["version"] = hashlib.sha256(
        f"{value['brand']}|{value['brand_dark']}".encode()
    ).hexdigest()[:12]
    logo = settings.logo if settings and settings.logo_id else None
    if logo is not None:
        try:
            logo_rendition = rendition(logo, LOGO_FILTER)
        except Exception:  # noqa: BLE001 - a missing or broken file: the name shows instead
            logger.exception("The brand logo (image %s) could not be rendered", logo.pk)
        else:
            value["logo"] = {
                "url": logo_rendition.url,
                "path": logo_rendition.file.name,
                "width": round(logo_rendition.width * LOGO_HEIGHT / logo_rendition.height),
                "height": LOGO_HEIGHT,
            }
    return value


def brand(request: HttpRequest | None = None) -> dict:
    """The brand of the request's site (the default site's without a request)."""
    from wagtail.models import Site

    from .models import BrandSettings

    site = Site.find_for_request(request) if request is not None else default_site()

    def build() -> dict:
        return _build(BrandSettings.for_site(site) if site else None)

    return shared(f"brand:{site.pk if site else None}", build, request)


def stamp() -> str:
    """What of the brand a PDF prints (colours and logo), for the keys of cached PDFs: a new
    logo or colour gives new documents, not yesterday's."""
    value = brand()
    logo = value["logo"]["path"] if value["logo"] else ""
    return f"{value['version']}:{logo}"


def logo_alt(value: dict, language: str, association_name: str) -> str:
    """The logo's text alternative in `language`: the one staff wrote, else the name."""
    if language == "en":
        return value["logo_alt_en"] or association_name
    return value["logo_alt"] or association_name


def stylesheet_css(value: dict) -> str:
    return f":root {{ --brand: {value['brand']}; --brand-dark: {value['brand_dark']}; }}\n"


def logo_data_uri(value: dict) -> str:
    """The logo's PNG rendition as a data URI, for xhtml2pdf; empty without a logo."""
    from wagtail.images.models import get_rendition_storage

    logo = value.get("logo")
    if not logo:
        return ""
    try:
        with get_rendition_storage().open(logo["path"], "rb") as handle:
            data = handle.read()
    except OSError:
        logger.exception("The brand logo's rendition %s could not be read", logo["path"])
        return ""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def email_logo(value: dict, language: str, association_name: str) -> dict | None:
    """The logo as the e-mails' layout shows it (absolute URL), None without one."""
    logo = value["logo"]
    if not logo:
        return None
    return {
        "url": absolute_url(logo["url"]),
        "width": logo["width"],
        "height": logo["height"],
        "alt": logo_alt(value, language, association_name),
    }


def pdf_context(language: str, association_name: str) -> dict:
    """What the PDF templates need: the logo as a data URI with its size, and the
    brand colours for headings and rules only when staff chose them (the PDFs otherwise keep
    their look)."""
    value = brand()
    data_uri = logo_data_uri(value)
    logo = value["logo"]
    return {
        "logo": {
            "src": data_uri,
            # xhtml2pdf reads these as CSS pixels (0.75 pt): 45 px is 1.2 cm high.
            "height": 45,
            "width": round(45 * logo["width"] / logo["height"]),
            "alt": logo_alt(value, language, association_name),
        }
        if data_uri
        else None,
        "brand": value["brand"],
        "brand_dark": value["brand_dark"],
        "customised": value["customised"],
    }
