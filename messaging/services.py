"""Messages to members: saving a draft, previewing it, sending it in batches through the task
worker (each person once, in their language, with the footer Canada's anti-spam law asks for),
and the one-click unsubscribe."""

from collections.abc import Callable, Mapping
from typing import Any

from django_tasks import task

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.audit import record
from home.emails import render_email, send_email_now
from home.errors import NotFound, QuorumError
from home.links import url_in
from home.models import AssociationSettings
from home.site_settings import site_setting
from members.models import Subscription, User

from .audience import audience
from .models import Delivery, Message

BATCH_SIZE = 200
TEMPLATE = "messaging_message"
UNSUBSCRIBE_SALT = "messaging.unsubscribe"


# --- drafts ----------------------------------------------------------------------------------


def check_draft(message: Message) -> None:
    if not message.is_draft:
        raise QuorumError(
            _("This message was already sent: it can no longer change."), code="already_sent"
        )
    if message.kind == Message.Kind.COMMERCIAL and not message.consent_list:
        raise QuorumError(
            _("A commercial message needs the communication list its recipients consented to."),
            code="commercial_without_list",
        )


@transaction.atomic
def save_message(message: Message, *, by: User, m2m: Callable[[], None] | None = None) -> Message:
    """Create or change a draft (`m2m`: the admin form's save_m2m, for the criteria)."""
    created = message.pk is None
    if not created:
        current = Message.objects.select_for_update().get(pk=message.pk)
        check_draft(current)
    check_draft(message)
    if created:
        message.created_by = by
    message.save()
    if m2m is not None:
        m2m()
    record(message, "messaging.message_created" if created else "messaging.message_changed", by=by)
    return message


# --- the e-mail ------------------------------------------------------------------------------


def unsubscribe_token(user: User, list_code: str) -> str:
    """An opaque signed token naming the person and the list (no e-mail in it)."""
    return signing.dumps([user.pk, list_code], salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user: User, list_code: str, language: str) -> str:
    return url_in(language, "messaging:unsubscribe", unsubscribe_token(user, list_code))


def _reason(message: Message, language: str) -> str:
    """Why the person receives the message, in their language (the footer)."""
    with translation.override(language):
        if message.consent_list:
            return _(
                "You receive this message because you subscribed to the list “%(list)s” in "
                "your file."
            ) % {"list": Subscription.List(message.consent_list).label}
        if message.event_id:
            event = message.event.localized_for(language)
            return _("You receive this message because you are registered to “%(event)s”.") % {
                "event": event.title
            }
        return _(
            "You receive this message about your file with the association (an informational "
            "message)."
        )


def email_context(message: Message, *, language: str, user: User | None) -> dict[str, Any]:
    """What the e-mail templates render: the same for the preview and for the sending (the
    preview's unsubscribe link names nobody)."""
    association = site_setting(AssociationSettings)
    context = {
        "subject": message.subject(language),
        "body": message.body(language),
        "association": association.localized_name(language),
        "reason": _reason(message, language),
        "unsubscribe_url": "",
        "subscriptions_url": "",
    }
    if message.consent_list:
        context["unsubscribe_url"] = (
            unsubscribe_url(user, message.consent_list, language)
            if user is not None
            else url_in(language, "messaging:unsubscribe", "…")
        )
    else:
        context["subscriptions_url"] = url_in(language, "members:subscriptions")
    return context


def preview(message: Message, language: str) -> dict[str, str]:
    """The e-mail in `language` as it is sent (through the one e-mail layout, footer with the
    association's name and mailing address included): {"subject", "body", "html"}."""
    context = email_context(message, language=language, user=None)
    subject, body, html = render_email(TEMPLATE, context, language)
    return {"subject": subject, "body": body, "html": html}


def _headers(context: Mapping[str, Any]) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs offer "unsubscribe", one click, by POST."""
    if not context["unsubscribe_url"]:
        return {}
    return {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- sending ---------------------------------------------------------------------------------


def recipient_count(message: Message) -> int:
    return audience(message).count()


@transaction.atomic
def send_message(message: Message, *, by: User) -> int:
    """Fix the audience in the send log (one row per person) and queue the batches after the
    transaction commits. A second call is refused: the message is no longer a draft."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    check_draft(message)
    address = site_setting(AssociationSettings).address.strip()
    if message.kind == Message.Kind.COMMERCIAL and not address:
        # CASL: a commercial message identifies the sender with a mailing address.
        raise QuorumError(
            _(
                "Fill in the association's mailing address (Settings → Association settings) "
                "before sending: Canada's anti-spam law requires it in commercial messages."
            ),
            code="no_mailing_address",
        )
    people = list(audience(message).values_list("pk", "language"))
    if not people:
        raise QuorumError(_("Nobody matches this audience."), code="no_recipients")
    Delivery.objects.bulk_create(
        [Delivery(message=message, user_id=pk, language=language) for pk, language in people],
        ignore_conflicts=True,
    )
    message.status = Message.Status.SENDING
    message.sent_by = by
    message.save(update_fields=["status", "sent_by"])
    record(message, "messaging.message_sent", by=by, data={"recipients": len(people)})
    ids = list(
        Delivery.objects.filter(message=message, status=Delivery.Status.PENDING).values_list(
            "pk", flat=True
        )
    )
    batches = [ids[start : start + BATCH_SIZE] for start in range(0, len(ids), BATCH_SIZE)]
    for batch in batches:
        transaction.on_commit(
            lambda batch=batch: send_batch.enqueue(message_id=message.pk, delivery_ids=batch)
        )
    return len(people)


@task()
def send_batch(*, message_id: int, delivery_ids: list[int]) -> None:
    """One batch of a message's e-mails, in the task worker."""
    deliver_batch(message_id, delivery_ids)


def deliver_batch(message_id: int, delivery_ids: list[int]) -> None:
    """Send the batch's e-mails. Each row is claimed (pending → being sent) before its e-mail
    goes out, so a retried task or a second worker skips it: nobody gets the message twice."""
    message = Message.objects.select_related("event").get(pk=message_id)
    for delivery in Delivery.objects.filter(pk__in=delivery_ids, message=message).select_related(
        "user"
    ):
        claimed = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING
        )
        if not claimed:
            continue
        user = delivery.user
        language = user.language or delivery.language or settings.LANGUAGE_CODE
        try:
            if not (user.is_active and user.email):
                raise QuorumError(_("No active account with an e-mail."), code="no_email")
            context = email_context(message, language=language, user=user)
            send_email_now(
                to=[user.email],
                template=TEMPLATE,
                context=context,
                language=language,
                headers=_headers(context),
            )
        except Exception as error:  # noqa: BLE001 - one failure must not stop the batch
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.FAILED, error=str(error)[:300]
            )
            continue
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.SENT, sent_at=timezone.now()
        )
    _finish_if_done(message)


def _finish_if_done(message: Message) -> None:
    waiting = Delivery.objects.filter(
        message=message, status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    )
    if waiting.exists():
        return
    done = Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
        status=Message.Status.SENT, sent_at=timezone.now()
    )
    if done:
        record(message, "messaging.message_delivered", data=send_log_counts(message))


def send_log_counts(message: Message) -> dict[str, int]:
    counts = dict.fromkeys(Delivery.Status.values, 0)
    for row in message.deliveries.values_list("status", flat=True):
        counts[row] += 1
    return {"recipients": sum(counts.values()), **counts}


# --- unsubscribing ---------------------------------------------------------------------------


def read_unsubscribe_token(token: str) -> tuple[User, str]:
    """The person and the list a token names; QuorumError("invalid_link") otherwise."""
    try:
        user_id, list_code = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise QuorumError(
            _("This unsubscribe link is not valid. Copy the whole link from the e-mail."),
            code="invalid_link",
        ) from error
    user = User.objects.filter(pk=user_id, anonymised_at__isnull=True).first()
    if user is None or list_code not in Subscription.List.values:
        raise NotFound()
    return user, list_code


@transaction.atomic
def set_subscription(user: User, list_code: str, *, subscribed: bool, by: User | None) -> None:
    """One list of "Mes abonnements", from an e-mail's link (by=None: the person, unsigned)."""
    Subscription.objects.update_or_create(
        user=user, list=list_code, defaults={"subscribed": subscribed}
    )
    record(
        user,
        "messaging.unsubscribed" if not subscribed else "messaging.resubscribed",
        by=by,
        data={"list": list_code},
    )
