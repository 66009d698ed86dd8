"""Quebec's Law 25: what the site holds about a person, how they download it and how it is
erased, and how long login logs and expired tokens are kept.

`home` imports no app: each app registers, from its AppConfig.ready(), one section per kind of
data it keeps about a person (`register_section`): the models the section covers, a function
that exports them ("download my data") and one that erases or anonymises them when a deletion
request is processed. A model that points to the user and holds nothing to export (staff and
editors' work in the admin) is declared with `register_exempt` and the reason. A test walks
every model that points to the user model and fails when one is in neither.

Apps also register purgers (`register_purger`): the daily `purge_personal_data` command calls
them with the cut-off dates taken from PrivacySettings, after purging what belongs to no app
(login logs, expired sessions, finished background tasks).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

Exporter = Callable[[Any], Any]
# erase(user, by=..., former=...): `former` holds the username and e-mail as they were before
# the erasure began (login logs are kept under the username).
Eraser = Callable[..., None]
Purger = Callable[..., dict[str, int]]


@dataclass(frozen=True)
class Section:
    name: str
    models: tuple[str, ...]
    export: Exporter | None
    erase: Eraser | None
    order: int
    kept: str


_sections: dict[str, Section] = {}
_exempt: dict[str, str] = {}
_purgers: list[Purger] = []


def register_section(
    name: str,
    *,
    models: tuple[str, ...] | list[str],
    export: Exporter | None,
    erase: Eraser | None = None,
    order: int = 100,
    kept: str = "",
) -> None:
    """`models`: "app_label.ModelName" labels covered. `erase` runs in `order` (lowest first)
    in the deletion's transaction; None with `kept` (the reason) for data the law keeps."""
    _sections[name] = Section(name, tuple(models), export, erase, order, kept)


def register_exempt(models: tuple[str, ...] | list[str], reason: str) -> None:
    """Models that point to the user but hold no data about them to export (a reason each)."""
    for label in models:
        _exempt[label] = reason


def register_purger(purger: Purger) -> None:
    """`purger(login_before=datetime, tokens_before=datetime) -> {what: count}`."""
    if purger not in _purgers:
        _purgers.append(purger)


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))


def exported_models() -> set[str]:
    return {label for section in _sections.values() for label in section.models}


def exempt_models() -> dict[str, str]:
    return dict(_exempt)


def export_person(user: Any) -> dict[str, Any]:
    """Every registered section's export, by section name."""
    return {
        section.name: section.export(user) for section in sections() if section.export is not None
    }


@transaction.atomic
def erase_person(user: Any, *, by: Any) -> list[str]:
    """Erase or anonymise everything every section holds about `user`, in one transaction.
    Returns the names of the sections kept as they are (tax law)."""
    former = {
        "username": user.username,
        "email": user.email or "",
        "name": user.get_full_name().strip(),
    }
    kept = []
    for section in sections():
        if section.erase is None:
            kept.append(section.name)
            continue
        section.erase(user, by=by, former=former)
    return kept


def purge(*, login_before: datetime.datetime, tokens_before: datetime.datetime) -> dict[str, int]:
    """Run every registered purger; {what: rows removed or cleared}."""
    counts: dict[str, int] = {}
    for purger in _purgers:
        counts.update(purger(login_before=login_before, tokens_before=tokens_before))
    return counts


# --- what belongs to no app of the project -------------------------------------------------


def _login_history(user: Any) -> list[dict[str, Any]]:
    from axes.models import AccessLog

    return [
        {
            "at": log.attempt_time,
            "logged_out_at": log.logout_time,
            "address": log.ip_address,
            "browser": log.user_agent,
        }
        for log in AccessLog.objects.filter(username=user.username).order_by("-attempt_time")
    ]


def _failed_logins(user: Any) -> list[dict[str, Any]]:
    from axes.models import AccessAttempt, AccessFailureLog

    identifiers = [user.username, *([user.email] if user.email else [])]
    attempts = [
        {"at": a.attempt_time, "address": a.ip_address, "failures": a.failures_since_start}
        for a in AccessAttempt.objects.filter(username__in=identifiers)
    ]
    failures = [
        {"at": f.attempt_time, "address": f.ip_address, "locked_out": f.locked_out}
        for f in AccessFailureLog.objects.filter(username__in=identifiers)
    ]
    return attempts + failures


def _erase_login_logs(user: Any, *, by: Any, former: dict[str, str]) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    identifiers = [value for value in (former["username"], former["email"]) if value]
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.filter(username__in=identifiers).delete()


def _erase_sessions(user: Any, *, by: Any, former: dict[str, str]) -> None:
    from django.contrib.sessions.models import Session

    for session in Session.objects.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def _admin_profile(user: Any) -> dict[str, Any] | None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "preferred_language": profile.preferred_language,
        "current_time_zone": profile.current_time_zone,
        "submitted_notifications": profile.submitted_notifications,
        "approved_notifications": profile.approved_notifications,
        "rejected_notifications": profile.rejected_notifications,
        "updated_comments_notifications": profile.updated_comments_notifications,
    }


def _audit_trail(user: Any) -> list[dict[str, Any]]:
    from wagtail.models import ModelLogEntry, PageLogEntry

    rows = []
    for model in (ModelLogEntry, PageLogEntry):
        rows += [
            {"at": entry.timestamp, "action": entry.action, "object": entry.label}
            for entry in model.objects.filter(user=user).order_by("timestamp")
        ]
    return rows


def _erase_admin_traces(user: Any, *, by: Any, former: dict[str, str]) -> None:
    """Preferences and open editing state; the audit log keeps the (now anonymous) account."""
    from wagtail.admin.models import EditingSession
    from wagtail.models import PageSubscription
    from wagtail.users.models import UserProfile

    for model in (UserProfile, EditingSession, PageSubscription):
        model.objects.filter(user=user).delete()


def _relabel_audit_trail(user: Any, *, by: Any, former: dict[str, str]) -> None:
    """Log entries keep the object's name as it was ("Zoé D'Amours — Budget 101"): the
    account's own entries now show the anonymous name, and the former name is replaced in
    every other label."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Value
    from django.db.models.functions import Replace

    from wagtail.models import ModelLogEntry, PageLogEntry

    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(user), for_concrete_model=False),
        object_id=str(user.pk),
    ).update(label=str(user))
    for value in (former.get("name"), former.get("username"), former.get("email")):
        if value and len(value) >= 3:
            for model in (ModelLogEntry, PageLogEntry):
                model.objects.filter(label__contains=value).update(
                    label=Replace("label", Value(value), Value(str(user)))
                )


def _purge_outside_apps(
    *, login_before: datetime.datetime, tokens_before: datetime.datetime
) -> dict[str, int]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_tasks_db.models import DBTaskResult

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    counts = {
        "login_logs": AccessLog.objects.filter(attempt_time__lt=login_before).delete()[0],
        "login_attempts": AccessAttempt.objects.filter(attempt_time__lt=login_before).delete()[0],
        "login_failures": AccessFailureLog.objects.filter(attempt_time__lt=login_before).delete()[
            0
        ],
        "expired_sessions": Session.objects.filter(expire_date__lt=timezone.now()).delete()[0],
        # Finished background tasks keep their arguments (e-mail addresses, names).
        "finished_tasks": DBTaskResult.objects.filter(
            finished_at__isnull=False, finished_at__lt=tokens_before
        ).delete()[0],
    }
    return counts


def _sent_reminders(user: Any) -> list[dict[str, Any]]:
    from .models import SentReminder

    return [
        {"kind": r.kind, "about": r.about, "sent_at": r.sent_at}
        for r in SentReminder.objects.filter(recipient=user).order_by("sent_at")
    ]


def _erase_sent_reminders(user: Any, *, by: Any, former: dict[str, str]) -> None:
    from .models import SentReminder

    SentReminder.objects.filter(recipient=user).delete()


# A sent reminder's row is what stops it from going out again; no occasion can come back more
# than a year after it was sent (offsets are at most 365 days, home/reminders.py), so the rows
# are kept at least that long, and otherwise as long as login logs.
REMINDER_ROWS_AT_LEAST = datetime.timedelta(days=400)


def _purge_sent_reminders(
    *, login_before: datetime.datetime, tokens_before: datetime.datetime
) -> dict[str, int]:
    from django.utils import timezone

    from .models import SentReminder

    before = min(login_before, timezone.now() - REMINDER_ROWS_AT_LEAST)
    return {"sent_reminders": SentReminder.objects.filter(sent_at__lt=before).delete()[0]}


def _exports(user: Any) -> list[dict[str, Any]]:
    from .exports import exports_of

    return exports_of(user)


def _erase_exports(user: Any, *, by: Any, former: dict[str, str]) -> None:
    from .exports import erase_exports

    erase_exports(user, by=by, former=former)


STAFF_WORK = (
    "Work done in the admin by staff and editors (pages, documents, images, translations, "
    "comments, workflows, tokens): not data about a member; the account it points to is "
    "anonymised with the rest."
)


def register_outside_apps() -> None:
    """Called by home's AppConfig.ready(): Django's, Wagtail's and django-axes's share."""
    register_section(
        "login_history",
        models=[],
        export=lambda user: {"logins": _login_history(user), "failed": _failed_logins(user)},
        erase=_erase_login_logs,
        order=5,
    )
    register_section("sessions", models=[], export=None, erase=_erase_sessions, order=6)
    register_section(
        "admin_preferences",
        models=[
            "wagtailusers.UserProfile",
            "wagtailadmin.EditingSession",
            "wagtailcore.PageSubscription",
        ],
        export=_admin_profile,
        erase=_erase_admin_traces,
        order=7,
    )
    register_section(
        "sent_reminders",
        models=["home.SentReminder"],
        export=_sent_reminders,
        erase=_erase_sent_reminders,
        order=8,
    )
    register_section(
        "exports",
        models=["home.Export"],
        export=_exports,
        erase=_erase_exports,
        order=9,
    )
    register_section(
        "audit_trail",
        models=["wagtailcore.ModelLogEntry", "wagtailcore.PageLogEntry", "admin.LogEntry"],
        export=_audit_trail,
        erase=_relabel_audit_trail,
        order=1000,  # after the account is anonymised
    )
    register_exempt(
        [
            "wagtailcore.Page",
            "wagtailcore.Revision",
            "wagtailcore.WorkflowState",
            "wagtailcore.TaskState",
            "wagtailcore.Comment",
            "wagtailcore.CommentReply",
            "wagtailcore.UploadedFile",
            "wagtailcore.APIToken",
            "wagtailadmin.FormState",
            "wagtaildocs.Document",
            "wagtailimages.Image",
            "wagtail_localize.StringTranslation",
            "wagtail_localize.SegmentOverride",
        ],
        STAFF_WORK,
    )
    register_purger(_purge_outside_apps)
    register_purger(_purge_sent_reminders)
