"""E-mail to members, in the recipient's language, sent in the background after the current
transaction commits (through the django_tasks API).

Templates: `templates/emails/<name>_subject.txt`, `<name>.txt` and optionally `<name>.html`.
Context values must be JSON-serialisable (ids, strings); attachments are built inside the task
by a function named by its dotted path, e.g. ("invoices.pdf.invoice_attachment", [invoice_id]),
which returns (filename, content bytes, mimetype).
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

# An attachment: the dotted path of a function and its JSON-serialisable arguments.
Attachment = tuple[str, Sequence[Any]]


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


def send_email_now(
    *,
    to: list[str],
    template: str,
    context: Mapping[str, Any],
    language: str,
    attachments: Iterable[Sequence[Any]] = (),
    headers: Mapping[str, str] | None = None,
) -> None:
    with translation.override(language):
        context = {**context, "language": language}
        subject = " ".join(render_text(f"emails/{template}_subject.txt", context).split())
        body = render_text(f"emails/{template}.txt", context)
        message = EmailMultiAlternatives(
            subject=subject, body=body, to=to, headers=dict(headers or {})
        )
        try:
            message.attach_alternative(
                render_to_string(f"emails/{template}.html", context), "text/html"
            )
        except Exception as error:  # noqa: BLE001 - the HTML part is optional
            if error.__class__.__name__ != "TemplateDoesNotExist":
                raise
        for path, args in attachments:
            filename, content, mimetype = import_string(path)(*args)
            message.attach(filename, content, mimetype)
        message.send()
