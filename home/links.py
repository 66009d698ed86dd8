"""Absolute links and the current language: one home for each."""

from urllib.parse import urljoin

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """The absolute URL of `path` (a path or an already absolute URL). With a request, on the host
    the request came to; otherwise on the site's public base URL (`settings.PUBLIC_BASE_URL`)."""
    if path.startswith(("http://", "https://")):
        return path
    if request is not None:
        return request.build_absolute_uri(path)
    return urljoin(public_base_url() + "/", path.lstrip("/"))


def url_in(language: str, name: str, *args: object, **kwargs: object) -> str:
    """The absolute URL of the route `name` with its language prefix for `language`: links in
    e-mails and reminders go to the recipient's language, whatever the request's."""
    from django.urls import reverse

    with translation.override(language):
        return absolute_url(reverse(name, args=args or None, kwargs=kwargs or None))


def public_base_url() -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/")


def current_language() -> str:
    """The active language's code among `settings.LANGUAGES` ("fr" or "en"), the default
    otherwise."""
    codes = language_codes()
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in codes else settings.LANGUAGE_CODE[:2]


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def locale_id(language_code: str) -> int | None:
    """The primary key of the Wagtail locale for `language_code`, without a query once known
    (a shared part, kept until a locale changes: home/page_cache.py)."""
    from wagtail.models import Locale

    from .page_cache import shared

    def find() -> int | None:
        return (
            Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()
        )

    return shared(f"locale-id:{language_code}", find)
