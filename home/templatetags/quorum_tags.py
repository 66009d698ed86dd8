from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Page

from home.models import FooterText

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each language: its code, its name, the URL of this same page in that language and
    whether it is the current one. A Wagtail page links to its translation (or, where none
    exists yet, to that language's home page); any other view to its own translated URL."""
    request = context.get("request")
    page = context.get("page") or context.get("self")
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page):
            translation = page.get_translation_or_none(_locale(code))
            live = translation is not None and translation.live
            url = translation.get_url(request) if live else f"/{code}/"
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=code).first()


@register.simple_tag(takes_context=True)
def absolute(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.inclusion_tag("components/footer_text.html", takes_context=True)
def footer_text(context):
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    footer = FooterText.objects.filter(locale__language_code=language).first()
    return {"footer": footer, "request": context.get("request")}
