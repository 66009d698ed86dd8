"""The audit trail: every change a service makes is written to Wagtail's audit log, so staff see
who did what and when in the object's history and in the site history report.

Each app registers the labels of its actions with the `register_log_actions` hook (see
`register_actions`), and its services call `record(...)` inside their transaction."""

from typing import Any

from django.db import models

from wagtail.log_actions import log


def record(
    instance: models.Model,
    action: str,
    *,
    by: Any = None,
    data: dict | None = None,
    deleted: bool = False,
) -> None:
    """Log `action` (namespaced, e.g. "invoices.payment_recorded") on `instance`, done by `by`
    (a user, or None for the system: a webhook, the scheduler). `data` must hold no health data
    and nothing that should not be kept as long as the audit log. `deleted`: the instance is
    being deleted (as Wagtail marks its own deletions)."""
    user = by if getattr(by, "is_authenticated", False) else None
    log(instance, action, user=user, data=data or {}, deleted=deleted)


def register_actions(actions: Any, labels: dict[str, tuple[str, str]]) -> None:
    """For a `register_log_actions` hook: {action: (label, message)}."""
    for action, (label, message) in labels.items():
        actions.register_action(action, label, message)
