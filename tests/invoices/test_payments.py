"""Money received, statuses and the e-mails that go with them."""

import datetime
from decimal import Decimal

import pytest

from django.core import mail
from django.core.exceptions import ValidationError

from invoices.models import Invoice, Payment, Status
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


def test_a_payment_above_the_balance_is_refused_with_the_balance_in_the_message():
    invoice = make_invoice(amount="100.00")  # 114.98
    with pytest.raises(ValidationError) as error:
        record_payment(
            invoice, amount=Decimal("1000000"), method="cheque", received_at=today(), by=None
        )
    assert error.value.code == "above_balance"
    assert "dépasse le solde à payer (114,98\xa0$)" in error.value.text
    record_payment(invoice, amount=invoice.total, method="cheque", received_at=today(), by=None)
    with pytest.raises(ValidationError) as error:
        record_payment(invoice, amount=Decimal("1"), method="cheque", received_at=today(), by=None)
    assert error.value.code == "nothing_to_pay"
    invoice.refresh_from_db()
    assert invoice.status == Status.PAID and invoice.balance_due == Decimal("0.00")
    assert Payment.objects.count() == 1


@pytest.mark.parametrize(
    "received_at",
    [datetime.date(1900, 1, 1), datetime.date.today() + datetime.timedelta(days=2)],
)
def test_a_payment_is_dated_between_the_invoice_and_today(received_at):
    invoice = make_invoice()
    with pytest.raises(ValidationError) as error:
        record_payment(invoice, amount="10", method="cheque", received_at=received_at, by=None)
    assert error.value.code == "date_out_of_range"
    assert "La date du paiement doit être comprise entre le" in error.value.text
    assert not Payment.objects.exists()


def test_quantities_and_prices_beyond_the_bounds_are_refused():
    person = UserFactory()
    for line, code in [
        (LineSpec("Trop", Decimal("1"), 10**12), "quantity_out_of_range"),
        (LineSpec("Négatif", Decimal("-5")), "price_out_of_range"),
        (LineSpec("Énorme", Decimal("1e20")), "price_out_of_range"),
        (LineSpec("NaN", Decimal("NaN")), "price_out_of_range"),
    ]:
        with pytest.raises(ValidationError) as error:
            issue_invoice(lines=[line], customer=person)
        assert error.value.code == code
    assert not Invoice.objects.exists()


def test_the_database_refuses_amounts_beyond_the_bounds():
    from django.db import IntegrityError, transaction

    from invoices.models import InvoiceLine

    invoice = make_invoice()
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            invoice=invoice, amount=Decimal("10000000"), method="cheque", received_at=today()
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        InvoiceLine.objects.create(
            invoice=invoice, description="x", quantity=10**6, unit_price=1, amount=1
        )
    assert not Payment.objects.exists() and invoice.lines.count() == 1


def test_a_full_credit_after_a_partial_one_credits_the_rest_to_the_cent():
    """Staff credited part of an invoice; cancelling it later (an approved cancellation, a
    change of option) credits what remains, taxes included, and the invoice is cancelled. The
    taxes are what remains of the invoice's: computed again on the rest, the QST would be
    6,65 $ where 6,66 $ remain."""
    invoice = make_invoice(amount="100.00")  # 100,00 + 5,00 + 9,98 = 114,98
    partial = issue_credit_note(
        invoice, reason="Geste commercial", by=None, lines=[LineSpec("Rabais", Decimal("33.33"))]
    )
    assert (partial.gst, partial.qst, partial.total) == (
        Decimal("1.67"),
        Decimal("3.32"),
        Decimal("38.32"),
    )
    rest = issue_credit_note(invoice, reason="Annulation", by=None)
    assert (rest.subtotal, rest.gst, rest.qst, rest.total) == (
        Decimal("66.67"),
        Decimal("3.33"),
        Decimal("6.66"),
        Decimal("76.66"),
    )
    assert [(line.description, line.unit_price) for line in rest.lines.all()] == [
        ("Formation de base", Decimal("100.00")),
        (f"Déjà crédité par {partial.number} : Rabais", Decimal("-33.33")),
    ]
    invoice.refresh_from_db()
    assert invoice.status == Status.CANCELLED and invoice.balance_due == Decimal("0.00")
    with pytest.raises(ValidationError) as error:
        issue_credit_note(invoice, reason="Encore", by=None)
    assert error.value.code == "credit_not_positive"
