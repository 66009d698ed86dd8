"""Registrations (and companions, promo codes, cancellation requests) are stored against the
French (source) event page and its options. Every screen shows an event's title and its
options' labels in the reader's language, from the page's translation when there is one, the
French ones otherwise; options are matched across languages by their translation key.

Two ways, each in a fixed number of queries whatever the rows:
- `with_pages` for the rows of one screen page (a list): the translations of their events
  read in one query, their options in one more;
- `title_in` and `option_label_in`, annotations for a query set that is streamed (the staff
  listing and its CSV/XLSX export), read in the rows' own query.
"""

from collections.abc import Iterable

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from home.links import current_language

from .models import EventOption, EventPage


class TranslatedEvents:
    """The active language's pages of some source events, read at once (with their options):
    `page(event)` and `option_label(option)` in that language, or the source's."""

    def __init__(self, events: Iterable[EventPage]) -> None:
        keys = {event.translation_key for event in events}
        self.pages = {}
        if keys:
            self.pages = {
                page.translation_key: page
                for page in EventPage.objects.filter(
                    translation_key__in=keys, locale__language_code=current_language()
                )
                .select_related("program")
                .prefetch_related("options")
            }
        # {source page id: {option translation key: option}}, each page's options read once.
        self._options: dict[int, dict] = {}

    def page(self, event: EventPage) -> EventPage:
        """`event`'s page in the active language, or `event` itself."""
        return self.pages.get(event.translation_key, event)

    def option_label(self, option: EventOption, event: EventPage) -> str:
        """The label of `option` (an option of the source page `event`) in the active
        language: its translation on the translated page, or its own."""
        page = self.pages.get(event.translation_key)
        if page is None or page.pk == event.pk:
            return option.label
        if page.pk not in self._options:
            self._options[page.pk] = {o.translation_key: o for o in page.options.all()}
        return self._options[page.pk].get(option.translation_key, option).label


def with_pages(registrations: list, events: TranslatedEvents | None = None) -> list:
    """Attach each registration's event page (`page`) and option label (`shown_option`) in
    the active language."""
    events = events or TranslatedEvents(r.event for r in registrations)
    for registration in registrations:
        registration.page = events.page(registration.event)
        registration.shown_option = events.option_label(registration.option, registration.event)
    return registrations


def title_in(language: str | None = None, *, event: str = "") -> Coalesce:
    """Annotation: the title of the event (the row itself, or the page at the path `event`,
    e.g. "event" or "registration__event") in `language` (the active one by default): its
    translation's, or the source page's."""
    prefix = f"{event}__" if event else ""
    translated = EventPage.objects.filter(
        translation_key=OuterRef(f"{prefix}translation_key"),
        locale__language_code=language or current_language(),
    ).values("title")[:1]
    return Coalesce(Subquery(translated), f"{prefix}title")


def option_label_in(language: str | None = None, *, option: str = "option") -> Coalesce:
    """Annotation: the label of the option (the row itself when `option` is empty, or the
    option at the path `option`) in `language` (the active one by default): the label of the
    option that translates it, or its own."""
    prefix = f"{option}__" if option else ""
    translated = EventOption.objects.filter(
        translation_key=OuterRef(f"{prefix}translation_key"),
        locale__language_code=language or current_language(),
    ).values("label")[:1]
    return Coalesce(Subquery(translated), f"{prefix}label")
