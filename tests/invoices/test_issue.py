from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from invoices.models import Invoice, Series, Status
from invoices.services import LineSpec, issue_credit_note, issue_invoice
from invoices.taxes import compute_totals
from tests.factories import FunctionFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lines", "subtotal", "gst", "qst", "total"),
    [
        ([("100.00", True)], "100.00", "5.00", "9.98", "114.98"),  # 9.975 rounds half up
        ([("650.00", True)], "650.00", "32.50", "64.84", "747.34"),
        ([("0.10", True)], "0.10", "0.01", "0.01", "0.12"),  # 0.005 and 0.009975 round up
        ([("0.09", True)], "0.09", "0.00", "0.01", "0.10"),  # 0.0045 rounds down
        ([("145.00", True), ("50.00", False)], "195.00", "7.25", "14.46", "216.71"),
        ([("80.00", False)], "80.00", "0.00", "0.00", "80.00"),
        ([("33.33", True), ("33.33", True), ("33.34", True)], "100.00", "5.00", "9.98", "114.98"),
    ],
)
def test_taxes_on_the_pre_tax_amount(lines, subtotal, gst, qst, total):
    totals = compute_totals((Decimal(a), t) for a, t in lines)
    assert (totals.subtotal, totals.gst, totals.qst, totals.total) == (
        Decimal(subtotal),
        Decimal(gst),
        Decimal(qst),
        Decimal(total),
    )


def test_invoice_copies_billed_party_and_numbers_follow():
    function = FunctionFactory(organization=OrganizationFactory(name="Ville de Lacolline"))
    person = function.user
    first = issue_invoice(lines=[LineSpec("Congrès", Decimal("650.00"))], customer=person)
    second = issue_invoice(lines=[LineSpec("Gala", Decimal("145.00"))], customer=person)
    assert (first.number, second.number) == ("F-000001", "F-000002")
    assert first.billed_name == str(person)
    assert "Ville de Lacolline" in first.billed_address
    assert first.total == Decimal("747.34") and first.status == Status.TO_PAY

    function.organization.name = "Ville de Lacolline-Nord"
    function.organization.save()
    first.refresh_from_db()
    assert "Ville de Lacolline\n" in first.billed_address + "\n"


def test_issued_invoice_cannot_change_or_be_deleted():
    invoice = issue_invoice(lines=[LineSpec("Formation", Decimal("250"))], customer=UserFactory())
    invoice.total = Decimal("1.00")
    with pytest.raises(ValidationError):
        invoice.save()
    with pytest.raises(ValidationError):
        Invoice.objects.get(pk=invoice.pk).delete()
    with pytest.raises(ValidationError):
        invoice.lines.first().save()
    assert Invoice.objects.get(pk=invoice.pk).total == Decimal("287.44")


def test_full_credit_note_cancels_the_invoice_and_has_its_own_series():
    invoice = issue_invoice(lines=[LineSpec("Formation", Decimal("250"))], customer=UserFactory())
    note = issue_credit_note(invoice, reason="Annulation", by=None)
    invoice.refresh_from_db()
    assert note.series == Series.CREDIT_NOTE and note.number == "NC-000001"
    assert note.credited_invoice == invoice and note.total == invoice.total
    assert invoice.status == Status.CANCELLED
    with pytest.raises(ValidationError):
        issue_credit_note(invoice, reason="Encore", by=None)


def test_partial_credit_note_leaves_the_rest_due():
    invoice = issue_invoice(
        lines=[LineSpec("Congrès", Decimal("650")), LineSpec("Gala", Decimal("145"))],
        customer=UserFactory(),
    )
    note = issue_credit_note(invoice, reason="Sans gala", by=None, lines=[LineSpec("Gala", 145)])
    invoice.refresh_from_db()
    assert note.total == Decimal("166.71")
    assert invoice.status == Status.TO_PAY
