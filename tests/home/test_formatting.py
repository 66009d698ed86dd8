import datetime
from decimal import Decimal

import pytest

from home.formatting import format_long_date, format_money


@pytest.mark.parametrize(
    ("amount", "fr", "en"),
    [
        (Decimal("1234.56"), "1\u202f234,56\u00a0$", "$1,234.56"),
        (Decimal("0.005"), "0,01\u00a0$", "$0.01"),
        (Decimal("1000000"), "1\u202f000\u202f000,00\u00a0$", "$1,000,000.00"),
        (Decimal("-45.5"), "-45,50\u00a0$", "-$45.50"),
    ],
)
def test_money_follows_the_locale(amount, fr, en):
    assert format_money(amount, "fr") == fr
    assert format_money(amount, "en") == en


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (datetime.date(2026, 4, 17), "17 avril 2026", "April 17, 2026"),
        (datetime.date(2026, 9, 1), "1er septembre 2026", "September 1, 2026"),
        (datetime.date(2027, 12, 31), "31 décembre 2027", "December 31, 2027"),
        # 23:30 on May 31 in Quebec is already June 1 in UTC: shown on the local day.
        (
            datetime.datetime(2026, 6, 1, 3, 30, tzinfo=datetime.UTC),
            "31 mai 2026",
            "May 31, 2026",
        ),
    ],
)
def test_long_date_follows_the_locale(value, fr, en):
    assert format_long_date(value, "fr") == fr
    assert format_long_date(value, "en") == en


def test_long_date_uses_the_active_language_and_is_empty_without_a_date():
    from django.utils import translation

    with translation.override("en"):
        assert format_long_date(datetime.date(2026, 4, 17)) == "April 17, 2026"
        assert format_money(Decimal("1234.56")) == "$1,234.56"
    assert format_long_date(None) == ""
