"""Whole-page caching of public Wagtail pages for anonymous visitors, and the shared page parts
(site settings, footer, menu) for everyone.

What is cached. A GET of a Wagtail page (home, guides, event index, event pages) by a visitor
with no session cookie and no pending message, answered 200 without touching the session, the
CSRF token or any cookie, with no query string and no view restriction on the page. The key is
the host, the active language and the path: French and English, and each site, are cached
apart. A signed-in person (who has a session cookie) is never served from this cache and never
fills it; their pages send `Cache-Control: private, no-store` (home/headers.py).

How it is purged. Every entry carries the site-wide *generation* it was rendered under and the
*stamp* of its page (one per translation key, shared by the French and English pages):
- publishing, unpublishing, moving, renaming or deleting a page (wagtail-localize's "Sync"
  publishes, so it is covered), and saving or deleting a snippet, a site setting, an image, a
  document, a site, a locale or a view restriction start a new generation: every page shows
  menus, footers or lists of other pages, so all of them are rendered again;
- `purge_page(translation_key)` changes one page's stamp (events call it when a registration
  or a waiting-list offer changes the seats left).
Both happen at once and again after the transaction commits, so that a request rendering during
the transaction cannot store the old state under the new generation. Entries also expire after
PAGE_CACHE_TIMEOUT seconds (default 300) or sooner when a page says so
(`page_cache_timeout()`), which bounds anything that changes with time alone (registration
closing, an event becoming past).

Shared parts: `shared(name, build, request)` keeps a value (the association settings, the
footer, the menu) until the next generation, in the shared cache and in the process's memory,
so that a page rendered for a signed-in member reads the generation once instead of querying
each part.
"""

import hashlib
import threading
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

GENERATION_KEY = "page-cache:generation"
STAMP_PREFIX = "page-cache:stamp:"
ENTRY_PREFIX = "page-cache:page:"
PART_PREFIX = "page-cache:part:"
HEADER = "X-Page-Cache"
KEPT_HEADERS = ("Content-Type", "Content-Language")

_local = threading.local()
_parts: dict[str, tuple[str, Any]] = {}
_parts_lock = threading.Lock()


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def default_timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_TIMEOUT", 300))


def _token() -> str:
    return uuid.uuid4().hex


# --- purging -------------------------------------------------------------------------------


def _new_generation() -> None:
    cache.set(GENERATION_KEY, _token(), None)


def _new_stamp(translation_key: str) -> None:
    cache.set(f"{STAMP_PREFIX}{translation_key}", _token(), None)


def purge_all() -> None:
    """Every cached page and shared part is rendered again on its next request."""
    _new_generation()
    transaction.on_commit(_new_generation)


def purge_page(translation_key: Any) -> None:
    """The pages (every language) with this translation key are rendered again."""
    key = str(translation_key)
    _new_stamp(key)
    transaction.on_commit(lambda: _new_stamp(key))


# --- generation and shared parts -----------------------------------------------------------


def generation(request: HttpRequest | None = None) -> str:
    """The current generation (read once per request)."""
    memo = getattr(request, "_page_cache_generation", None) if request is not None else None
    if memo is not None:
        return memo
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _token(), None)
        value = cache.get(GENERATION_KEY) or ""
    if request is not None:
        request._page_cache_generation = value
    return value


def shared(name: str, build: Callable[[], Any], request: HttpRequest | None = None) -> Any:
    """`build()`'s value, kept until the next purge. `name` must say everything the value
    depends on (language, site)."""
    if not enabled():
        return build()
    current = generation(request)
    with _parts_lock:
        memo = _parts.get(name)
    if memo is not None and memo[0] == current:
        return memo[1]
    key = PART_PREFIX + hashlib.sha256(name.encode()).hexdigest()
    stored = cache.get(key)
    if stored is not None and stored[0] == current:
        value = stored[1]
    else:
        value = build()
        cache.set(key, (current, value), default_timeout())
    with _parts_lock:
        if len(_parts) > 1000:
            _parts.clear()
        _parts[name] = (current, value)
    return value


# --- the page cache ------------------------------------------------------------------------


def _is_page_request(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.url_name == "wagtail_serve"


def _may_use_cache(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGES_COOKIE_NAME", "messages") not in request.COOKIES
        and _is_page_request(request)
    )


def entry_key(request: HttpRequest) -> str:
    raw = "|".join((request.get_host(), get_language() or "", request.path))
    return ENTRY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def note_page(page, request: HttpRequest) -> None:
    """Wagtail's `before_serve_page` hook: the page being served, and its stamp read before it
    renders."""
    state = getattr(request, "_page_cache", None)
    if state is None:
        return
    stamp_key = f"{STAMP_PREFIX}{page.translation_key}"
    stamp = cache.get(stamp_key)
    if stamp is None:
        cache.add(stamp_key, _token(), None)
        stamp = cache.get(stamp_key)
    state.update(page=page, stamp_key=stamp_key, stamp=stamp)


def _storable(request: HttpRequest, response: HttpResponse, state: dict) -> int:
    """Seconds to keep this response for, 0 when it must not be stored."""
    page = state.get("page")
    if page is None or stamp_missing(state):
        return 0
    if response.status_code != 200 or response.streaming or response.cookies:
        return 0
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get(
        "Cache-Control", ""
    ):
        return 0
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return 0  # the page holds a CSRF token: it belongs to this visitor only
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return 0
    messages = getattr(request, "_messages", None)
    if messages is not None and (messages._queued_messages or messages.used):
        return 0
    if page.get_view_restrictions().exists():
        return 0
    timeout = default_timeout()
    page_timeout = getattr(page, "page_cache_timeout", None)
    if callable(page_timeout):
        timeout = min(timeout, int(page_timeout()))
    return max(timeout, 0)


def stamp_missing(state: dict) -> bool:
    return state.get("stamp") is None


def _cached_response(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"].items():
        response[name] = value
    # As if rendered: the anonymous page is the one for visitors without a session cookie.
    patch_vary_headers(response, ("Cookie",))
    response[HEADER] = "hit"
    return response


def _remember_site(request: HttpRequest) -> None:
    """Wagtail looks the request's Site up in the database on every request; the answer per
    host and port is a shared part, kept until a site (or any page) changes."""
    from wagtail.models import Site

    try:
        host = request.get_host()  # only the hosts ALLOWED_HOSTS accepts
    except DisallowedHost:
        return
    try:
        request._wagtail_site = shared(
            f"site:{host}:{request.get_port()}", lambda: Site._find_for_request(request), request
        )
    except Exception:  # noqa: BLE001 - the cache is down: Wagtail looks the site up itself
        return


class PageCacheMiddleware:
    """Serves and stores the anonymous public pages (see the module's docstring). Placed after
    the session, authentication and message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if enabled():
            _remember_site(request)
        if not enabled() or not _may_use_cache(request):
            return self.get_response(request)
        key = entry_key(request)
        found = cache.get_many([key, GENERATION_KEY])
        current = found.get(GENERATION_KEY)
        if current is None:
            current = generation()
        request._page_cache_generation = current
        entry = found.get(key)
        if (
            entry is not None
            and entry["generation"] == current
            and cache.get(entry["stamp_key"]) == entry["stamp"]
        ):
            return _cached_response(entry)
        request._page_cache = state = {}
        response = self.get_response(request)
        timeout = _storable(request, response, state)
        if timeout:
            cache.set(
                key,
                {
                    "generation": current,
                    "stamp_key": state["stamp_key"],
                    "stamp": state["stamp"],
                    "content": response.content,
                    "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
                },
                timeout,
            )
            response[HEADER] = "miss"
        return response


# --- what purges ---------------------------------------------------------------------------


_purging: dict[type, bool] = {}


def _purging_model(sender) -> bool:
    if sender in _purging:
        return _purging[sender]
    _purging[sender] = result = _is_purging_model(sender)
    return result


def _is_purging_model(sender) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import (
        BaseViewRestriction,
        Collection,
        Locale,
        Site,
    )
    from wagtail.snippets.models import get_snippet_models

    if not isinstance(sender, type):
        return False
    bases = (
        BaseSiteSetting,
        BaseGenericSetting,
        AbstractImage,
        AbstractDocument,
        BaseViewRestriction,
        Collection,
        Locale,
        Site,
    )
    return issubclass(sender, bases) or sender in get_snippet_models()


def _on_page_change(sender=None, **kwargs) -> None:
    purge_all()


def connect() -> None:
    """Called from home's AppConfig.ready."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(_on_page_change, dispatch_uid=f"page_cache_{id(signal)}")
    post_save.connect(_on_saved, dispatch_uid="page_cache_post_save")
    post_delete.connect(_on_deleted, dispatch_uid="page_cache_post_delete")


def _on_saved(sender, created=False, **kwargs) -> None:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    if created and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return  # created on first read with its defaults: what the pages already showed
    if _purging_model(sender):
        purge_all()


def _on_deleted(sender, instance=None, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page) or _purging_model(sender):
        purge_all()
