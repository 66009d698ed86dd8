"""Quebec sales taxes: GST and QST, each computed on the pre-tax amount of the taxable lines,
rounded half-up to the cent. Rates live in settings."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from home.formatting import quantize


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    taxable_base: Decimal
    gst: Decimal
    qst: Decimal

    @property
    def total(self):
        return self.subtotal + self.gst + self.qst


def compute_totals(amounts):
    """`amounts` is an iterable of (amount, taxable) pairs, each amount already to the cent."""
    subtotal = Decimal("0.00")
    taxable_base = Decimal("0.00")
    for amount, taxable in amounts:
        subtotal += amount
        if taxable:
            taxable_base += amount
    return Totals(
        subtotal=quantize(subtotal),
        taxable_base=quantize(taxable_base),
        gst=quantize(taxable_base * settings.GST_RATE),
        qst=quantize(taxable_base * settings.QST_RATE),
    )
