"""The review step shows each line with its GST and QST and the total, exactly as the invoice
issued on confirming computes them, in French and English number formats."""

from decimal import Decimal

import pytest

from events.models import EventOption, Registration
from home.formatting import format_money
from tests.factories import UserFactory

from .factories import make_event, option

pytestmark = pytest.mark.django_db


def _set_price(event, price, taxable):
    EventOption.objects.filter(translation_key=option(event).translation_key).update(
        member_price=price, taxable=taxable
    )


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
    page = event if language == "fr" else event.get_translations().get()
    chosen = page.options.get(translation_key=option(event).translation_key)
    person = UserFactory(is_member=True, language=language)
    client.force_login(person)
    base = f"/{language}/registrations/{event.translation_key}"
    first_question = list(event.questions)[0].id
    client.post(f"{base}/register/", {"option": chosen.pk, f"q_{first_question}": "0"})
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
