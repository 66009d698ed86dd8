"""What events give the home page (home/home_sections.py; registered in events/wagtail_hooks.py):
the cards of the next events and trainings, and a signed-in person's next registration.

The cards take a constant number of queries whatever their number: the pages (with their
image), their options, their images' renditions, and one count of the seats taken per event."""

from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.images import get_image_model
from wagtail.models import Locale

from home.formatting import format_date_range
from home.home_sections import EventCard, PersonalPanel

from .models import (
    EventKind,
    EventOption,
    EventPage,
    Registration,
    RegistrationStatus,
)
from .services import with_seats_taken

KINDS = {
    "trainings": Q(kind=EventKind.TRAINING),
    "events": ~Q(kind=EventKind.TRAINING),
}


def _seats_taken(keys, now) -> dict:
    """{translation key: (capacity, seats taken)} of the source (French) pages of these events."""
    rows = with_seats_taken(
        EventPage.objects.filter(
            translation_key__in=keys, locale__language_code=settings.LANGUAGE_CODE
        ),
        now,
    ).values_list("translation_key", "capacity", "confirmed", "held")
    return {key: (capacity, confirmed + held) for key, capacity, confirmed, held in rows}


def _price_from(options, day):
    """The lowest price of the event today (member or early-bird), companions aside."""
    prices = [
        min(option.price_for_status(True, day), option.price_for_status(False, day))
        for option in options
        if not option.is_companion
    ]
    return min(prices, default=None)


def upcoming_cards(request, *, count, kinds):
    now = timezone.now()
    renditions = get_image_model().get_rendition_model().objects.all()
    events = (
        EventPage.objects.live()
        .public()
        .filter(locale=Locale.get_active(), end__gte=now)
        .filter(KINDS.get(kinds, Q()))
        .select_related("image")
        .prefetch_related(
            Prefetch("options", queryset=EventOption.objects.order_by("sort_order")),
            Prefetch("image__renditions", queryset=renditions),
        )
        .order_by("start", "pk")[:count]
    )
    events = list(events)
    seats = _seats_taken([event.translation_key for event in events], now) if events else {}
    today = timezone.localdate()
    cards = []
    for event in events:
        capacity, taken = seats.get(event.translation_key, (event.capacity, 0))
        cards.append(
            EventCard(
                title=event.title,
                url=event.get_url(request),
                start=event.start,
                end=event.end,
                kind=str(event.get_kind_display()),
                place=event.place,
                seats_left=None if capacity is None else max(capacity - taken, 0),
                price_from=_price_from(event.options.all(), today),
                image=event.image,
                image_alt=event.image_alt,
            )
        )
    return cards


def next_registration(request):
    """The signed-in person's next confirmed registration (ongoing or to come)."""
    registration = (
        Registration.objects.filter(
            person=request.user,
            status=RegistrationStatus.CONFIRMED,
            event__end__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__start", "pk")
        .first()
    )
    if registration is None:
        return PersonalPanel(
            heading=_("Your next registration"),
            lines=(_("You are not registered to any upcoming event or training."),),
            url=reverse("events:my_events"),
            link_label=_("See your events"),
            order=10,
        )
    event = registration.event.localized_for(request.LANGUAGE_CODE)
    return PersonalPanel(
        heading=_("Your next registration"),
        lines=(event.title, format_date_range(event.start, event.end)),
        url=reverse("events:registration", args=[registration.pk]),
        link_label=_("See your registration"),
        order=10,
    )
