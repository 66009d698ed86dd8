"""One way to read a site setting outside a request (services, e-mails, PDFs, tasks)."""

from typing import TypeVar

from django.http import HttpRequest

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Site

Setting = TypeVar("Setting", bound=BaseSiteSetting)


def default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).first()


def site_setting(setting_class: type[Setting], request: HttpRequest | None = None) -> Setting:
    """The setting for the request's site, or the default site's; an unsaved instance with the
    field defaults when there is no site yet."""
    if request is not None:
        return setting_class.for_request(request)
    site = default_site()
    return setting_class.for_site(site) if site else setting_class()
