"""Invoice PDFs are kept once rendered, and rendered again as soon as what they print changes."""

from decimal import Decimal

import pytest

from django.urls import reverse

from invoices.services import issue_credit_note, record_payment
from tests.factories import UserFactory

from .factories import make_invoice, today
from .test_member_views import pdf_text

pytestmark = pytest.mark.django_db


def _text(client, invoice):
    return " ".join(pdf_text(client.get(reverse("invoices:pdf", args=[invoice.pk]))).split())


def test_a_downloaded_pdf_follows_payments_and_credit_notes(client, payment_settings):
    invoice = make_invoice()
    staff = UserFactory(is_staff=True)
    client.force_login(invoice.customer)
    first = _text(client, invoice)
    assert _text(client, invoice) == first
    assert "Montant payé 0,00 $" in first

    record_payment(invoice, amount=Decimal("10.00"), method="cheque", received_at=today(), by=staff)
    paid = _text(client, invoice)
    assert "Montant payé 10,00 $" in paid

    issue_credit_note(invoice, reason="Annulation", by=staff)
    assert "Crédité" in _text(client, invoice) and "Crédité" not in paid
