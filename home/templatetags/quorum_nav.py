from django import template
from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The home page's children shown in menus, in the current language."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    request = context.get("request")
    pages = (
        Page.objects.live()
        .public()
        .in_menu()
        .filter(depth=3, locale__language_code=language)
        .order_by("path")
    )
    return [{"url": page.get_url(request), "title": page.title} for page in pages]
