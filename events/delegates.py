"""The delegate's dashboard: for each upcoming event, how many people of the delegate's
organizations are registered there and the total they owe (their registrations' invoices and
their companions'); below, the people themselves, a page at a time, each with what they owe.

The totals are added up by the database (invoices.balances) and only the page's rows are
loaded: the objects built and the queries run are the same for a delegate of 3 colleagues or of
3,000."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from home.errors import NotFound
from home.formatting import quantize
from home.ordering import name_order
from home.text import every_word, fold
from invoices.balances import amount_due
from invoices.models import Invoice
from members.services import colleagues_for_delegate, is_delegate

from .models import Companion, EventPage, Registration

ZERO = Decimal("0.00")
EVENT_FIELDS = ("title", "translation_key", "start", "live")


@dataclass
class EventDues:
    event: EventPage  # the source page; the view puts the reader's language's in `page`
    count: int
    total_due: Decimal


def upcoming_registrations(delegate: AbstractBaseUser) -> QuerySet[Registration]:
    """The registrations of the people of the delegate's organizations to events not over
    yet, by event date then name. Raises NotFound for someone who is not a delegate."""
    if not is_delegate(delegate):
        raise NotFound
    return Registration.objects.filter(
        person__in=colleagues_for_delegate(delegate).values("pk"),
        event__end__gte=timezone.now(),
    ).order_by("event__start", "event__pk", *name_order("person__"), "pk")


def dues_by_event(registrations: QuerySet[Registration]) -> list[EventDues]:
    """Per event of `registrations`, in date order: how many they are and what they owe, in
    three queries whatever their number."""
    per_event = (
        registrations.order_by()
        .values("event_id")
        .annotate(count=Count("pk"), due=Sum(amount_due("invoice")))
    )
    companions = dict(
        Companion.objects.filter(registration__in=registrations.values("pk"))
        .order_by()
        .values("registration__event_id")
        .annotate(due=Sum(amount_due("invoice")))
        .values_list("registration__event_id", "due")
    )
    rows = {row["event_id"]: row for row in per_event}
    # Only what the dashboard shows of an event (a page is the costliest object to build).
    events = EventPage.objects.only(*EVENT_FIELDS).in_bulk(rows)
    return [
        EventDues(
            event=event,
            count=rows[event.pk]["count"],
            # To the cent: SQLite adds decimals as floats.
            total_due=quantize(rows[event.pk]["due"] or ZERO)
            + quantize(companions.get(event.pk) or ZERO),
        )
        for event in sorted(events.values(), key=lambda event: (event.start, event.pk))
    ]


def matching(
    registrations: QuerySet[Registration],
    dues: Iterable[EventDues],
    *,
    event_id: int | None = None,
    name: str = "",
) -> tuple[QuerySet[Registration], int | None]:
    """The registrations to `event_id` (all events when None) of the people whose name holds
    every word of `name` (without regard to accents or case), and how many they are when the
    totals `dues` already counted them (no name searched), otherwise None."""
    if event_id is not None:
        registrations = registrations.filter(event_id=event_id)
    if fold(name):
        return registrations.filter(every_word("person__directory_search", name)), None
    return registrations, sum(d.count for d in dues if event_id in (None, d.event.pk))


def for_the_page(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """`registrations` with what a row of the dashboard shows: the person, the option, the
    invoice numbers (their own and their companions')."""
    return registrations.select_related("person", "option", "invoice").prefetch_related(
        # A list attribute: a Prefetch into the manager clones its query set per row.
        Prefetch(
            "companions",
            queryset=Companion.objects.select_related("invoice").only(
                "registration_id", "invoice__number"
            ),
            to_attr="companion_list",
        )
    )


def with_dues(registrations: Iterable[Registration], events: Iterable[EventPage]) -> list:
    """The rows of one page, each with its (source) `event`, its `invoices` and its
    `amount_due`, in one query for the balances."""
    registrations = list(registrations)
    events = {event.pk: event for event in events}
    # A registration to another event made since the totals were read.
    missing = {r.event_id for r in registrations} - events.keys()
    if missing:
        events.update(EventPage.objects.only(*EVENT_FIELDS).in_bulk(missing))
    for registration in registrations:
        registration.event = events[registration.event_id]
        invoices = [registration.invoice] if registration.invoice else []
        invoices += [c.invoice for c in registration.companion_list if c.invoice]
        registration.invoices = invoices
    due = dict(
        Invoice.objects.filter(pk__in={i.pk for r in registrations for i in r.invoices})
        .annotate(due=amount_due())
        .values_list("pk", "due")
    )
    for registration in registrations:
        registration.amount_due = sum((quantize(due[i.pk]) for i in registration.invoices), ZERO)
    return registrations
