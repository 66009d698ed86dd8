"""The balance due computed by the database (invoices/balances.py) gives what the invoice
pages show (`Invoice.balance_due`), whatever the payments, credit notes and refunds."""

from decimal import Decimal

import pytest

from invoices.balances import amount_due, balance_due
from invoices.models import Invoice, Refund, RefundStatus
from invoices.services import LineSpec, issue_credit_note, record_payment

from .factories import make_invoice, today

pytestmark = pytest.mark.django_db


def pay(invoice, amount):
    record_payment(invoice, amount=Decimal(amount), method="cheque", received_at=today(), by=None)


def test_the_database_gives_each_invoice_the_balance_its_page_shows():
    unpaid = make_invoice(amount="100.00")
    partly = make_invoice(amount="100.00")
    pay(partly, "10.00")
    paid = make_invoice(amount="100.00")
    pay(paid, paid.total)
    refunded = make_invoice(amount="100.00")
    pay(refunded, refunded.total)
    refunded_note = issue_credit_note(refunded, reason="Annulée", by=None, refund=True)
    failed = make_invoice(amount="100.00")
    pay(failed, failed.total)
    issue_credit_note(failed, reason="Annulée", by=None, refund=True)
    Refund.objects.filter(credit_note__credited_invoice=failed).update(status=RefundStatus.FAILED)
    part_credited = make_invoice(amount="100.00")
    pay(part_credited, "20.00")
    issue_credit_note(
        part_credited,
        reason="Demi-journée",
        by=None,
        lines=[LineSpec("Demi-journée", Decimal("30.00"), taxable=False)],
    )
    free = make_invoice(amount="0.00")
    invoices = [unpaid, partly, paid, refunded, refunded_note, failed, part_credited, free]

    computed = dict(
        Invoice.objects.filter(pk__in=[i.pk for i in invoices])
        .annotate(balance=balance_due())
        .values_list("pk", "balance")
    )
    due = dict(
        Invoice.objects.filter(pk__in=[i.pk for i in invoices])
        .annotate(due=amount_due())
        .values_list("pk", "due")
    )
    pages = {i.pk: Invoice.objects.get(pk=i.pk).balance_due for i in invoices}
    assert computed == pages
    assert due == {pk: max(balance, Decimal("0.00")) for pk, balance in pages.items()}
    # The cases above differ: each one is told apart.
    assert pages[unpaid.pk] == unpaid.total and pages[partly.pk] == unpaid.total - 10
    assert pages[paid.pk] == pages[refunded.pk] == pages[refunded_note.pk] == 0
    assert pages[failed.pk] == -failed.total  # the money is still the person's: a credit
    assert pages[part_credited.pk] == part_credited.total - 20 - 30
    assert all(isinstance(value, Decimal) for value in [*computed.values(), *due.values()])
