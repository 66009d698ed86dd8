from django import forms, template
from django.conf import settings
from django.contrib import messages
from django.urls import translate_url
from django.utils.functional import LazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Page
from wagtail.templatetags.wagtailcore_tags import richtext

from home.links import absolute_url, current_language
from home.models import FooterText
from home.page_cache import shared

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """For each language: its code, its name, the URL of this same page in that language and
    whether it is the current one. A Wagtail page links to its translation (or, where none
    exists yet, to that language's home page); any other view to its own translated URL."""
    request = context.get("request")
    page = context.get("page") or context.get("self")
    current = current_language()
    memo_key = (page.pk if isinstance(page, Page) else None, current)
    memo = getattr(request, "_language_links", None)
    if memo is not None and memo[0] == memo_key:
        return memo[1]  # the header and the hreflang links ask for the same list
    translations = {}
    if isinstance(page, Page):
        # Every live translation, with its locale, in one query.
        translations = {
            t.locale.language_code: t
            for t in Page.objects.filter(translation_key=page.translation_key)
            .live()
            .select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page):
            translation = translations.get(code)
            url = translation.get_url(request) if translation is not None else f"/{code}/"
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    if request is not None:
        request._language_links = (memo_key, links)
    return links


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """`url` made absolute on the host the request came to (the public base URL without one)."""
    return absolute_url(url, context.get("request"))


@register.inclusion_tag("components/footer_text.html", takes_context=True)
def footer_text(context):
    """The footer text in the current language, rendered once per publication."""
    request = context.get("request")

    def build():
        footer = FooterText.objects.filter(locale__language_code=get_language()).first()
        return str(richtext(footer.body)) if footer else ""

    return {"footer_html": mark_safe(shared(f"footer:{get_language()}", build, request))}  # noqa: S308 - rendered rich text


@register.simple_tag(takes_context=True)
def page_url(context, parameter, number):
    """The current address with page `parameter` set to `number`, every other filter kept."""
    query = context["request"].GET.copy()
    query[parameter] = number
    return f"?{query.urlencode()}"


@register.filter
def plural_count(value):
    """The whole number that picks the plural form of an amount such as credits (gettext's
    plural rules take integers): the amount itself when whole; a fractional one is plural in
    English (1.5 credits) and, in French, singular below two (1,5 crédit)."""
    if value is None or value == "":
        return 0
    whole = int(value)
    if whole == value or get_language().startswith("fr"):
        return whole
    return 2


def _has_errors(value) -> bool:
    if isinstance(value, forms.BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, forms.BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
    return False


@register.simple_tag(takes_context=True)
def shows_errors(context):
    """Whether the page shows an error, for its title to begin with "Error:" (the first thing a
    screen reader reads of a page sent back with errors): a form of the page with errors, also
    one of the forms a list shows (each row's form: `[(function, end_form), ...]`), or an error
    message."""
    for value in context.flatten().values():
        if isinstance(value, LazyObject):
            # The CSRF token, the user, the permissions: evaluating them would give an
            # anonymous page a token or the session, and keep the page cache from storing it.
            continue
        if _has_errors(value):
            return True
        if isinstance(value, list | tuple):
            for item in value:
                items = item if isinstance(item, tuple) else (item,)
                if any(_has_errors(part) for part in items):
                    return True
    # Only read when there are messages: reading them marks them used, and a page that showed
    # messages is never kept by the page cache (home/page_cache.py).
    stored = context.get("messages")
    return bool(stored) and any(message.level >= messages.ERROR for message in stored)
