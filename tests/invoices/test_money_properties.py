"""Property-based tests (Hypothesis): the staff and member money forms, driven over HTTP with
extreme values, never answer a server error, and the money stays bounded and coherent."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from home.errors import QuorumError
from invoices.models import MAX_AMOUNT, Invoice, InvoiceLine, Payment, Refund, RefundStatus
from invoices.services import issue_credit_note, record_payment
from members.models import Organization, User
from tests.factories import OrganizationFactory, UserFactory

from .factories import make_invoice, today

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NUMBERS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats().map(repr),
    st.sampled_from(
        [
            "",
            "0",
            "-0",
            "0.001",
            "0.01",
            "1e999",
            "-1e-999",
            "NaN",
            "sNaN",
            "Infinity",
            "-Infinity",
            "999999.99",
            "1000000.00",
            "99999999999999999999",
            "1,5",
            "١٢٣",
            " 12 ",
            "12.345",
        ]
    ),
    st.text(max_size=20),
)
DATES = st.one_of(
    st.dates().map(str),
    st.sampled_from(["", "1900-01-01", "9999-12-31", "0000-00-00", "2026-02-30", "demain"]),
    st.text(max_size=20),
)
TEXT = st.text(max_size=400)
METHODS = st.one_of(
    st.sampled_from(["cheque", "transfer", "interac", "other", "card", ""]), st.text(max_size=10)
)


def _coherent():
    """Whatever was accepted stays within the bounds: no payment beyond what was billed, no
    credit beyond the invoice, no refund beyond what was received."""
    for payment in Payment.objects.all():
        assert Decimal("0.01") <= payment.amount <= MAX_AMOUNT
    for invoice in Invoice.objects.filter(series="invoice"):
        assert 0 <= invoice.total <= MAX_AMOUNT
        assert invoice.credited_total <= invoice.total
        assert invoice.amount_paid <= invoice.total
        assert invoice.refunded_total <= invoice.amount_paid
    for line in InvoiceLine.objects.all():
        assert 0 <= line.amount <= MAX_AMOUNT


@given(amount=NUMBERS, received_at=DATES, method=METHODS, reference=TEXT)
@EXAMPLES
def test_record_payment_form(client, accountant, amount, received_at, method, reference):
    invoice = Invoice.objects.filter(customer__username="prop-payer").first()
    if invoice is None:
        invoice = make_invoice(UserFactory(username="prop-payer"), amount="100.00")
    client.force_login(accountant)
    url = reverse("invoice_admin:record_payment", args=[invoice.pk])
    data = {"amount": amount, "received_at": received_at, "method": method, "reference": reference}
    response = client.post(url, data)  # kept: payments accumulate until the invoice is paid
    assert response.status_code < 500
    _coherent()


@given(
    customer=st.one_of(st.none(), st.integers(min_value=-5, max_value=10**12).map(str)),
    organization=st.one_of(st.none(), st.integers(min_value=-5, max_value=10**12).map(str)),
    description=TEXT,
    unit_price=NUMBERS,
    quantity=NUMBERS,
    taxable=st.sampled_from(["", "on", "false", "x"]),
    due_date=DATES,
)
@EXAMPLES
def test_staff_invoice_form(
    client, accountant, customer, organization, description, unit_price, quantity, taxable, due_date
):
    # Hypothesis runs every example in the same test transaction: make each row once.
    person = org = None
    if customer == "-5":
        person = User.objects.filter(username="prop-customer").first() or UserFactory(
            username="prop-customer"
        )
    if organization == "-5":
        org = Organization.objects.filter(name="Prop org").first() or OrganizationFactory(
            name="Prop org"
        )
    client.force_login(accountant)
    data = {
        "customer": str(person.pk) if person else (customer or ""),
        "organization": str(org.pk) if org else (organization or ""),
        "description": description,
        "unit_price": unit_price,
        "quantity": quantity,
        "taxable": taxable,
        "due_date": due_date,
    }
    with transaction.atomic():
        response = client.post(reverse("invoice_admin:new_invoice"), data)
        assert response.status_code < 500
        _coherent()
        transaction.set_rollback(True)


@given(
    reason=TEXT, lines=st.lists(st.integers(min_value=-3, max_value=10**12)), refund=st.booleans()
)
@EXAMPLES
def test_credit_note_form(client, accountant, reason, lines, refund):
    client.force_login(accountant)
    with transaction.atomic():
        invoice = make_invoice(amount="200.00")
        record_payment(
            invoice, amount=Decimal("100.00"), method="cheque", received_at=today(), by=None
        )
        line = invoice.lines.get()
        chosen = [line.pk if value == -3 else value for value in lines]
        data = {"reason": reason, "lines": [str(v) for v in chosen]}
        if refund:
            data["refund"] = "on"
        response = client.post(reverse("invoice_admin:credit_note", args=[invoice.pk]), data)
        assert response.status_code < 500
        _coherent()
        for item in Refund.objects.all():
            assert item.amount <= Decimal("100.00")
        transaction.set_rollback(True)


@given(refunded_at=DATES, method=METHODS, reference=TEXT)
@EXAMPLES
def test_refund_done_form(client, accountant, refunded_at, method, reference):
    client.force_login(accountant)
    with transaction.atomic():
        invoice = make_invoice(amount="50.00")
        record_payment(invoice, amount=invoice.total, method="cheque", received_at=today(), by=None)
        note = issue_credit_note(invoice, reason="Annulation", by=None, refund=True)
        refund = note.refunds.get()
        response = client.post(
            reverse("refund_admin:refund_done", args=[refund.pk]),
            {"refunded_at": refunded_at, "method": method, "reference": reference},
        )
        assert response.status_code < 500
        refund.refresh_from_db()
        if refund.status == RefundStatus.SUCCEEDED:
            assert note.issued_at.date() <= refund.refunded_at <= timezone.localdate()
        transaction.set_rollback(True)


@given(method=METHODS, invoice_id=st.integers(min_value=-5, max_value=10**15))
@EXAMPLES
def test_member_money_forms(client, method, invoice_id, fake_stripe):
    member = UserFactory(username="prop-member") if not Invoice.objects.exists() else None
    invoice = make_invoice(member) if member else Invoice.objects.first()
    client.force_login(invoice.customer)
    target = invoice.pk if invoice_id < 0 else invoice_id
    with transaction.atomic():
        for name, data in [("pay_offline", {"method": method}), ("pay_card", {})]:
            response = client.post(reverse(f"invoices:{name}", args=[target]), data)
            assert response.status_code < 500
        for name in ("detail", "pdf"):
            assert client.get(reverse(f"invoices:{name}", args=[target])).status_code < 500
        transaction.set_rollback(True)


def test_the_largest_invoice_fits_everywhere(client, accountant):
    """An invoice at the bounds renders in the admin, its exports and the member's pages."""
    from invoices.models import MAX_QUANTITY, MAX_UNIT_PRICE  # noqa: F401
    from invoices.services import LineSpec, issue_invoice

    person = UserFactory()
    price = Decimal("86956.00")  # × 10, with both taxes: 999 776,61 $
    invoice = issue_invoice(lines=[LineSpec("Maximum", price, 10)], customer=person)
    assert invoice.total == Decimal("999776.61")
    with pytest.raises(QuorumError) as error:
        issue_invoice(lines=[LineSpec("Trop", Decimal("1"), MAX_QUANTITY + 1)], customer=person)
    assert error.value.code == "quantity_out_of_range"
    with pytest.raises(QuorumError) as error:
        issue_invoice(lines=[LineSpec("Trop", MAX_UNIT_PRICE, MAX_QUANTITY)], customer=person)
    assert "ne peut pas dépasser 999\u202f999,99" in error.value.text
    client.force_login(accountant)
    for url in [
        reverse("invoice_admin:index"),
        reverse("invoice_admin:index") + "?export=csv",
        reverse("invoice_admin:index") + "?export=xlsx",
        reverse("invoice_admin:inspect", args=[invoice.pk]),
        reverse("invoice_admin:pdf", args=[invoice.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    client.force_login(person)
    for name, args in [("list", []), ("detail", [invoice.pk]), ("pdf", [invoice.pk])]:
        assert client.get(reverse(f"invoices:{name}", args=args)).status_code == 200, name
