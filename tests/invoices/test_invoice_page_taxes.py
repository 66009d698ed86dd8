"""The member's web invoice page shows what the PDF shows: the lines, subtotal, GST and QST
(with the rates and the association's tax numbers the invoice was issued with) and the total."""

from decimal import Decimal

import pytest

from django.urls import reverse
from django.utils import translation

from home.formatting import format_money
from invoices.services import LineSpec, issue_invoice
from tests.factories import UserFactory, association_settings

pytestmark = pytest.mark.django_db


def detail(client, invoice, language):
    with translation.override(language):
        return client.get(reverse("invoices:detail", args=[invoice.pk])).content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_invoice_page_shows_subtotal_taxes_numbers_and_total(client, language):
    association_settings(gst_number="123456789 RT0001", qst_number="1234567890 TQ0001")
    member = UserFactory(language=language)
    invoice = issue_invoice(
        lines=[
            LineSpec("Congrès annuel — Journée complète", Decimal("650.00")),
            LineSpec("Cahier du participant", Decimal("20.00"), taxable=False),
        ],
        customer=member,
        by=member,
    )
    assert (invoice.subtotal, invoice.gst, invoice.qst) == (
        Decimal("670.00"),
        Decimal("32.50"),
        Decimal("64.84"),
    )
    client.force_login(member)
    page = detail(client, invoice, language)
    for amount in (invoice.subtotal, invoice.gst, invoice.qst, invoice.total):
        assert format_money(amount, language) in page
    assert "123456789 RT0001" in page and "1234567890 TQ0001" in page
    assert "Congrès annuel — Journée complète" in page
    if language == "fr":
        assert "Sous-total" in page and "TPS (5\u00a0%)" in page and "TVQ (9,975\u00a0%)" in page
        assert "non taxable" in page
    else:
        assert "Subtotal" in page and "GST (5%)" in page and "QST (9.975%)" in page
        assert "not taxable" in page


def test_without_tax_numbers_the_page_shows_none(client):
    member = UserFactory()
    invoice = issue_invoice(
        lines=[LineSpec("Formation", Decimal("100.00"))], customer=member, by=member
    )
    client.force_login(member)
    page = detail(client, invoice, "fr")
    assert "TPS (5\u00a0%)" in page and format_money("114.98", "fr") in page
    assert '<span class="small">No ' not in page


def test_a_french_invoice_read_in_english_marks_its_lines_as_french(client):
    member = UserFactory(language="fr")
    invoice = issue_invoice(
        lines=[LineSpec("Atelier : relève", Decimal("100.00"))], customer=member, by=member
    )
    client.force_login(member)
    assert '<span lang="fr">Atelier : relève</span>' in detail(client, invoice, "en")
    assert '<span lang="fr">' not in detail(client, invoice, "fr")
