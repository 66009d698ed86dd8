"""E-mail to members, in the recipient's language, sent in the background after the current
transaction commits (through the django_tasks API).

Templates: `templates/emails/<name>_subject.txt`, `<name>.txt` and optionally `<name>.html`.
Every e-mail is sent as plain text with an HTML alternative rendered by one layout
(`templates/emails/layout.html`: the association's logo when staff set one and its name, the
body, the footer with the association's name, mailing address and contact e-mail, in the
association's colours: home.BrandSettings). The HTML body is `<name>.html` when it exists,
otherwise it is derived from the plain text (escaped, paragraphs, links made clickable): a new
e-mail needs only its two .txt templates.

Context values must be JSON-serialisable (ids, strings); attachments are built inside the task
by a function named by its dotted path, e.g. ("invoices.pdf.invoice_attachment", [invoice_id]),
which returns (filename, content bytes, mimetype), or None when there is nothing to attach any
more (the e-mail goes without it). A context holding `copy_for` (a name) makes
the e-mail a copy for the person who acted for them (a delegate): it says so at the top.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.html import urlize
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .brand import brand as brand_settings
from .brand import email_logo

# An attachment: the dotted path of a function and its JSON-serialisable arguments.
Attachment = tuple[str, Sequence[Any]]

# The site's colours, as its CSS variables (static/css/quorum.css, :root) hold them: the one
# place e-mails read them from. The brand settings replace `brand` and `brand_dark`
# (`brand_colours`); their contrast check keeps the layout readable (home/colours.py).
BRAND_COLOURS = {
    "ink": "#1b1f24",
    "muted": "#4a5560",
    "brand": "#0b4f8a",
    "brand_dark": "#083a66",
    "on_brand": "#ffffff",
    "bg": "#ffffff",
    "soft": "#f2f5f8",
    "line": "#c9d2db",
}


def brand_colours(brand: Mapping[str, Any] | None = None) -> dict[str, str]:
    """The layout's colours, with the association's brand colours (home/brand.py)."""
    colours = dict(BRAND_COLOURS)
    if brand is not None:
        colours.update(brand=brand["brand"], brand_dark=brand["brand_dark"])
    return colours


def queue_email(
    *,
    to: str | Iterable[str],
    template: str,
    context: Mapping[str, Any] | None = None,
    language: str = "fr",
    attachments: Iterable[Attachment] = (),
) -> None:
    """Send once the surrounding transaction commits (immediately outside one)."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    payload = {
        "to": recipients,
        "template": template,
        "context": dict(context or {}),
        "language": language or settings.LANGUAGE_CODE,
        "attachments": [[path, list(args)] for path, args in attachments],
    }
    transaction.on_commit(lambda: send_email_task.enqueue(**payload))


def staff_alert_address() -> str:
    """Where staff alerts go: the address set in the association settings, else the contact
    e-mail; empty when neither is set."""
    from .models import AssociationSettings
    from .site_settings import site_setting

    association = site_setting(AssociationSettings)
    return association.staff_alert_email or association.email or ""


def queue_staff_alert(*, template: str, context: Mapping[str, Any] | None = None) -> None:
    """An alert for staff (a new application, a cancellation request), in the site's default
    language; nothing is sent when no address is set."""
    queue_email(
        to=staff_alert_address(),
        template=template,
        context=context,
        language=settings.LANGUAGE_CODE[:2],
    )


@task()
def send_email_task(
    *,
    to: list[str],
    template: str,
    context: dict[str, Any],
    language: str,
    attachments: list[list[Any]],
) -> None:
    send_email_now(
        to=to, template=template, context=context, language=language, attachments=attachments
    )


def render_text(name: str, context: Mapping[str, Any]) -> str:
    """A plain-text template rendered without HTML escaping: a name reads as typed
    (D'Amours, not D&#x27;Amours). Only the HTML part of an e-mail is escaped."""
    return get_template(name).template.render(Context(dict(context), autoescape=False))


def text_to_html(text: str) -> SafeString:
    """A plain-text body as HTML: escaped, blank-line separated paragraphs, line breaks kept,
    addresses and links made clickable."""
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text.strip())]
    html = []
    for paragraph in paragraphs:
        if not paragraph.strip():
            continue
        lines = [urlize(line.strip(), autoescape=True) for line in paragraph.splitlines()]
        html.append("<p>" + "<br>\n".join(line for line in lines if line) + "</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every line went through urlize's escaping


def association_facts(language: str) -> dict[str, str]:
    """The association as the e-mails' header and footer show it, in `language`."""
    from .models import AssociationSettings
    from .site_settings import site_setting

    association = site_setting(AssociationSettings)
    return {
        "name": association.localized_name(language),
        "address": association.address,
        "email": association.email,
        "phone": association.phone,
    }


def _text_footer(association: Mapping[str, str]) -> str:
    lines = [association["name"], *association["address"].splitlines(), association["email"]]
    return "-- \n" + "\n".join(line.strip() for line in lines if line.strip())


def _copy_note(context: Mapping[str, Any]) -> str:
    if not context.get("copy_for"):
        return ""
    return _(
        "Copy for your information: this message was sent to %(name)s, whom you registered."
    ) % {"name": context["copy_for"]}


def render_email(template: str, context: Mapping[str, Any], language: str) -> tuple[str, str, str]:
    """The subject, plain-text body and HTML document of an e-mail, in `language`."""
    with translation.override(language):
        context = {**context, "language": language}
        subject = " ".join(render_text(f"emails/{template}_subject.txt", context).split())
        text = render_text(f"emails/{template}.txt", context).strip()
        try:
            html_body = mark_safe(render_to_string(f"emails/{template}.html", context))  # noqa: S308
        except TemplateDoesNotExist:
            html_body = text_to_html(text)
        note = _copy_note(context)
        if note:
            subject = _("Copy: %(subject)s") % {"subject": subject}
            text = f"{note}\n\n{text}"
        association = association_facts(language)
        brand = brand_settings()
        html = render_to_string(
            "emails/layout.html",
            {
                "language": language,
                "subject": subject,
                "body": html_body,
                "copy_note": note,
                "association": association,
                "colours": brand_colours(brand),
                "logo": email_logo(brand, language, association["name"]),
            },
        )
        text = f"{text}\n\n{_text_footer(association)}\n"
    return subject, text, html


def send_email_now(
    *,
    to: list[str],
    template: str,
    context: Mapping[str, Any],
    language: str,
    attachments: Iterable[Sequence[Any]] = (),
    headers: Mapping[str, str] | None = None,
) -> None:
    subject, text, html = render_email(template, context, language)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to, headers=dict(headers or {}))
    message.attach_alternative(html, "text/html")
    with translation.override(language):
        for path, args in attachments:
            attachment = import_string(path)(*args)
            if attachment is not None:  # nothing to attach any more (e.g. a badge, cancelled)
                message.attach(*attachment)
    message.send()
