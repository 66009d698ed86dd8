"""The delegate's dashboard: for each upcoming event, everyone of the delegate's organizations
registered there, with what each one owes (their registration's invoice and their companions'),
and the total due per event. A fixed number of queries whatever the number of registrations."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch
from django.utils import timezone

from home.errors import NotFound
from home.ordering import name_order
from invoices.models import Invoice, Payment, Refund
from members.services import colleagues_for_delegate, is_delegate

from .models import Companion, EventPage, Registration

ZERO = Decimal("0.00")


def _invoice_money(prefix: str) -> list[Prefetch]:
    """What an invoice's balance needs, and nothing more: payment amounts, credit note totals
    and their refunds. A busy delegate's dashboard reads hundreds of invoices."""
    return [
        Prefetch(f"{prefix}payments", queryset=Payment.objects.only("invoice_id", "amount")),
        Prefetch(
            f"{prefix}credit_notes",
            queryset=Invoice.objects.only("credited_invoice_id", "series", "total"),
        ),
        Prefetch(
            f"{prefix}credit_notes__refunds",
            queryset=Refund.objects.only("credit_note_id", "amount", "status"),
        ),
    ]


# The invoice columns the dashboard shows or needs for the balance.
_INVOICE_FIELDS = ("number", "series", "total")


@dataclass
class EventDues:
    event: object  # the EventPage in the reader's language (set by the view)
    registrations: list[Registration] = field(default_factory=list)

    @property
    def total_due(self) -> Decimal:
        return sum((r.amount_due for r in self.registrations), ZERO)


def _due(invoice) -> Decimal:
    if invoice is None:
        return ZERO
    return max(invoice.balance_due, ZERO)


def delegate_dashboard(delegate: AbstractBaseUser) -> list[EventDues]:
    """The upcoming events where people of the delegate's organizations are registered, in
    date order. Each registration gets `invoices` (its own and its companions') and
    `amount_due`. Raises NotFound for someone who is not a delegate."""
    if not is_delegate(delegate):
        raise NotFound
    companions = (
        Companion.objects.select_related("invoice")
        .only("registration_id", *(f"invoice__{name}" for name in _INVOICE_FIELDS))
        .prefetch_related(*_invoice_money("invoice__"))
    )
    registrations = (
        Registration.objects.filter(
            person__in=colleagues_for_delegate(delegate).values("pk"),
            event__end__gte=timezone.now(),
        )
        .select_related("person", "option", "invoice")
        .only(
            "status",
            "event_id",
            "person__first_name",
            "person__last_name",
            "person__username",
            "person__directory_search",
            "option__label",
            "option__translation_key",
            *(f"invoice__{name}" for name in _INVOICE_FIELDS),
        )
        .prefetch_related(
            *_invoice_money("invoice__"),
            # A list attribute: a Prefetch into the manager clones its query set per row.
            Prefetch("companions", queryset=companions, to_attr="companion_list"),
        )
        .order_by("event__start", "event__pk", *name_order("person__"), "pk")
    )
    registrations = list(registrations)
    # Each event read once, not joined to each row (an event page is the costliest object to
    # build); only what the dashboard needs of it.
    events = EventPage.objects.only("title", "translation_key", "start", "live").in_bulk(
        {r.event_id for r in registrations}
    )
    by_event: dict[int, EventDues] = {}
    for registration in registrations:
        registration.event = events[registration.event_id]
        invoices = [registration.invoice] if registration.invoice else []
        invoices += [c.invoice for c in registration.companion_list if c.invoice]
        registration.invoices = invoices
        registration.amount_due = sum((_due(invoice) for invoice in invoices), ZERO)
        dues = by_event.setdefault(registration.event_id, EventDues(event=registration.event))
        dues.registrations.append(registration)
    return list(by_event.values())
