from django import template
from django.template.defaultfilters import date as date_filter

from home.links import current_language

register = template.Library()


@register.filter
def longdate(value, language=None):
    """ "17 avril 2026" in French, "April 17, 2026" in English."""
    if not value:
        return ""
    language = language or current_language()
    return date_filter(value, "F j, Y" if language == "en" else "j F Y")
