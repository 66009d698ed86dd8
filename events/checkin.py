"""Check-in at the door: staff find a person by the code on their ticket (typed, or scanned from
the badge's QR code) or by name, and mark them present.

Checking someone in records their attendance exactly as the attendance list does (an
`Attendance` row, an audit record, and for a training its credits and attestation through
`services.announce_attendance`); doing it twice changes nothing and says who did it first.
"Undo" marks the person absent again, for a wrong tap.

The lookup answers in a constant number of queries whatever the size of the event: a ticket
code is one primary-key lookup; a name is matched, accents and case aside, against the folded
search column the directory uses (its trigram index on PostgreSQL), then only the few shown are
loaded with what the screen needs.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from home.audit import record
from home.errors import QuorumError
from home.ordering import name_order
from home.text import every_word

from .models import Attendance, Companion, EventPage, Registration, RegistrationStatus
from .services import _check_staff, announce_attendance, attendance_refusal
from .tickets import registration_id_from_code

# What a phone's screen shows and a person scans at the door; beyond, the screen says how many
# more share the name and asks for more of it.
RESULT_LIMIT = 12
# Names carry no digit: a query with one is a ticket code (maybe mistyped).
LOOKS_LIKE_A_CODE = re.compile(r"\d")


@dataclass
class Lookup:
    """What a check-in search found. `by_code`: the query was a ticket code; `invalid_code`:
    it looked like one but is not ours (mistyped or forged); `more`: how many other people
    matched the name beyond the ones shown."""

    query: str
    registrations: list[Registration] = field(default_factory=list)
    by_code: bool = False
    invalid_code: bool = False
    more: int = 0


@dataclass
class CheckIn:
    """The outcome of `check_in`: `already` when the person had been marked present before
    (then `attendance` says by whom and when)."""

    registration: Registration
    attendance: Attendance
    already: bool


def _with_details(queryset):
    """What the check-in screen shows of each registration, in a fixed number of queries."""
    # Not the event: it is the screen's own (a ticket for another one is the rare case).
    return queryset.select_related(
        "person", "option", "attendance", "attendance__recorded_by"
    ).prefetch_related(
        "person__functions__organization",
        Prefetch(
            "companions",
            queryset=Companion.objects.filter(status=RegistrationStatus.CONFIRMED).select_related(
                "option"
            ),
            to_attr="confirmed_companions",
        ),
    )


def find_for_checkin(event: EventPage, query: str, *, limit: int = RESULT_LIMIT) -> Lookup:
    """The registrations a check-in search names: the ticket's registration for a code (even a
    cancelled one or one for another event, so that the screen can say why it refuses it);
    otherwise the event's confirmed registrations whose name (or employer shown in the
    directory) contains every word of the query, accents and case aside, by last name, at
    most `limit`."""
    event = event.source
    query = (query or "").strip()
    lookup = Lookup(query=query)
    if not query:
        return lookup
    if LOOKS_LIKE_A_CODE.search(query):
        lookup.by_code = True
        pk = registration_id_from_code(query)
        if pk is None:
            lookup.invalid_code = True
            return lookup
        lookup.registrations = list(_with_details(Registration.objects.filter(pk=pk)))
        lookup.invalid_code = not lookup.registrations
        return lookup
    # The folded name (and shown employer) column the directory searches, trigram-indexed
    # on PostgreSQL: the event's registrations are not read one by one.
    matching = Registration.objects.filter(
        every_word("person__directory_search", query),
        event=event,
        status=RegistrationStatus.CONFIRMED,
    )
    # The matching ids in order, in one pass over the event's registrations: the first
    # `limit` are shown, and the rest says how many more share the name (a second pass to
    # count them took as long as the first).
    ordered = list(matching.order_by(*name_order("person__"), "pk").values_list("pk", flat=True))
    shown = {r.pk: r for r in _with_details(Registration.objects.filter(pk__in=ordered[:limit]))}
    lookup.registrations = [shown[pk] for pk in ordered[:limit]]
    lookup.more = max(0, len(ordered) - limit)
    return lookup


def refusal(registration: Registration, event: EventPage) -> QuorumError | None:
    """Why this registration cannot be checked in to `event`, or None. The other event is
    named by the registration's `page` when the screen attached it (its title in the staff
    member's language: translations.with_pages)."""
    if registration.event_id != event.source.pk:
        other = getattr(registration, "page", None) or registration.event
        return QuorumError(
            _("This ticket is for another event: %(event)s.") % {"event": other.title},
            code="other_event",
        )
    if registration.status != RegistrationStatus.CONFIRMED:
        return QuorumError(_("This registration is cancelled."), code="cancelled")
    # Not before the day the event starts ("event_not_started"), as on the attendance list.
    return attendance_refusal(event)


def _locked(registration: Registration, event: EventPage) -> Registration:
    # The registration's row only (joined rows would be locked too on PostgreSQL).
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    error = refusal(registration, event)
    if error is not None:
        raise error
    return registration


@transaction.atomic
def check_in(registration: Registration, *, event: EventPage, by: AbstractBaseUser) -> CheckIn:
    """Mark the person present at `event`: their attendance, an audit record, and for a
    training its credits and attestation. Already present: nothing changes, and the answer
    says who checked them in and when. Refuses a cancelled registration ("cancelled"), one
    for another event ("other_event"), and any before the day the event starts
    ("event_not_started")."""
    _check_staff(by, "record_attendance")
    event = event.source
    registration = _locked(registration, event)
    attendance = (
        Attendance.objects.select_related("recorded_by").filter(registration=registration).first()
    )
    if attendance is not None and attendance.attended:
        return CheckIn(registration, attendance, already=True)
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration,
        defaults={"attended": True, "recorded_by": by, "recorded_at": timezone.now()},
    )
    record(
        registration,
        "events.attendance_recorded",
        by=by,
        data={"attended": True, "at": "check-in"},
    )
    announce_attendance(registration.person, event, by=by)
    return CheckIn(registration, attendance, already=False)


@transaction.atomic
def undo_check_in(
    registration: Registration, *, event: EventPage, by: AbstractBaseUser
) -> Attendance | None:
    """Mark the person absent again (a check-in made by mistake). Credits and an attestation
    a training already earned are not withdrawn. None when they were not present. Refused
    as `check_in` is (before the event's day among others)."""
    _check_staff(by, "record_attendance")
    event = event.source
    registration = _locked(registration, event)
    attendance = Attendance.objects.filter(registration=registration).first()
    if attendance is None or not attendance.attended:
        return None
    attendance.attended = False
    attendance.recorded_by = by
    attendance.recorded_at = timezone.now()
    attendance.save(update_fields=["attended", "recorded_by", "recorded_at"])
    record(
        registration,
        "events.attendance_recorded",
        by=by,
        data={"attended": False, "at": "check-in"},
    )
    return attendance
