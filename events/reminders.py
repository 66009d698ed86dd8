"""Reminders to registrants (home/reminders.py runs `due` from `settings.REMINDERS`):

- the event or training coming up, at the first and second offsets before it starts (a week
  and a day by default), with its .ics attached and the place, date and time in the person's
  language;
- the modification and the cancellation deadlines approaching.

Only confirmed registrations (not cancelled, not on a waiting list, no cancellation request
pending) of published events that have not started get them, and only for a moment that came
after the person registered: someone who registers three days before an event gets the
one-day reminder, not the one-week one. When the scheduler missed both moments of an event,
only the latest goes out.
"""

import datetime
from collections.abc import Callable

from django.db.models import Exists, OuterRef, QuerySet

from home.formatting import format_date, format_date_range
from home.links import url_in
from home.models import ReminderKind, ReminderSettings
from home.reminders import send_once

from .models import CancellationRequest, CancellationStatus, EventPage, Registration
from .models import RegistrationStatus as Status
from .services import cancellation_deadline, modification_deadline


def due(*, now: datetime.datetime, offsets: ReminderSettings) -> int:
    sent = _event_reminders(now, offsets)
    sent += _deadline_reminders(
        now,
        kind=ReminderKind.MODIFICATION_DEADLINE,
        days=offsets.modification_deadline_days,
        deadline_of=modification_deadline,
        field="modification_deadline",
    )
    sent += _deadline_reminders(
        now,
        kind=ReminderKind.CANCELLATION_DEADLINE,
        days=offsets.cancellation_deadline_days,
        deadline_of=cancellation_deadline,
        field="cancellation_deadline",
    )
    return sent


def ics_attachment(page_id: int) -> tuple[str, bytes, str]:
    """The event's .ics (the same file as its "Add to my calendar" link), for home.emails."""
    page = EventPage.objects.get(pk=page_id)
    return f"{page.slug}.ics", page.ics().encode(), "text/calendar"


def _registrations(now: datetime.datetime) -> QuerySet[Registration]:
    pending = CancellationRequest.objects.filter(
        registration=OuterRef("pk"), status=CancellationStatus.PENDING
    )
    return (
        Registration.objects.filter(
            status=Status.CONFIRMED,
            event__live=True,
            event__start__gt=now,
            person__is_active=True,
        )
        .exclude(person__email="")
        .exclude(Exists(pending))
        .select_related("event", "person", "option")
        .order_by("pk")
    )


def _context(registration: Registration, page: EventPage) -> dict[str, str]:
    person = registration.person
    language = person.language
    return {
        "name": str(person),
        "event": page.title,
        "when": format_date_range(page.start, page.end, language),
        "place": page.place,
        "option": page.option_in(registration.option).label,
        "registration_url": url_in(language, "events:registration", registration.pk),
    }


def _event_reminders(now: datetime.datetime, offsets: ReminderSettings) -> int:
    # (occasion, days before), the latest moment first.
    occasions = sorted(
        (
            (name, days)
            for name, days in (
                ("first", offsets.event_first_days),
                ("second", offsets.event_second_days),
            )
            if days > 0
        ),
        key=lambda occasion: occasion[1],
    )
    if not occasions:
        return 0
    horizon = now + datetime.timedelta(days=occasions[-1][1])
    sent = 0
    for registration in _registrations(now).filter(event__start__lte=horizon):
        event = registration.event
        for name, days in occasions:
            moment = event.start - datetime.timedelta(days=days)
            if moment > now:
                continue
            # The latest moment passed: this one or none (the person registered after it).
            if registration.created_at <= moment:
                sent += _send_event_reminder(registration, name, now)
            break
    return sent


def _send_event_reminder(registration: Registration, occasion: str, now: datetime.datetime) -> int:
    person = registration.person
    page = registration.event.localized_for(person.language)
    return int(
        send_once(
            kind=ReminderKind.EVENT,
            key=f"registration:{registration.pk}:event-{occasion}",
            to=person.email,
            template="events_reminder_event",
            context=_context(registration, page),
            language=person.language,
            recipient=person,
            about=page.title,
            attachments=[("events.reminders.ics_attachment", [page.pk])],
            now=now,
        )
    )


def _deadline_reminders(
    now: datetime.datetime,
    *,
    kind: str,
    days: int,
    deadline_of: Callable[[EventPage], datetime.datetime],
    field: str,
) -> int:
    """`days` before the deadline, until it passes. An event without its own deadline (the
    deadline is then its start) gets none: the event reminders say it is near."""
    if days <= 0:
        return 0
    before = datetime.timedelta(days=days)
    candidates = _registrations(now).filter(
        **{f"event__{field}__gt": now, f"event__{field}__lte": now + before}
    )
    sent = 0
    for registration in candidates:
        event = registration.event
        deadline = deadline_of(event)
        moment = deadline - before
        if deadline >= event.start or not (moment <= now < deadline):
            continue
        if registration.created_at > moment:
            continue
        person = registration.person
        page = event.localized_for(person.language)
        context = {
            **_context(registration, page),
            "deadline": format_date(deadline, "DATETIME_FORMAT", person.language),
        }
        sent += send_once(
            kind=kind,
            key=f"registration:{registration.pk}:{kind.replace('_', '-')}",
            to=person.email,
            template=f"events_reminder_{kind}",
            context=context,
            language=person.language,
            recipient=person,
            about=page.title,
            now=now,
        )
    return sent
