"""What the home page features besides its own text: the next events and trainings, pages the
editors picked, the latest guide pages and, for a signed-in person, their own next registration
and what they owe.

`home` sits below the apps that know these things, so it declares two Wagtail hooks and the
shapes it expects back, and the higher apps register the providers:

- "quorum_home_upcoming": `provider(request, *, count, kinds) -> list[EventCard]`, the next
  `count` live events of the active language, `kinds` one of HomePage.UpcomingKinds
  (events/wagtail_hooks.py). It must run a constant number of queries whatever `count` is.
- "quorum_home_personal": `provider(request) -> PersonalPanel | None`, called only for a
  signed-in person (events/wagtail_hooks.py: the next registration; invoices/wagtail_hooks.py:
  what they owe). Pages with this part are never cached: a signed-in person has a session
  cookie and their response is private (home/page_cache.py).

The latest guide pages are found by content type, as home/blocks.py finds the events index.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks, hooks
from wagtail.models import Locale, Page

UPCOMING_HOOK = "quorum_home_upcoming"
PERSONAL_HOOK = "quorum_home_personal"
GUIDE_PAGE_TYPE = ("guide", "guidepage")


@dataclass(frozen=True)
class EventCard:
    """One upcoming event or training, as the home page shows it."""

    title: str
    url: str
    start: datetime.datetime
    end: datetime.datetime
    kind: str  # the kind's label in the active language
    place: str = ""
    seats_left: int | None = None  # None: no limit
    price_from: Decimal | None = None  # the lowest price today, before taxes
    image: Any = None  # a wagtailimages Image, or None
    image_alt: str = ""


@dataclass(frozen=True)
class PersonalPanel:
    """One box of the signed-in person's part of the home page."""

    heading: str
    lines: tuple[str, ...]
    url: str = ""
    link_label: str = ""
    order: int = 0


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))
    text = blocks.CharBlock(
        label=_("text"),
        required=False,
        max_length=300,
        help_text=_("A sentence under the title; the page's search description when empty."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Featured page")


class FeaturedStreamBlock(blocks.StreamBlock):
    page = FeaturedPageBlock()

    class Meta:
        max_num = 6


def upcoming_cards(request, *, count: int, kinds: str) -> list[EventCard]:
    if count <= 0:
        return []
    cards: list[EventCard] = []
    for provider in hooks.get_hooks(UPCOMING_HOOK):
        cards.extend(provider(request, count=count, kinds=kinds))
    return sorted(cards, key=lambda card: card.start)[:count]


def personal_panels(request) -> list[PersonalPanel]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    panels = [panel for panel in (p(request) for p in hooks.get_hooks(PERSONAL_HOOK)) if panel]
    return sorted(panels, key=lambda panel: panel.order)


def featured_pages(stream, request) -> list[dict]:
    """The editor's picks, each in the active language when translated, live ones only."""
    items = []
    for block in stream:
        page = block.value["page"]
        if page is None:
            continue
        page = page.localized
        if not page.live:
            continue
        items.append(
            {
                "title": page.title,
                "url": page.get_url(request),
                "text": block.value["text"] or page.search_description,
            }
        )
    return items


def latest_guides(request, count: int) -> list[dict]:
    """The `count` guide pages published last in the active language (kept until the next
    publication, home/page_cache.py)."""
    if count <= 0:
        return []
    from .page_cache import shared

    def build():
        app_label, model = GUIDE_PAGE_TYPE
        pages = (
            Page.objects.live()
            .public()
            .filter(
                content_type__app_label=app_label,
                content_type__model=model,
                locale=Locale.get_active(),
            )
            .order_by("-first_published_at", "-pk")[:count]
        )
        return [
            {"title": page.title, "url": page.get_url(request), "text": page.search_description}
            for page in pages
        ]

    name = f"home-latest-guides:{get_language()}:{request.get_host()}:{count}"
    return shared(name, build, request)
