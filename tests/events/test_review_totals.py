"""The review step shows the lines, then the subtotal, GST, QST and total, exactly as the
invoice issued on confirming computes them, in French and English number formats."""

import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from events.models import EventOption, PromoCode, Registration
from home.formatting import format_money
from tests.factories import UserFactory

from .factories import make_event, option

pytestmark = pytest.mark.django_db


def _set_price(event, price, taxable):
    EventOption.objects.filter(translation_key=option(event).translation_key).update(
        member_price=price, taxable=taxable
    )


def _filled_in(client, event, language):
    """A member, signed in, who filled the registration form on the `language` page: the
    person, and the registration's address (its review is `{base}/review/`)."""
    page = event if language == "fr" else event.get_translations().get()
    chosen = page.options.get(translation_key=option(event).translation_key)
    person = UserFactory(is_member=True, language=language)
    client.force_login(person)
    base = f"/{language}/registrations/{event.translation_key}"
    first_question = list(event.questions)[0].id
    client.post(f"{base}/register/", {"option": chosen.pk, f"q_{first_question}": "0"})
    return person, base


@pytest.mark.parametrize(
    ("language", "taxable", "gst", "qst", "total"),
    [
        ("fr", True, "32.50", "64.84", "747.34"),
        ("en", True, "32.50", "64.84", "747.34"),
        ("fr", False, "0.00", "0.00", "650.00"),
        ("en", False, "0.00", "0.00", "650.00"),
    ],
)
def test_the_review_total_is_the_invoice_total(client, language, taxable, gst, qst, total):
    event = make_event(english=True)
    _set_price(event, Decimal("650.00"), taxable)
    person, base = _filled_in(client, event, language)
    review = client.get(f"{base}/review/").content.decode()

    assert "plus taxes" not in review
    for amount in (gst, qst):
        assert format_money(amount, language) in review
    shown_total = (
        f"Total, taxes incluses : {format_money(total, 'fr')}"
        if language == "fr"
        else f"Total, taxes included: {format_money(total, 'en')}"
    )
    assert shown_total in review
    if not taxable:
        assert ("non taxable" if language == "fr" else "not taxable") in review

    client.post(f"{base}/review/")
    invoice = Registration.objects.get(person=person).invoice
    assert invoice.total == Decimal(total)
    assert (invoice.gst, invoice.qst) == (Decimal(gst), Decimal(qst))
    assert format_money(invoice.total, language) in shown_total


def test_the_review_shows_the_non_member_price_the_invoice_bills(client):
    event = make_event()
    person = UserFactory(is_member=False)
    client.force_login(person)
    base = f"/fr/registrations/{event.translation_key}"
    first_question = list(event.questions)[0].id
    client.post(f"{base}/register/", {"option": option(event).pk, f"q_{first_question}": "0"})
    review = client.get(f"{base}/review/").content.decode()
    assert format_money("172.46", "fr") in review  # 150 $ + 7,50 $ + 14,96 $
    client.post(f"{base}/review/")
    assert Registration.objects.get().invoice.total == Decimal("172.46")


def _price_table(html):
    """The review's price table as read: its head, the lines' rows and the rows below them,
    each row as its cells' text."""
    table = BeautifulSoup(html, "html.parser").find("table", class_="price-lines")

    def rows(part):
        return [
            [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in table.find(part).find_all("tr")
        ]

    return rows("thead")[0], rows("tbody"), rows("tfoot")


def _money(text, language):
    """An amount as shown ("-2,49 $", "$7.48") back to a Decimal."""
    text = text.replace(",", "") if language == "en" else text.replace(",", ".")
    return Decimal(re.sub(r"[^\d.-]", "", text))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_with_a_promo_code_the_review_adds_up_to_the_invoice_issued(client, language):
    # 100 $ less a 25 $ code: each line's QST rounded on its own (9,98 $ and -2,49 $) adds up
    # to 7,49 $, where the invoice's QST, on the 75 $ subtotal, is 7,48 $.
    event = make_event(english=True)
    PromoCode.objects.create(code="PRINTEMPS", amount=Decimal("25"))
    person, base = _filled_in(client, event, language)
    review = client.post(f"{base}/review/", {"promo_code": "printemps", "apply_promo": "1"})
    head, lines, below = _price_table(review.content.decode())

    assert len(lines) == 2  # the option, and the code's discount
    for column in range(1, len(head)):  # every column of figures adds up to the row below
        assert sum(_money(row[column], language) for row in lines) == _money(
            below[0][column], language
        )

    client.post(f"{base}/review/", {"promo_code": "printemps"})
    invoice = Registration.objects.get(person=person).invoice
    assert invoice.qst == Decimal("7.48")
    shown = [_money(row[-1], language) for row in below]
    assert shown == [invoice.subtotal, invoice.gst, invoice.qst, invoice.total]
