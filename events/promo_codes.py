"""Promo codes: which code applies to a registration, and the discount it gives.

`check_promo_code` refuses with a clear `QuorumError` (none typed, unknown, inactive or
expired, not for this event or option, used up). `events.services.register` calls it with
`lock=True` inside its transaction: the code's row stays locked until the use is recorded, so
a code with one use left is used once even when two people confirm at the same moment."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from home.errors import QuorumError
from home.formatting import quantize

from .models import EventOption, EventPage, PromoCode


def normalize(code: str) -> str:
    return (code or "").strip()


def check_promo_code(
    code: str,
    *,
    event: EventPage,
    option: EventOption,
    day: datetime.date | None = None,
    lock: bool = False,
) -> PromoCode:
    """The promo code `code` (any case) if it applies to `option` of `event` (source page and
    option) on `day` (today in the site's time zone by default)."""
    if not normalize(code):
        raise QuorumError(_("Enter a promo code, then apply it."), code="promo_empty")
    queryset = PromoCode.objects.filter(code__iexact=normalize(code))
    if lock:
        queryset = queryset.select_for_update()
    promo = queryset.first()
    if promo is None:
        raise QuorumError(
            _("The promo code “%(code)s” does not exist.") % {"code": normalize(code)},
            code="promo_unknown",
        )
    day = day or timezone.localdate()
    if (
        not promo.active
        or (promo.valid_from is not None and day < promo.valid_from)
        or (promo.valid_until is not None and day > promo.valid_until)
    ):
        raise QuorumError(
            _("The promo code “%(code)s” is not valid at this time.") % {"code": promo.code},
            code="promo_expired",
        )
    if promo.event_id is not None and promo.event_id != event.pk:
        raise QuorumError(
            _("The promo code “%(code)s” is not for this event.") % {"code": promo.code},
            code="promo_wrong_event",
        )
    if promo.option_id is not None and promo.option_id != option.pk:
        raise QuorumError(
            _("The promo code “%(code)s” is not for this option.") % {"code": promo.code},
            code="promo_wrong_option",
        )
    if promo.max_uses is not None and uses_of(promo) >= promo.max_uses:
        raise QuorumError(
            _("The promo code “%(code)s” has been used as many times as allowed.")
            % {"code": promo.code},
            code="promo_used_up",
        )
    return promo


def uses_of(promo: PromoCode) -> int:
    """How many registrations used the code (a changed registration's new invoice keeps its
    code: still one use)."""
    return promo.code_uses.values("registration").distinct().count()


def discount_for(promo: PromoCode, price: Decimal) -> Decimal:
    """The amount (positive, to the cent) `promo` takes off `price`: never more than the
    price, so an invoice never goes below zero."""
    if promo.percentage is not None:
        off = quantize(Decimal(price) * promo.percentage / 100)
    else:
        off = quantize(promo.amount)
    return min(off, quantize(price))
