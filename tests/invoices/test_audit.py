"""Every billing service writes who did what, and when, to Wagtail's audit log: staff read it
in the document's history."""

from decimal import Decimal

import pytest

from django.urls import reverse

from wagtail.models import ModelLogEntry

from invoices.models import Invoice, Payment, Refund
from invoices.services import (
    choose_offline_method,
    issue_credit_note,
    record_payment,
    record_refund,
)
from tests.factories import UserFactory

from .factories import make_invoice, today

pytestmark = pytest.mark.django_db


def _actions(instance):
    return [
        (entry.action, entry.user_id)
        for entry in ModelLogEntry.objects.for_instance(instance).order_by("pk")
    ]


def test_each_billing_service_records_who_did_what(client, accountant):
    member = UserFactory()
    invoice = make_invoice(member, amount="100.00")
    choose_offline_method(invoice, method="cheque", by=member)
    payment = record_payment(
        invoice, amount=Decimal("114.98"), method="cheque", received_at=today(), by=accountant
    )
    note = issue_credit_note(invoice, reason="Annulation", by=accountant, refund=True)
    refund = note.refunds.get()
    record_refund(refund, by=accountant, refunded_at=today(), method="cheque", reference="C-1")

    assert _actions(Invoice.objects.get(pk=invoice.pk)) == [
        ("invoices.invoice_issued", member.pk),
        ("invoices.offline_method_chosen", member.pk),
    ]
    assert _actions(Payment.objects.get(pk=payment.pk)) == [
        ("invoices.payment_recorded", accountant.pk)
    ]
    assert _actions(note) == [("invoices.credit_note_issued", accountant.pk)]
    assert _actions(Refund.objects.get(pk=refund.pk)) == [
        ("invoices.refund_to_make", accountant.pk),
        ("invoices.refund_recorded", accountant.pk),
    ]
    entry = ModelLogEntry.objects.get(action="invoices.payment_recorded")
    assert entry.data["amount"] == "114.98" and entry.data["invoice"] == invoice.number

    client.force_login(accountant)
    history = client.get(reverse("invoice_admin:history", args=[invoice.pk]))
    assert history.status_code == 200
    text = history.content.decode()
    assert "Facture émise" in text and "Mode de paiement choisi" in text
