"""What the messaging app keeps about a person: the messages sent to them (the send log)."""

from typing import Any

from home import privacy
from members.models import User

from .models import Delivery, Message


def _messages(user: User) -> list[dict[str, Any]]:
    return [
        {
            "subject": delivery.message.subject(delivery.language),
            "status": delivery.status,
            "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
        }
        for delivery in Delivery.objects.filter(user=user).select_related("message")
    ]


def _erase_messages(user: User, **kwargs: Any) -> None:
    Delivery.objects.filter(user=user).delete()


def register() -> None:
    privacy.register_section(
        "messages_received",
        models=[Delivery._meta.label],
        export=_messages,
        erase=_erase_messages,
    )
    privacy.register_exempt(
        [Message._meta.label],
        "Staff's work in the admin: the message names who wrote and sent it, nothing about them.",
    )
