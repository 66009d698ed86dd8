"""A confirmed registration's badge (a ticket for the gala's companions) as a PDF, in the
person's language: their name and organization, the event's title, dates and place, the
option, and a QR code carrying the registration's ticket code (events.tickets), printed under it
in text for staff to type at the door.

Downloaded from "Mes évènements" and attached to the registration's confirmation e-mail
(`badge_attachment`, built inside the e-mail task). Companions confirmed to the gala evening get
a page each in the same document: their ticket names them as the participant's guests and
carries the participant's code (the registration they came with).
"""

import base64
import hashlib
import io
import json

import segno

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from home import brand
from home.models import AssociationSettings
from home.pdf import INLINE_PNG, render_pdf
from home.site_settings import site_setting

from .models import Registration, RegistrationStatus
from .tickets import ticket_code

# A regular QR code (not a Micro QR, which segno picks for short data and which phones and
# door scanners often do not read), medium error correction for a creased or smudged print.
QR_ERROR = "m"
QR_SCALE = 8
QR_BORDER = 4  # the quiet zone the QR standard asks for

PDF_CACHE_SECONDS = 24 * 60 * 60


def qr_png(code: str) -> bytes:
    """The QR code carrying exactly `code`, as PNG bytes (segno writes PNG without Pillow)."""
    qr = segno.make(code, error=QR_ERROR, micro=False)
    output = io.BytesIO()
    qr.save(output, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return output.getvalue()


def qr_data_uri(code: str) -> str:
    return INLINE_PNG + base64.b64encode(qr_png(code)).decode("ascii")


def badge_language(registration: Registration) -> str:
    return registration.person.language or "fr"


def _organization_name(registration: Registration) -> str:
    """The organization the person was billed with at registration (the invoice keeps it),
    else their current employer."""
    invoice = registration.invoice
    if invoice is not None and invoice.organization_id:
        return invoice.organization.name
    return registration.organization_name


def badge_context(registration: Registration, language: str) -> dict:
    """What the badge prints, as text in `language` (the cache key is made of it)."""
    page = registration.event.localized_for(language)
    person = registration.person
    code = ticket_code(registration.pk)
    companions = [
        {"name": companion.name, "option": page.option_in(companion.option).label}
        for companion in registration.companions.filter(
            status=RegistrationStatus.CONFIRMED
        ).select_related("option")
    ]
    return {
        "name": str(person),
        "organization": _organization_name(registration),
        "event": page.title,
        "start": page.start.isoformat(),
        "end": page.end.isoformat(),
        "place": page.place,
        "option": page.option_in(registration.option).label,
        "code": code,
        "companions": companions,
    }


def badge_pdf(registration: Registration, language: str | None = None) -> bytes:
    """The badge of a confirmed registration as PDF bytes, in `language` (the person's by
    default). Kept in the cache under everything it prints, so a change of option, name,
    title or of the association's name gives a new document."""
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValueError("A cancelled registration has no badge.")
    language = language or badge_language(registration)
    context = badge_context(registration, language)
    association = site_setting(AssociationSettings).localized_name(language)
    printed = json.dumps([language, association, context, brand.stamp()], sort_keys=True)
    digest = hashlib.sha256(printed.encode()).hexdigest()
    key = f"pdf:badge:{registration.pk}:{digest}"
    pdf = cache.get(key)
    if pdf is None:
        page = registration.event.localized_for(language)
        pdf = render_pdf(
            "pdf/events_badge.html",
            {
                **context,
                "start": page.start,
                "end": page.end,
                "qr": qr_data_uri(context["code"]),
            },
            language=language,
        )
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def badge_filename(registration: Registration, language: str) -> str:
    with translation.override(language):
        return _("badge") + f"-{registration.pk}.pdf"


def _registration(registration_id: int) -> Registration:
    return Registration.objects.select_related(
        "event", "option", "person", "invoice__organization"
    ).get(pk=registration_id)


def badge_attachment(
    registration_id: int, language: str | None = None
) -> tuple[str, bytes, str] | None:
    """The badge as an e-mail attachment (home.emails): (filename, bytes, mimetype), in the
    person's language whoever the e-mail is for; None when the registration was cancelled
    before the e-mail left."""
    registration = _registration(registration_id)
    if not registration.is_confirmed:
        return None
    language = language or badge_language(registration)
    return (
        badge_filename(registration, language),
        badge_pdf(registration, language),
        "application/pdf",
    )
