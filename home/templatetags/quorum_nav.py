from django import template
from django.utils.translation import get_language

from wagtail.models import Locale, Page

from home.page_cache import shared

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The home page's children shown in menus, in the current language (kept until the next
    publication: home/page_cache.py)."""
    request = context.get("request")

    def build():
        pages = (
            Page.objects.live()
            .public()
            .in_menu()
            .filter(depth=3, locale=Locale.get_active())
            .select_related("locale")
            .order_by("path")
        )
        return [{"url": page.get_url(request), "title": page.title} for page in pages]

    host = request.get_host() if request is not None else ""
    return shared(f"menu:{host}:{get_language()}", build, request)
