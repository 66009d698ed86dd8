from decimal import Decimal

import pytest

from home.formatting import format_money


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
