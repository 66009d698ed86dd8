"""Dates in the locale's formats ("1er mai 2026" in French, "May 1, 2026" in English), date
ranges that do not repeat their date, and small typographic fixes. {% load quorum_dates %}."""

from django import template

from home.formatting import elide, format_date, format_date_range, single_period

register = template.Library()


@register.filter
def longdate(value, language=None):
    return format_date(value, "DATE_FORMAT", language)


@register.filter
def longdatetime(value, language=None):
    return format_date(value, "DATETIME_FORMAT", language)


@register.filter
def monthday(value, language=None):
    """The day and month without the year: "1er mars", "March 1"."""
    return format_date(value, "MONTH_DAY_FORMAT", language)


@register.filter
def shortdate(value, language=None):
    return format_date(value, "SHORT_DATE_FORMAT", language)


@register.filter
def shortdatetime(value, language=None):
    return format_date(value, "SHORT_DATETIME_FORMAT", language)


@register.filter
def daterange(start, end):
    """{{ event.start|daterange:event.end }}: "1er mai 2026, 9 h 00 – 16 h 30"."""
    return format_date_range(start, end)


@register.filter(is_safe=True)
def one_period(text):
    """A sentence kept with `{% blocktranslate … asvar text %}`, shown as `{{ text|one_period }}`:
    "until 9:00 a.m." rather than "until 9:00 a.m.."."""
    return single_period(text)


@register.filter(is_safe=True)
def elided(text):
    """{% blocktranslate with name=… asvar text %}…{% endblocktranslate %}{{ text|elided }}:
    "Profil LinkedIn d’Amélie" rather than "de Amélie"."""
    return elide(text)
