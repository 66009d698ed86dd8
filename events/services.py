"""Registrations, companions, changes, cancellations, waiting list and attendance.

Every operation that changes state is a plain function running in one transaction, with the
person acting passed as the keyword-only `by`. Registrations are stored against the French
(source) page and option; English pages are translations and share seats through the
translation key.

Refusals are `home.errors.QuorumError` with a stable code ("closed", "full",
"already_registered", "deadline_passed", "cancelled", "forbidden", ...); "not yours" is
`NotFound` (a 404 in the views).
"""

import datetime
import secrets
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.audit import record
from home.emails import Attachment, queue_email, queue_staff_alert
from home.errors import NotFound, QuorumError
from home.formatting import format_long_date
from home.links import absolute_url, url_in
from home.models import AssociationSettings
from home.signals import training_attended
from home.site_settings import site_setting
from invoices.models import Invoice, Status
from invoices.services import (
    InvoicePreview,
    LineSpec,
    issue_credit_note,
    issue_invoice,
    preview_invoice,
)
from members.services import colleagues_for_delegate, is_delegate

from .blocks import QuestionKind, YesNo
from .documents import event_documents
from .models import (
    Attendance,
    CancellationRequest,
    CancellationStatus,
    Companion,
    EventKind,
    EventOption,
    EventPage,
    EventSeats,
    PromoCode,
    PromoCodeUse,
    Registration,
    RegistrationStatus,
    WaitingListEntry,
    WaitingStatus,
)
from .promo_codes import check_promo_code, discount_for, normalize

User = AbstractBaseUser | AnonymousUser

OFFER_HOURS = 48


# ---------------------------------------------------------------------------------------------
# Scoping


def can_act_for(user: User, person: AbstractBaseUser) -> bool:
    """A person acts for themselves; a delegate for the colleagues of their organizations."""
    if not user.is_authenticated:
        return False
    if user.pk == person.pk:
        return True
    return colleagues_for_delegate(user).filter(pk=person.pk).exists()


def registrations_for(user: User) -> QuerySet[Registration]:
    """The registrations a user may see: their own and, for a delegate, their colleagues'."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return Registration.objects.filter(
        Q(person=user) | Q(person__in=colleagues_for_delegate(user).values("pk"))
    )


def get_registration_for(user: User, pk: int) -> Registration:
    registration = (
        registrations_for(user)
        .select_related("event", "option", "person", "invoice")
        .filter(pk=pk)
        .first()
    )
    if registration is None:
        raise NotFound()
    return registration


# ---------------------------------------------------------------------------------------------
# Prices, answers


def source_option(event: EventPage, option: EventOption) -> EventOption:
    """The source page's option matching `option` (which may belong to a translation)."""
    if option.page_id == event.pk:
        return option
    match = EventOption.objects.filter(page=event, translation_key=option.translation_key).first()
    if match is None:
        raise QuorumError(_("This option does not belong to this event."), code="wrong_option")
    return match


def price_for(
    option: EventOption, person: AbstractBaseUser, *, day: datetime.date | None = None
) -> Decimal:
    """The member or non-member price (by `is_member`, which membership periods keep equal to
    "active or in grace"), the early-bird one until its last day (site time zone)."""
    return option.price_for_status(bool(person.is_member), day)


def promo_discount(
    event: EventPage, person: AbstractBaseUser, *, option: EventOption, code: str
) -> Decimal:
    """What promo code `code` would take off `person`'s price for `option` today (shown at
    the review step; `register` checks it again under lock)."""
    event = event.source
    option = source_option(event, option)
    promo = check_promo_code(code, event=event, option=option)
    localized = event.localized_for(person.language)
    return discount_for(promo, price_for(localized.option_in(option), person))


def _check_answers(
    event: EventPage,
    answers: Mapping[str, Any],
    *,
    sees_sensitive: bool = True,
    previous: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Keep only answers to the event's questions, every required question answered. An actor
    who may not see sensitive answers (a delegate) neither gives nor changes them: the
    previous ones are kept."""
    clean = {}
    for block in event.questions:
        question = block.value
        if question.get("sensitive") and not sees_sensitive:
            if previous and block.id in previous:
                clean[block.id] = previous[block.id]
            continue
        value = answers.get(block.id)
        if value in (None, "", []):
            if question["required"]:
                raise QuorumError(
                    _("Please answer the question “%(question)s”.")
                    % {"question": question["label"]},
                    code="unanswered",
                )
            continue
        kind = question["kind"]
        if kind == QuestionKind.YES_NO and value not in YesNo.values:
            raise QuorumError(_("Please answer yes or no."), code="invalid_answer")
        choices = list(question.get("choices") or [])
        if kind == QuestionKind.SINGLE_CHOICE and value not in choices:
            raise QuorumError(_("Please choose one of the answers offered."), code="invalid_answer")
        if kind == QuestionKind.MULTIPLE_CHOICE and (
            not isinstance(value, list) or any(v not in choices for v in value)
        ):
            raise QuorumError(_("Please choose among the answers offered."), code="invalid_answer")
        clean[block.id] = value
    return clean


def registration_lines(
    registration_event: EventPage,
    option: EventOption,
    person: AbstractBaseUser,
    *,
    promo: PromoCode | None = None,
    language: str | None = None,
) -> list[LineSpec]:
    """The lines the registration's invoice bills: what the review step shows and what
    `register` issues, from this one place. A promo code adds its discount line, in the
    invoice's language, taxed like the line it reduces (taxes on the discounted amount)."""
    description = f"{registration_event.title} — {option.label}"
    price = price_for(option, person)
    lines = [LineSpec(description[:255], price, 1, option.taxable)]
    discount = discount_for(promo, price) if promo is not None else Decimal("0.00")
    if discount > 0:
        with translation.override(language or person.language):
            label = _("Promo code %(code)s") % {"code": promo.code}
        lines.append(LineSpec(label[:255], -discount, 1, option.taxable, discount=True))
    return lines


def registration_preview(
    event: EventPage, option: EventOption, person: AbstractBaseUser, *, promo_code: str = ""
) -> InvoicePreview:
    """Each line of the invoice `register` would issue, with its GST and QST, and the invoice's
    totals, computed as the invoice will be (for the review step, before confirming): the same
    lines, in the person's language, at the prices of that language's page, with the promo
    code's discount when one is given (checked: an unusable code raises)."""
    event = event.source
    source = source_option(event, option)
    promo = check_promo_code(promo_code, event=event, option=source) if promo_code else None
    localized = event.localized_for(person.language)
    option = localized.option_in(source)
    return preview_invoice(registration_lines(localized, option, person, promo=promo))


def _invoice_for(
    registration_event: EventPage,
    option: EventOption,
    person: AbstractBaseUser,
    *,
    by: AbstractBaseUser,
    language: str | None = None,
    promo: PromoCode | None = None,
) -> Invoice:
    language = language or person.language
    return issue_invoice(
        lines=registration_lines(
            registration_event, option, person, promo=promo, language=language
        ),
        customer=person,
        by=by,
        language=language,
        card_only=option.card_only,
    )


# ---------------------------------------------------------------------------------------------
# Registration


def seats_taken(event: EventPage) -> int:
    """Confirmed registrations plus seats held by pending waiting-list offers."""
    now = timezone.now()
    confirmed = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).count()
    held = WaitingListEntry.objects.filter(
        event=event, status=WaitingStatus.OFFERED, offer_expires_at__gt=now
    ).count()
    return confirmed + held


def count_per_event(rows: QuerySet) -> Coalesce:
    """An annotation for event pages: how many of `rows` (filtered on `event=OuterRef("pk")`)
    there are, zero when none; a subquery, so that several counts do not multiply each other."""
    counted = rows.order_by().values("event").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_seats_taken(
    events: QuerySet[EventPage], now: datetime.datetime | None = None
) -> QuerySet[EventPage]:
    """Source event pages annotated with `confirmed` registrations and `held` seats (pending
    waiting-list offers): what `seats_taken` counts, for many events in one query (the home
    page's cards, the staff dashboard)."""
    now = now or timezone.now()
    return events.annotate(
        confirmed=count_per_event(
            Registration.objects.filter(event=OuterRef("pk"), status=RegistrationStatus.CONFIRMED)
        ),
        held=count_per_event(
            WaitingListEntry.objects.filter(
                event=OuterRef("pk"), status=WaitingStatus.OFFERED, offer_expires_at__gt=now
            )
        ),
    )


def seats_left(event: EventPage) -> int | None:
    event = event.source
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event), 0)


def _lock_seats(event: EventPage) -> EventSeats:
    EventSeats.objects.get_or_create(event_key=event.translation_key)
    return EventSeats.objects.select_for_update().get(event_key=event.translation_key)


@transaction.atomic
def register(
    event: EventPage,
    person: AbstractBaseUser,
    *,
    by: AbstractBaseUser,
    option: EventOption,
    answers: Mapping[str, Any] | None,
    promo_code: str = "",
    _offer: WaitingListEntry | None = None,
) -> Registration:
    """Register `person` to `event` with `option` and `answers` ({question block id: value}),
    acting as `by` (the person or their delegate), and issue the registration's invoice, less
    the `promo_code`'s discount when one is given.

    Locks the event's seat row, re-checks everything, inserts: never oversold. A promo code's
    row is locked too until its use is recorded: never used more often than allowed."""
    event = event.source
    if not can_act_for(by, person):
        raise NotFound()
    option = source_option(event, option)
    if option.is_companion:
        raise QuorumError(
            _("This option is for companions of a registered participant."), code="companion"
        )
    if _offer is None and not event.registration_is_open():
        raise QuorumError(_("Registration for this event is closed."), code="closed")
    answers = _check_answers(event, answers or {}, sees_sensitive=by.pk == person.pk)
    _lock_seats(event)
    if Registration.objects.filter(
        event=event, person=person, status=RegistrationStatus.CONFIRMED
    ).exists():
        raise QuorumError(
            _("This person is already registered to this event."), code="already_registered"
        )
    # A seat held for the person (a waiting-list offer) is theirs, whichever way they register.
    held = _offer or (
        WaitingListEntry.objects.filter(
            event=event,
            person=person,
            status=WaitingStatus.OFFERED,
            offer_expires_at__gt=timezone.now(),
        ).first()
    )
    if event.capacity is not None:
        taken = seats_taken(event) - (1 if held is not None else 0)
        if taken >= event.capacity:
            raise QuorumError(_("This event is full."), code="full")
    promo = (
        check_promo_code(promo_code, event=event, option=option, lock=True)
        if normalize(promo_code)
        else None
    )
    registration = Registration.objects.create(
        event=event, person=person, registered_by=by, option=option, answers=answers
    )
    localized = event.localized_for(person.language)
    registration.invoice = _invoice_for(
        localized, localized.option_in(option), person, by=by, promo=promo
    )
    registration.save(update_fields=["invoice"])
    if promo is not None:
        PromoCodeUse.objects.create(
            code=promo, registration=registration, invoice=registration.invoice, by=by
        )
        record(
            promo,
            "events.promo_code_used",
            by=by,
            data={"registration": registration.pk, "invoice": registration.invoice.number},
        )
    WaitingListEntry.objects.filter(
        event=event, person=person, status=WaitingStatus.WAITING
    ).update(status=WaitingStatus.WITHDRAWN)
    if held is not None and _offer is None:
        # Registered without following the offer's link: the held seat is the one taken.
        held.status = WaitingStatus.ACCEPTED
        held.save(update_fields=["status"])
        record(held, "events.offer_accepted", by=by, data={"registration": registration.pk})
    record(
        registration,
        "events.registered",
        by=by,
        data={"option": option.pk, "from_waiting_list": _offer is not None},
    )
    _mail_registration(registration, "events_registration_confirmed", badge=True)
    return registration


def _registration_context(registration: Registration, language: str) -> dict[str, Any]:
    person = registration.person
    localized = registration.event.localized_for(language)
    return {
        "name": str(person),
        "event": localized.title,
        "start": localized.start.isoformat(),
        "option": localized.option_in(registration.option).label,
        "invoice": registration.invoice.number if registration.invoice_id else "",
    }


# The badge (events.badges), in the person's language, built inside the e-mail task.
BADGE_ATTACHMENT = "events.badges.badge_attachment"


def _mail_registration(
    registration: Registration, template: str, *, badge: bool = False, **extra: object
) -> None:
    """The person's e-mail and, when a delegate registered them, a copy for the delegate in
    the delegate's language; with `badge`, both carry the registration's badge (PDF, in the
    person's language)."""
    person = registration.person
    attachments: list[Attachment] = []
    if badge:
        extra = {**extra, "badge": True}
        attachments.append((BADGE_ATTACHMENT, [registration.pk]))
    context = {**_registration_context(registration, person.language), **extra}
    queue_email(
        to=person.email,
        template=template,
        context=context,
        language=person.language,
        attachments=attachments,
    )
    delegate = registrant_to_copy(registration)
    if delegate is not None:
        queue_email(
            to=delegate.email,
            template=template,
            context={
                **_registration_context(registration, delegate.language),
                **extra,
                "copy_for": context["name"],
            },
            language=delegate.language,
            attachments=attachments,
        )


def registrant_to_copy(registration: Registration | Companion) -> AbstractBaseUser | None:
    """Who registered someone else (a delegate) and gets a copy of their e-mails; None when
    the person registered themselves."""
    delegate = registration.registered_by
    person_id = (
        registration.person_id
        if isinstance(registration, Registration)
        else registration.registration.person_id
    )
    if delegate is None or delegate.pk == person_id or not delegate.email:
        return None
    return delegate


def invoice_copies(sender: object, invoice: Invoice, **kwargs: object) -> list[AbstractBaseUser]:
    """Receiver of `home.signals.invoice_copies`: the delegate who registered the person (or the
    companion) an invoice bills gets a copy of its invoice, receipts and credit notes."""
    if invoice.credited_invoice_id:
        invoice = invoice.credited_invoice
    item = (
        Registration.objects.filter(invoice=invoice).select_related("registered_by").first()
        or Companion.objects.filter(invoice=invoice)
        .select_related("registered_by", "registration")
        .first()
    )
    delegate = registrant_to_copy(item) if item is not None else None
    return [delegate] if delegate is not None else []


@transaction.atomic
def join_waiting_list(
    event: EventPage,
    person: AbstractBaseUser,
    *,
    by: AbstractBaseUser,
    option: EventOption,
    answers: Mapping[str, Any] | None,
) -> WaitingListEntry:
    event = event.source
    if not can_act_for(by, person):
        raise NotFound()
    if not event.registration_is_open():
        raise QuorumError(_("Registration for this event is closed."), code="closed")
    option = source_option(event, option)
    answers = _check_answers(event, answers or {}, sees_sensitive=by.pk == person.pk)
    _lock_seats(event)
    existing = WaitingListEntry.objects.filter(
        event=event, person=person, status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED]
    ).first()
    if existing:
        return existing
    if Registration.objects.filter(
        event=event, person=person, status=RegistrationStatus.CONFIRMED
    ).exists():
        raise QuorumError(
            _("This person is already registered to this event."), code="already_registered"
        )
    entry = WaitingListEntry.objects.create(
        event=event, person=person, added_by=by, option=option, answers=answers
    )
    record(entry, "events.waiting_list_joined", by=by)
    localized = event.localized_for(person.language)
    queue_email(
        to=person.email,
        template="events_waiting_list_joined",
        context={
            "name": str(person),
            "event": localized.title,
            "option": localized.option_in(option).label,
        },
        language=person.language,
    )
    return entry


@transaction.atomic
def offer_freed_seats(event: EventPage) -> list[WaitingListEntry]:
    """Expire stale offers, then offer every free seat to the next people waiting."""
    event = event.source
    _lock_seats(event)
    now = timezone.now()
    WaitingListEntry.objects.filter(
        event=event, status=WaitingStatus.OFFERED, offer_expires_at__lte=now
    ).update(status=WaitingStatus.EXPIRED)
    if event.capacity is None or event.is_past:
        return []
    free = event.capacity - seats_taken(event)
    offered = []
    for entry in WaitingListEntry.objects.filter(event=event, status=WaitingStatus.WAITING)[
        : max(free, 0)
    ]:
        entry.status = WaitingStatus.OFFERED
        entry.offer_token = secrets.token_urlsafe(32)
        entry.offer_expires_at = now + datetime.timedelta(hours=OFFER_HOURS)
        entry.save(update_fields=["status", "offer_token", "offer_expires_at"])
        record(entry, "events.seat_offered", by=None)
        person = entry.person
        localized = event.localized_for(person.language)
        queue_email(
            to=person.email,
            template="events_seat_offered",
            context={
                "name": str(person),
                "event": localized.title,
                "url": _offer_url(entry.offer_token, person.language),
                "expires": entry.offer_expires_at.isoformat(),
                "hours": OFFER_HOURS,
            },
            language=person.language,
        )
        offered.append(entry)
    return offered


def _offer_url(token: str, language: str) -> str:
    return url_in(language, "events:offer", token=token)


def _offer_entry(
    entries: QuerySet[WaitingListEntry], token: str, by: AbstractBaseUser
) -> WaitingListEntry:
    """The waiting-list entry an offer's link names, when `by` may act for its person (the
    person, or their delegate); NotFound otherwise, as for a link that names nothing."""
    entry = entries.select_related("event", "person").filter(offer_token=token).first()
    if entry is None or not can_act_for(by, entry.person):
        raise NotFound()
    return entry


def seat_offer(token: str, *, by: AbstractBaseUser) -> tuple[WaitingListEntry, Registration | None]:
    """The seat offer an e-mail's link opens, for its page: the entry, and the confirmed
    registration when the offer was already accepted (the link opened again, or the form sent
    twice), so the page leads to it. NotFound when the offer is not `by`'s to accept, or no
    longer stands (passed on to the next person, or accepted and since cancelled)."""
    entry = _offer_entry(WaitingListEntry.objects.all(), token, by)
    if entry.status == WaitingStatus.ACCEPTED:
        registration = Registration.objects.filter(
            event=entry.event, person=entry.person, status=RegistrationStatus.CONFIRMED
        ).first()
        if registration is not None:
            return entry, registration
    if entry.status != WaitingStatus.OFFERED:
        raise NotFound()
    return entry, None


@transaction.atomic
def accept_offer(token: str, *, by: AbstractBaseUser) -> Registration:
    entry = _offer_entry(
        WaitingListEntry.objects.select_for_update()
        .select_related("option")
        .filter(status=WaitingStatus.OFFERED),
        token,
        by,
    )
    if entry.offer_expires_at <= timezone.now():
        raise QuorumError(_("This offer has expired."), code="offer_expired")
    registration = register(
        entry.event, entry.person, by=by, option=entry.option, answers=entry.answers, _offer=entry
    )
    entry.status = WaitingStatus.ACCEPTED
    entry.save(update_fields=["status"])
    record(entry, "events.offer_accepted", by=by, data={"registration": registration.pk})
    return registration


def offer_all_freed_seats() -> int:
    """Periodic task: pass expired offers on, for every event with a waiting list."""
    keys = (
        WaitingListEntry.objects.filter(status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED])
        .values_list("event_id", flat=True)
        .distinct()
    )
    return sum(len(offer_freed_seats(event)) for event in EventPage.objects.filter(pk__in=keys))


# ---------------------------------------------------------------------------------------------
# Changes and companions


def modification_deadline(event: EventPage) -> datetime.datetime:
    return event.modification_deadline or event.start


def cancellation_deadline(event: EventPage) -> datetime.datetime:
    return event.cancellation_deadline or event.start


def has_started(event: EventPage, now: datetime.datetime | None = None) -> bool:
    """Once an event has started its registrations are neither changed nor cancelled, whatever
    deadlines staff set."""
    return (now or timezone.now()) >= event.start


def check_changeable(registration: Registration, now: datetime.datetime | None = None) -> None:
    """Refuses, saying why, once the registration's option, answers and companions can no
    longer change: cancelled, the event started, or past the modification deadline."""
    now = now or timezone.now()
    if not registration.is_confirmed:
        raise QuorumError(_("This registration is cancelled."), code="cancelled")
    if has_started(registration.event, now):
        raise QuorumError(
            _("This event has already started: its registrations can no longer be changed."),
            code="event_started",
        )
    if now > modification_deadline(registration.event):
        raise QuorumError(
            _("The modification deadline for this event has passed."), code="deadline_passed"
        )


def check_cancellable(registration: Registration, now: datetime.datetime | None = None) -> None:
    """Refuses, saying why, once a cancellation can no longer be asked for at all: already
    cancelled, or the event started (past the cancellation deadline, the cancellation page
    still says whom to contact; `request_cancellation` refuses it)."""
    if not registration.is_confirmed:
        raise QuorumError(_("This registration is already cancelled."), code="cancelled")
    if has_started(registration.event, now):
        raise QuorumError(
            _("This event has already started: its registrations can no longer be cancelled."),
            code="event_started",
        )


def _allows(
    check: Callable[..., None], registration: Registration, now: datetime.datetime | None
) -> bool:
    try:
        check(registration, now)
    except QuorumError:
        return False
    return True


def can_change(registration: Registration, now: datetime.datetime | None = None) -> bool:
    """Whether to offer changing the registration (its option, answers, companions): what
    `check_changeable` allows."""
    return _allows(check_changeable, registration, now)


def offers_cancellation(registration: Registration, now: datetime.datetime | None = None) -> bool:
    """Whether to offer asking for a cancellation: what `check_cancellable` allows (after the
    deadline the page still explains whom to contact)."""
    return _allows(check_cancellable, registration, now)


@transaction.atomic
def change_registration(
    registration: Registration,
    *,
    by: AbstractBaseUser,
    option: EventOption,
    answers: Mapping[str, Any] | None,
) -> Registration:
    """Change the option and answers until the modification deadline. A change of price
    credits the old invoice and issues a new one; what was paid on the old one is refunded
    (by Stripe for a card, by staff otherwise), as when a cancellation is approved."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    event = registration.event
    if not can_act_for(by, registration.person):
        raise NotFound()
    check_changeable(registration)
    option = source_option(event, option)
    if option.is_companion:
        raise QuorumError(
            _("This option is for companions of a registered participant."), code="companion"
        )
    registration.answers = _check_answers(
        event,
        answers or {},
        sees_sensitive=by.pk == registration.person_id,
        previous=registration.answers,
    )
    person = registration.person
    old_price = price_for(registration.option, person)
    new_price = price_for(option, person)
    price_changed = old_price != new_price or registration.option.taxable != option.taxable
    registration.option = option
    if price_changed:
        if registration.invoice_id:
            _credit(
                registration.invoice,
                reason=_("Registration changed: new option"),
                by=by,
                refund=True,
            )
        localized = event.localized_for(person.language)
        # A promo code used at registration keeps applying to the new invoice when it is
        # valid for the new option (the same registration: not a new use of the code).
        previous = registration.promo_code_uses.select_related("code").first()
        promo = (
            previous.code
            if previous is not None and previous.code.option_id in (None, option.pk)
            else None
        )
        registration.invoice = _invoice_for(
            localized, localized.option_in(option), person, by=by, promo=promo
        )
        if promo is not None:
            PromoCodeUse.objects.create(
                code=promo, registration=registration, invoice=registration.invoice, by=by
            )
    registration.save()
    record(
        registration,
        "events.registration_changed",
        by=by,
        data={"option": option.pk, "price_changed": price_changed},
    )
    _mail_registration(registration, "events_registration_changed", badge=True)
    return registration


def _credit(invoice: Invoice, *, reason: str, by: AbstractBaseUser, refund: bool = False) -> bool:
    """Cancel a registration's or companion's invoice by a credit note (True when one was
    issued). One with nothing left to credit needs none: already cancelled, or of 0,00 $ (a
    free option, a 100 % promo code), which a credit note cannot credit and nobody paid."""
    if invoice.status == Status.CANCELLED or invoice.total - invoice.credited_total <= 0:
        return False
    issue_credit_note(invoice, reason=reason, by=by, refund=refund)
    return True


def companion_options(event: EventPage) -> list[EventOption]:
    return [o for o in event.options.all() if o.is_companion]


@transaction.atomic
def add_companion(
    registration: Registration,
    *,
    by: AbstractBaseUser,
    name: str,
    dietary_needs: str = "",
    option: EventOption | None = None,
) -> Companion:
    """A companion to the gala evening, after the participant; their own card-only invoice."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    event = registration.event
    if not can_act_for(by, registration.person):
        raise NotFound()
    check_changeable(registration)
    same = registration.companions.filter(
        status=RegistrationStatus.CONFIRMED, name__iexact=name.strip()
    ).first()
    if same is not None:
        # The form sent twice (a double click, the back button): one companion, one invoice.
        raise QuorumError(
            _("A companion named %(name)s is already registered.") % {"name": same.name},
            code="companion_exists",
        )
    options = companion_options(event)
    option = source_option(event, option) if option is not None else next(iter(options), None)
    if option is None or not option.is_companion:
        raise QuorumError(_("This event has no companion option."), code="no_companion_option")
    person = registration.person
    localized = event.localized_for(person.language)
    label = localized.option_in(option).label
    invoice = issue_invoice(
        lines=[
            LineSpec(
                f"{localized.title} — {label} — {name}"[:255],
                price_for(option, person),
                1,
                option.taxable,
            )
        ],
        customer=person,
        by=by,
        language=person.language,
        card_only=True,
    )
    companion = Companion.objects.create(
        registration=registration,
        name=name,
        dietary_needs=dietary_needs,
        option=option,
        invoice=invoice,
        registered_by=by,
    )
    record(registration, "events.companion_added", by=by, data={"companion": companion.pk})
    return companion


# ---------------------------------------------------------------------------------------------
# Cancellation


@transaction.atomic
def request_cancellation(
    registration: Registration, *, by: AbstractBaseUser, reason: str
) -> CancellationRequest:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not can_act_for(by, registration.person):
        raise NotFound()
    check_cancellable(registration)
    if timezone.now() > cancellation_deadline(registration.event):
        raise QuorumError(
            _("The cancellation deadline for this event has passed."), code="deadline_passed"
        )
    if not (reason or "").strip():
        raise QuorumError(_("Please give the reason for the cancellation."), code="no_reason")
    if registration.cancellation_requests.filter(status=CancellationStatus.PENDING).exists():
        raise QuorumError(
            _("A cancellation request is already waiting for approval."), code="already_requested"
        )
    request = CancellationRequest.objects.create(
        registration=registration, reason=reason.strip(), requested_by=by
    )
    record(request, "events.cancellation_requested", by=by)
    _mail_registration(registration, "events_cancellation_requested")
    person = registration.person
    staff_language = settings.LANGUAGE_CODE[:2]
    context = _registration_context(registration, staff_language)
    queue_staff_alert(
        template="events_staff_cancellation_requested",
        context={
            **context,
            "reason": request.reason,
            "requested_by": "" if by.pk == person.pk else str(by),
            "queue_url": absolute_url(reverse("event_cancellations:index")),
        },
    )
    return request


def _check_staff(by: AbstractBaseUser, codename: str) -> None:
    if not by.has_perm(f"events.{codename}"):
        raise QuorumError(_("You are not allowed to do this."), code="forbidden")


@transaction.atomic
def approve_cancellation(request: CancellationRequest, *, by: AbstractBaseUser) -> Registration:
    """Cancel the registration and its companions, credit their invoices and offer the freed
    seat to the waiting list."""
    _check_staff(by, "decide_cancellation")
    request = CancellationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != CancellationStatus.PENDING:
        raise QuorumError(_("This request was already decided."), code="already_decided")
    registration = Registration.objects.select_for_update().get(pk=request.registration_id)
    event = registration.event
    _lock_seats(event)
    reason = _("Cancellation approved")
    documents = [registration] + list(
        registration.companions.filter(status=RegistrationStatus.CONFIRMED)
    )
    credited = False
    for item in documents:
        if item.invoice_id:
            # A card payment is refunded through Stripe; any other is left for staff to refund.
            credited |= _credit(item.invoice, reason=reason, by=by, refund=True)
        item.status = RegistrationStatus.CANCELLED
        item.save(update_fields=["status"])
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    request.mark_decided(CancellationStatus.APPROVED, by=by)
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record(request, "events.cancellation_approved", by=by)
    record(registration, "events.registration_cancelled", by=by, data={"request": request.pk})
    _mail_registration(registration, "events_cancellation_approved", credited=credited)
    transaction.on_commit(lambda: offer_freed_seats(event))
    return registration


@transaction.atomic
def reject_cancellation(
    request: CancellationRequest, *, by: AbstractBaseUser
) -> CancellationRequest:
    _check_staff(by, "decide_cancellation")
    request = CancellationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != CancellationStatus.PENDING:
        raise QuorumError(_("This request was already decided."), code="already_decided")
    request.mark_decided(CancellationStatus.REJECTED, by=by)
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record(request, "events.cancellation_rejected", by=by)
    return request


# ---------------------------------------------------------------------------------------------
# Attendance


def attendance_opens_on(event: EventPage) -> datetime.date:
    """The first day attendance can be recorded for `event`: the day it starts, in the site's
    time zone."""
    return timezone.localtime(event.source.start).date()


def attendance_refusal(event: EventPage, today: datetime.date | None = None) -> QuorumError | None:
    """Why attendance cannot be recorded for `event` yet, or None. Attendance (present or
    absent, on the list or at the door, and undoing a check-in) is recorded from the day the
    event starts: before, a wrong tick or a mis-scanned badge would grant a training's credits
    and attestation to someone who has not attended it."""
    opens_on = attendance_opens_on(event)
    if (today or timezone.localdate()) >= opens_on:
        return None
    return QuorumError(
        _("Attendance can be recorded from the day the event starts (%(date)s).")
        % {"date": format_long_date(opens_on)},
        code="event_not_started",
    )


def _check_attendance_open(event: EventPage) -> None:
    error = attendance_refusal(event)
    if error is not None:
        raise error


@transaction.atomic
def record_attendance(
    event: EventPage,
    *,
    by: AbstractBaseUser | None,
    attended: Iterable[int | str],
    shown: Iterable[int | str] | None = None,
) -> int:
    """Record whether people attended the event (`attended`: the registration ids that did).
    `shown`: the registrations the form listed (one page, a search's results, the ticked ones
    to mark present): only those are recorded, the others keep what they had. Without it,
    every confirmed registration of the event is recorded. Returns how many were recorded.
    An attendance the form leaves as it was keeps who recorded it and when (no new entry in
    the history).
    Refuses before the day the event starts ("event_not_started": attendance_refusal)."""
    _check_staff(by, "record_attendance")
    event = event.source
    _check_attendance_open(event)
    attended = {int(pk) for pk in attended}
    now = timezone.now()
    registrations = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    if shown is not None:
        registrations = registrations.filter(pk__in={int(pk) for pk in shown})
    count = 0
    for registration in registrations.select_related("person", "attendance"):
        present = registration.pk in attended
        count += 1
        current = getattr(registration, "attendance", None)
        if current is not None and current.attended == present:
            continue  # unchanged: who recorded it (at the door, on the list) and when stay
        Attendance.objects.update_or_create(
            registration=registration,
            defaults={"attended": present, "recorded_by": by, "recorded_at": now},
        )
        record(registration, "events.attendance_recorded", by=by, data={"attended": present})
        if present:
            announce_attendance(registration.person, event, by=by)
    return count


def announce_attendance(person: AbstractBaseUser, event: EventPage, *, by: object) -> None:
    """An attended training that carries credits earns them (and its attestation): sent as
    `home.signals.training_attended`, which the membership app receives."""
    if event.kind != EventKind.TRAINING or event.credits <= 0:
        return
    english = event.localized_for("en")  # itself when no translation exists
    training_attended.send(
        sender=EventPage,
        person=person,
        source_key=str(event.translation_key),
        earned_on=timezone.localtime(event.end).date(),
        credits=event.credits,
        label_fr=event.title,
        label_en=english.title,
        by=by,
    )


# ---------------------------------------------------------------------------------------------
# Page state


def registration_state(page: EventPage, user: User) -> dict[str, Any]:
    """What the event page shows about registering: for templates."""
    event = page.source
    state = {
        "registration_open": event.registration_is_open(),
        "seats_left": seats_left(event),
        "my_registration": None,
        "my_waiting_entry": None,
        "is_delegate": False,
        "registered_documents": [],
    }
    if user.is_authenticated:
        state["my_registration"] = Registration.objects.filter(
            event=event, person=user, status=RegistrationStatus.CONFIRMED
        ).first()
        state["my_waiting_entry"] = WaitingListEntry.objects.filter(
            event=event, person=user, status__in=[WaitingStatus.WAITING, WaitingStatus.OFFERED]
        ).first()
        state["is_delegate"] = is_delegate(user)
        if state["my_registration"]:
            state["registered_documents"] = event_documents(event)
    return state


def contact_details() -> AssociationSettings:
    return site_setting(AssociationSettings)
