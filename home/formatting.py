"""Locale formats for money, shared by pages, e-mails and PDFs.

French: "1 234,56 $" (narrow no-break space between thousands, no-break space before the sign).
English: "$1,234.56".
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
CENT = Decimal("0.01")


def quantize(amount):
    """Round to the cent, half up, as every amount in Quorum is."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount, language=None):
    language = (language or get_language() or "fr")[:2]
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
