"""What the events app keeps about a person, for "download my data" and for deletion requests
(registered with home.privacy from EventsConfig.ready), and the purge of expired offer tokens."""

import datetime
from typing import Any

from django.db.models import Q

from home import privacy
from home.audit import record
from members.models import User

from .models import (
    Attendance,
    CancellationRequest,
    Companion,
    PromoCodeUse,
    Registration,
    WaitingListEntry,
    WaitingStatus,
)
from .questions import answer_rows


def _answers(answers: dict, event: Any) -> list[dict[str, str]]:
    # The person's own answers, health questions included: it is their data.
    return [
        {"question": question, "answer": answer}
        for question, answer in answer_rows(answers, event, include_sensitive=True)
    ]


def _registrations(user: User) -> list[dict[str, Any]]:
    registrations = (
        Registration.objects.filter(person=user)
        .select_related("event", "option", "invoice", "registered_by", "attendance")
        .prefetch_related("companions", "cancellation_requests", "promo_code_uses__code")
    )
    rows = []
    for r in registrations:
        attendance = getattr(r, "attendance", None)
        rows.append(
            {
                "event": r.event.title,
                "start": r.event.start,
                "option": r.option.label,
                "status": r.status,
                "registered_by_someone_else": r.registered_by_id not in (None, user.pk),
                "answers": _answers(r.answers, r.event),
                "invoice": r.invoice.number if r.invoice_id else None,
                "created_at": r.created_at,
                "cancelled_at": r.cancelled_at,
                "attended": attendance.attended if attendance else None,
                "companions": [
                    {"name": c.name, "dietary_needs": c.dietary_needs, "status": c.status}
                    for c in r.companions.all()
                ],
                "cancellation_requests": [
                    {"reason": c.reason, "status": c.status, "requested_at": c.requested_at}
                    for c in r.cancellation_requests.all()
                ],
                "promo_codes": sorted({use.code.code for use in r.promo_code_uses.all()}),
            }
        )
    return rows


def _erase_registrations(user: User, *, by: Any, former: dict[str, str]) -> None:
    """Registrations stay (their invoices are kept, seats were used) without answers (health
    answers included), companions' names and needs, or cancellation reasons."""
    registrations = Registration.objects.filter(person=user)
    for registration in registrations.exclude(answers={}):
        registration.answers = {}
        registration.save(update_fields=["answers"])
        record(registration, "events.answers_erased", by=by)
    Companion.objects.filter(registration__person=user).update(name="", dietary_needs="")
    CancellationRequest.objects.filter(registration__person=user).update(reason="")


def _waiting_lists(user: User) -> list[dict[str, Any]]:
    return [
        {
            "event": e.event.title,
            "option": e.option.label,
            "status": e.status,
            "answers": _answers(e.answers, e.event),
            "created_at": e.created_at,
            "offer_expires_at": e.offer_expires_at,
        }
        for e in WaitingListEntry.objects.filter(person=user).select_related("event", "option")
    ]


def _erase_waiting_lists(user: User, *, by: Any, former: dict[str, str]) -> None:
    for entry in WaitingListEntry.objects.filter(person=user):
        entry.delete()  # one by one: the event's page leaves the page cache


def purge_expired_offers(
    *, login_before: datetime.datetime, tokens_before: datetime.datetime
) -> dict[str, int]:
    """An offer's token is of no use once the offer is over (accepted, expired, withdrawn)."""
    stale = WaitingListEntry.objects.exclude(offer_token="").filter(
        ~Q(status=WaitingStatus.OFFERED) | Q(offer_expires_at__lt=tokens_before)
    )
    return {"expired_offer_tokens": stale.update(offer_token="")}


def register() -> None:
    privacy.register_section(
        "registrations",
        models=[
            Registration._meta.label,
            Companion._meta.label,
            CancellationRequest._meta.label,
            Attendance._meta.label,
            PromoCodeUse._meta.label,
        ],
        export=_registrations,
        erase=_erase_registrations,
    )
    privacy.register_section(
        "waiting_lists",
        models=[WaitingListEntry._meta.label],
        export=_waiting_lists,
        erase=_erase_waiting_lists,
    )
    privacy.register_purger(purge_expired_offers)
