"""Money received, statuses and the e-mails that go with them."""

from decimal import Decimal

import pytest

from django.core import mail
from django.core.exceptions import ValidationError

from invoices.models import Payment, Status
from invoices.services import (
    LineSpec,
    choose_offline_method,
    issue_credit_note,
    issue_invoice,
    record_payment,
)
from tests.factories import OrganizationFactory, UserFactory

from .factories import make_invoice, today

pytestmark = pytest.mark.django_db


def test_issuing_queues_the_invoice_email_with_its_pdf_after_commit(
    django_capture_on_commit_callbacks,
):
    person = UserFactory(language="en")
    with django_capture_on_commit_callbacks() as callbacks:
        invoice = make_invoice(person, amount="1073.77")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == [person.email]
    assert message.subject == f"Invoice {invoice.number}"
    assert "$1,234.57" in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename == f"{invoice.number}.pdf" and mimetype == "application/pdf"
    assert content.startswith(b"%PDF-")


def test_french_email_for_a_french_person(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = make_invoice(UserFactory(language="fr"), amount="1073.77")
    assert mail.outbox[0].subject == f"Facture {invoice.number}"
    assert "1\u202f234,57\u00a0$" in mail.outbox[0].body


def test_payments_make_an_invoice_partly_paid_then_paid(django_capture_on_commit_callbacks):
    invoice = make_invoice(amount="100.00")  # 114.98
    staff = UserFactory(is_staff=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = record_payment(invoice, amount="60", method="cheque", received_at=today(), by=staff)
    invoice.refresh_from_db()
    assert invoice.status == Status.PARTLY_PAID and invoice.balance_due == Decimal("54.98")
    assert first.recorded_by == staff and first.receipt_number.startswith("R-")
    [receipt] = mail.outbox
    assert receipt.attachments[0][0] == f"{first.receipt_number}.pdf"
    assert "54,98" in receipt.body

    record_payment(invoice, amount="54.98", method="transfer", received_at=today(), by=staff)
    invoice.refresh_from_db()
    assert invoice.status == Status.PAID and invoice.balance_due == Decimal("0.00")


def test_a_payment_cannot_be_deleted_and_a_cancelled_invoice_takes_none():
    invoice = make_invoice()
    payment = record_payment(invoice, amount="10", method="cheque", received_at=today(), by=None)
    with pytest.raises(ValidationError):
        Payment.objects.get(pk=payment.pk).delete()
    other = make_invoice()
    issue_credit_note(other, reason="Annulée", by=None)
    with pytest.raises(ValidationError):
        record_payment(other, amount="10", method="cheque", received_at=today(), by=None)


def test_choosing_an_offline_method_marks_the_invoice_awaiting_it():
    invoice = make_invoice()
    for method, status in [
        ("transfer", Status.AWAITING_TRANSFER),
        ("interac", Status.AWAITING_INTERAC),
        ("cheque", Status.AWAITING_CHEQUE),
    ]:
        choose_offline_method(invoice, method=method, by=invoice.customer)
        invoice.refresh_from_db()
        assert invoice.status == status and invoice.is_payable


def test_awaiting_a_cheque_then_receiving_part_of_it():
    invoice = make_invoice()
    choose_offline_method(invoice, method="cheque", by=invoice.customer)
    record_payment(invoice, amount="10", method="cheque", received_at=today(), by=None)
    invoice.refresh_from_db()
    assert invoice.status == Status.PARTLY_PAID


def test_card_only_invoice_refuses_offline_methods():
    invoice = make_invoice(card_only=True)
    with pytest.raises(ValidationError):
        choose_offline_method(invoice, method="cheque", by=invoice.customer)


def test_organization_invoice_copies_the_organization():
    organization = OrganizationFactory(name="MRC des Exemples", city="Exempleville")
    invoice = issue_invoice(
        lines=[LineSpec("Cotisation annuelle", Decimal("400"), taxable=False)],
        organization=organization,
        by=UserFactory(is_staff=True),
    )
    assert invoice.billed_name == "MRC des Exemples" and "Exempleville" in invoice.billed_address
    assert invoice.total == Decimal("400.00") and invoice.gst == Decimal("0.00")


def test_credit_note_without_refund_leaves_a_credit_on_a_paid_invoice():
    invoice = make_invoice()
    record_payment(invoice, amount=invoice.total, method="cheque", received_at=today(), by=None)
    issue_credit_note(invoice, reason="Geste commercial", by=None, lines=[LineSpec("Rabais", 10)])
    invoice.refresh_from_db()
    assert invoice.status == Status.PAID and invoice.balance_due == Decimal("-11.50")
    assert not invoice.credit_notes.get().refunds.exists()
