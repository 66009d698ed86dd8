from django import template

from home.formatting import format_long_date

register = template.Library()


@register.filter
def longdate(value, language=None):
    """ "17 avril 2026" (and "1er mai 2026") in French, "April 17, 2026" in English."""
    return format_long_date(value, language)
