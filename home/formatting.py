"""Locale formats for money and dates, shared by pages, e-mails and PDFs.

Money, French: "1 234,56 $" (narrow no-break space between thousands, no-break space before the
sign); English: "$1,234.56".
Dates: the locale's formats (config/formats/<language>/formats.py): "17 avril 2026" and
"1er mai 2026, 9 h 30" in French, "April 17, 2026" and "May 1, 2026, 9:30 a.m." in English; a
range does not repeat its date ("1er mai 2026, 9 h 00 – 16 h 30").
"""

import contextlib
import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone, translation

from .links import current_language

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
CENT = Decimal("0.01")


def quantize(amount: Decimal | int | str) -> Decimal:
    """Round to the cent, half up, as every amount in Quorum is."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal | int | str, language: str | None = None) -> str:
    language = (language or current_language())[:2]
    value = quantize(amount)
    sign = "-" if value < 0 else ""
    units, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    if language == "en":
        return f"{sign}${','.join(groups)}.{cents}"
    return f"{sign}{NARROW_NBSP.join(groups)},{cents}{NBSP}$"


def format_long_date(value: datetime.date | None, language: str | None = None) -> str:
    """The date in words in `language` (the active one by default); a datetime is shown on its
    local day. Empty for no date."""
    return format_date(value, "DATE_FORMAT", language)


MONTHS_FR = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
FRENCH_FIRST = re.compile(rf"(?<!\d)1 (?=(?:{MONTHS_FR})\b)")


def format_date(
    value: datetime.date | datetime.time | None,
    format_name: str = "DATE_FORMAT",
    language: str | None = None,
) -> str:
    """`value` in one of the locale's named formats (DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT,
    SHORT_DATE_FORMAT…), a datetime at its local time; "1er mai" for the first of a month in
    French. Empty for no date."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    language = (language or current_language())[:2]
    # Switching languages costs more than the formatting: only when another one is asked for.
    active = (translation.get_language() or "")[:2] == language
    with contextlib.nullcontext() if active else translation.override(language):
        if isinstance(value, datetime.time):
            text = formats.time_format(value, format_name)
        else:
            text = formats.date_format(value, format_name)
    return FRENCH_FIRST.sub("1er ", text) if language == "fr" else text


def format_date_range(
    start: datetime.date | None, end: datetime.date | None, language: str | None = None
) -> str:
    """From `start` to `end` without repeating what they share: one date when they fall on
    the same day ("1er mai 2026, 9 h 00 – 16 h 30"; "May 1, 2026" for dates alone)."""
    if not start:
        return ""
    with_time = isinstance(start, datetime.datetime)
    if isinstance(start, datetime.datetime) and timezone.is_aware(start):
        start = timezone.localtime(start)
    if isinstance(end, datetime.datetime) and timezone.is_aware(end):
        end = timezone.localtime(end)
    long_format = "DATETIME_FORMAT" if with_time else "DATE_FORMAT"
    first = format_date(start, long_format, language)
    if not end or end == start:
        return first
    same_day = (start.date() if with_time else start) == (
        end.date() if isinstance(end, datetime.datetime) else end
    )
    if same_day:
        if not with_time:
            return first
        return f"{first} – {format_date(end.time(), 'TIME_FORMAT', language)}"
    return f"{first} – {format_date(end, long_format, language)}"


def single_period(text: str) -> str:
    """A sentence that ends on "a.m." or "p.m." takes no second period ("until 9:00 a.m.")."""
    return re.sub(r"\b([ap])\.m\.\.", r"\1.m.", text)


ELISION = re.compile(r"\b([Dd]e|[Qq]ue|[Jj]usque) (?=[AEIOUYÉÈÊÀÂÎÔaeiouyéèêàâîô])")


def elide(text: str, language: str | None = None) -> str:
    """French elision before a vowel, for a name put into a sentence: "d’Amélie",
    "qu’Alexis" (not "de Amélie"), with the typographic apostrophe the French catalogue uses.
    Other languages are left as they are."""
    if (language or current_language())[:2] != "fr":
        return text
    return ELISION.sub(lambda m: m.group(1)[:-1] + "’", text)
