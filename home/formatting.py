"""Locale formats for money and dates, shared by pages, e-mails and PDFs.

Money, French: "1 234,56 $" (narrow no-break space between thousands, no-break space before the
sign); English: "$1,234.56".
Long dates: the locale's DATE_FORMAT (Django's, or config/formats/<language>/formats.py):
"17 avril 2026" in French, "April 17, 2026" in English.
"""

import datetime
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
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    with translation.override((language or current_language())[:2]):
        return formats.date_format(value, "DATE_FORMAT")
