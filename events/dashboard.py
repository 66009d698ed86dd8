"""The events' figures on the staff dashboard: the cancellation requests waiting for a decision,
and each upcoming event's seats (confirmed registrations and seats held by waiting-list offers,
as `services.seats_taken` counts them) against its capacity, with its waiting list. One
aggregate query each, whatever the number of events or registrations."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Locale

from home.dashboard import DashboardPanel, DecisionRow, add_decisions

from .models import (
    CancellationRequest,
    CancellationStatus,
    EventPage,
    RegistrationStatus,
    WaitingListEntry,
    WaitingStatus,
)
from .services import count_per_event, with_seats_taken
from .translations import title_in

CANCELLATIONS_PERMISSION = "events.decide_cancellation"
# The registrations listing's own permission (ReadOnlyPolicy on Registration).
REGISTRATIONS_PERMISSION = "events.view_registration"


def pending_cancellations() -> int:
    return CancellationRequest.objects.filter(status=CancellationStatus.PENDING).count()


@dataclass(frozen=True)
class EventSeatsFigures:
    event_id: int
    title: str
    start: datetime.datetime
    capacity: int | None
    confirmed: int
    held: int
    waiting: int

    @property
    def taken(self) -> int:
        return self.confirmed + self.held

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    @property
    def percent(self) -> int:
        """Seats taken as a share of the capacity (0 to 100), for the bar."""
        if not self.capacity:
            return 0
        return min(100, round(self.taken * 100 / self.capacity))


def upcoming_events(
    *, limit: int = 10, now: datetime.datetime | None = None
) -> list[EventSeatsFigures]:
    """The next `limit` events that have not ended (the source-language pages registrations
    are stored against), each with its seats and waiting list, titled in the active language."""
    now = now or timezone.now()
    events = (
        with_seats_taken(EventPage.objects.filter(locale=Locale.get_default(), end__gte=now), now)
        .order_by("start", "pk")
        .annotate(
            waiting=count_per_event(
                WaitingListEntry.objects.filter(event=OuterRef("pk"), status=WaitingStatus.WAITING)
            )
        )
        .annotate(shown_title=title_in())
        .values("pk", "shown_title", "start", "capacity", "confirmed", "held", "waiting")[:limit]
    )
    return [
        EventSeatsFigures(
            event_id=row["pk"],
            title=row["shown_title"],
            start=row["start"],
            capacity=row["capacity"],
            confirmed=row["confirmed"],
            held=row["held"],
            waiting=row["waiting"],
        )
        for row in events
    ]


# --- Panels ------------------------------------------------------------------------------------


def cancellation_rows() -> list[DecisionRow]:
    return [
        DecisionRow(
            label=_("Cancellation requests"),
            count=pending_cancellations(),
            url=reverse("event_cancellations:index"),
        )
    ]


class UpcomingEventsPanel(DashboardPanel):
    """Each upcoming event's registrations against its capacity, and its waiting list."""

    order = 60
    template_name = "events/admin/dashboard_events.html"

    def get_context_data(self, parent_context=None):
        index = reverse("event_registrations:index")
        events = upcoming_events()
        return {
            "events": [
                (
                    event,
                    f"{index}?"
                    + urlencode({"event": event.event_id, "status": RegistrationStatus.CONFIRMED}),
                )
                for event in events
            ],
            "registrations_url": index,
        }


def add_panels(request, panels: list) -> None:
    user = request.user
    if user.has_perm(CANCELLATIONS_PERMISSION):
        add_decisions(panels, cancellation_rows)
    if user.has_perm(REGISTRATIONS_PERMISSION):
        panels.append(UpcomingEventsPanel())
