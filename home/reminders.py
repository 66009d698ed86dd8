"""Scheduled reminders, each sent once per occasion.

The apps compute their reminders from their own data at run time (`events.reminders.due`,
`invoices.reminders.due`, ...), so a reminder stops as soon as it is no longer true (the
invoice paid, the registration cancelled). `home` imports no app: the functions are named in
`settings.REMINDERS` and called in that order by `run()`, which the `send_reminders` command
(hourly, from the scheduler) calls. Each function has the signature
`due(*, now: datetime, offsets: ReminderSettings) -> int` (the number of e-mails queued) and
sends through `send_once`, which records the occasion in `SentReminder` (unique on kind and
key) and queues the e-mail only when the row is new: running twice, or two runs at once, never
mails anyone twice.

Reminders "after" a date (an unpaid invoice) go out within `CATCH_UP` of their moment only,
so that turning the feature on, or a scheduler stopped for a while, does not mail every old
occasion at once.
"""

import datetime
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .emails import Attachment, queue_email
from .models import ReminderSettings, SentReminder

logger = logging.getLogger(__name__)

CATCH_UP = datetime.timedelta(days=7)


def send_once(
    *,
    kind: str,
    key: str,
    to: str,
    template: str,
    context: Mapping[str, Any],
    language: str,
    recipient: AbstractBaseUser | None = None,
    about: str = "",
    attachments: Iterable[Attachment] = (),
    now: datetime.datetime | None = None,
) -> bool:
    """Record the occasion (`kind`, `key`) and queue the e-mail, only if it was not recorded
    before. True when the e-mail was queued. Nothing is recorded without an address."""
    if not to:
        return False
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                kind=kind,
                key=key,
                recipient=recipient,
                about=about[:255],
                sent_at=now or timezone.now(),
            )
    except IntegrityError:  # already sent (or being sent by a concurrent run)
        return False
    queue_email(
        to=to, template=template, context=context, language=language, attachments=attachments
    )
    return True


def already_sent(kind: str, key: str) -> bool:
    return SentReminder.objects.filter(kind=kind, key=key).exists()


@dataclass
class RunResult:
    counts: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def run(*, now: datetime.datetime | None = None) -> RunResult:
    """Call every function of `settings.REMINDERS`, each in its own transaction (its e-mails
    leave when it commits). One that fails is logged and rolled back (its reminders go out on
    the next run); the others still run."""
    now = now or timezone.now()
    offsets = ReminderSettings.load()
    result = RunResult()
    for path in settings.REMINDERS:
        try:
            with transaction.atomic():
                result.counts[path] = import_string(path)(now=now, offsets=offsets)
        except Exception:
            logger.exception("Reminders %s failed", path)
            result.failed.append(path)
    return result
