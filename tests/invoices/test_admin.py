"""The staff side in the Wagtail admin: listing, filters, exports and staff actions."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from invoices.models import Invoice, Payment, Refund, RefundStatus, Series, Status
from invoices.services import issue_credit_note, record_payment
from tests.factories import OrganizationFactory, UserFactory, speaks

from .factories import make_invoice, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    group = Group.objects.create(name="Rédaction")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return user


def test_listing_filters_by_status_and_organization(client, accountant):
    organization = OrganizationFactory()
    paid = make_invoice(amount="10")
    record_payment(paid, amount=paid.total, method="cheque", received_at=today(), by=None)
    unpaid = make_invoice(amount="20")
    from invoices.services import LineSpec, issue_invoice

    dues = issue_invoice(lines=[LineSpec("Cotisation", 300)], organization=organization)
    client.force_login(accountant)
    index = reverse("invoice_admin:index")

    page = client.get(index).content.decode()
    assert paid.number in page and unpaid.number in page and dues.number in page
    page = client.get(index, {"status": "paid"}).content.decode()
    assert paid.number in page and unpaid.number not in page
    page = client.get(index, {"organization": organization.pk}).content.decode()
    assert dues.number in page and paid.number not in page
    page = client.get(index, {"method": "cheque"}).content.decode()
    assert paid.number in page and unpaid.number not in page


def test_csv_and_xlsx_exports_for_the_accountant(client, accountant):
    invoice = make_invoice(amount="100")
    client.force_login(accountant)
    index = reverse("invoice_admin:index")

    csv = client.get(index, {"export": "csv"})
    assert csv["Content-Disposition"].startswith('attachment; filename="invoices.csv"')
    text = b"".join(csv.streaming_content).decode()
    assert invoice.number in text and "114.98" in text

    xlsx = client.get(index, {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    rows = list(workbook.active.values)
    assert any(invoice.number in row for row in rows)


def test_issued_invoices_have_no_edit_or_delete(client, accountant):
    invoice = make_invoice()
    client.force_login(accountant)
    inspect = client.get(reverse("invoice_admin:inspect", args=[invoice.pk]))
    assert inspect.status_code == 200
    page = inspect.content.decode()
    assert "/edit/" not in page and "/delete/" not in page
    assert reverse("invoice_admin:record_payment", args=[invoice.pk]) in page
    assert "Formation de base" in page  # the lines are shown
    edit = client.get(f"/admin/invoice_admin/edit/{invoice.pk}/", follow=True)
    assert edit.status_code == 404


def test_manual_invoice_for_a_member(client, accountant, django_capture_on_commit_callbacks):
    member = UserFactory()
    client.force_login(accountant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invoice_admin:new_invoice"),
            {
                "customer": member.pk,
                "description": "Cotisation 2026-2027",
                "unit_price": "350.00",
                "quantity": 1,
                "taxable": "on",
            },
        )
    invoice = Invoice.objects.get(customer=member)
    assert response.status_code == 302
    assert invoice.issued_by == accountant and invoice.total == Decimal("402.41")
    assert invoice.lines.get().description == "Cotisation 2026-2027"


def test_manual_invoice_needs_exactly_one_billed_party(client, accountant):
    client.force_login(accountant)
    response = client.post(
        reverse("invoice_admin:new_invoice"),
        {"description": "Cotisation", "unit_price": "350.00", "quantity": 1},
    )
    assert response.status_code == 200 and not Invoice.objects.exists()


def test_a_manual_invoice_cannot_be_due_before_it_is_issued(client, accountant):
    member = UserFactory()
    client.force_login(accountant)
    fields = {"customer": member.pk, "description": "Cotisation", "unit_price": "350.00"}
    yesterday = today() - datetime.timedelta(days=1)
    response = client.post(
        reverse("invoice_admin:new_invoice"),
        {**fields, "quantity": 1, "due_date": str(yesterday)},
    )
    assert response.status_code == 200 and not Invoice.objects.exists()
    assert "ne peut pas précéder la date de la facture" in response.content.decode()
    response = client.post(
        reverse("invoice_admin:new_invoice"), {**fields, "quantity": 1, "due_date": str(today())}
    )
    assert response.status_code == 302
    assert Invoice.objects.get().due_date == today()


def test_record_a_payment(client, accountant):
    invoice = make_invoice(amount="100")
    client.force_login(accountant)
    response = client.post(
        reverse("invoice_admin:record_payment", args=[invoice.pk]),
        {"amount": "114.98", "received_at": str(today()), "method": "cheque", "reference": "1042"},
    )
    assert response.status_code == 302
    payment = Payment.objects.get(invoice=invoice)
    assert payment.reference == "1042" and payment.recorded_by == accountant
    invoice.refresh_from_db()
    assert invoice.status == Status.PAID


def test_issue_a_partial_credit_note_and_record_the_manual_refund(client, accountant):
    invoice = make_invoice(amount="100")
    record_payment(invoice, amount=invoice.total, method="cheque", received_at=today(), by=None)
    client.force_login(accountant)
    line = invoice.lines.get()
    response = client.post(
        reverse("invoice_admin:credit_note", args=[invoice.pk]),
        {"reason": "Annulation", "lines": [line.pk], "refund": "on"},
    )
    assert response.status_code == 302
    note = Invoice.objects.get(series=Series.CREDIT_NOTE)
    refund = Refund.objects.get(credit_note=note)
    assert refund.status == RefundStatus.TO_REFUND

    listing = client.get(reverse("refund_admin:index")).content.decode()
    assert reverse("refund_admin:refund_done", args=[refund.pk]) in listing
    client.post(
        reverse("refund_admin:refund_done", args=[refund.pk]),
        {"refunded_at": str(today()), "method": "cheque", "reference": "C-77"},
    )
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED and refund.reference == "C-77"


def test_staff_actions_need_the_record_payment_permission(client, editor):
    invoice = make_invoice()
    client.force_login(editor)
    for url in [
        reverse("invoice_admin:new_invoice"),
        reverse("invoice_admin:record_payment", args=[invoice.pk]),
        reverse("invoice_admin:credit_note", args=[invoice.pk]),
        reverse("invoice_admin:pdf", args=[invoice.pk]),
    ]:
        response = client.get(url)
        # Wagtail turns a refused admin view into a redirect to the dashboard.
        assert response.status_code == 403 or response.url == "/admin/", url
    assert client.get(reverse("invoice_admin:index")).status_code in (302, 403)
    response = client.post(
        reverse("invoice_admin:record_payment", args=[invoice.pk]),
        {"amount": "1", "received_at": str(today()), "method": "cheque"},
    )
    assert not Payment.objects.exists()


def test_admin_pdf_and_stripe_listing(client, accountant):
    invoice = make_invoice()
    issue_credit_note(invoice, reason="Annulation", by=None)
    client.force_login(accountant)
    response = client.get(reverse("invoice_admin:pdf", args=[invoice.pk]))
    assert response.content.startswith(b"%PDF-")
    assert client.get(reverse("stripe_admin:index")).status_code == 200
    assert client.get(reverse("payment_admin:index")).status_code == 200


@pytest.mark.parametrize(
    "language, money", [("fr", "114,98\xa0$"), ("en", "$114.98")], ids=["fr", "en"]
)
def test_money_detail_screens_read_as_the_listings(client, accountant, language, money):
    """A payment's, a Stripe payment's and a refund's detail screens give amounts as money in
    the staff member's language and the receipt number, not the receipt's stored snapshot."""

    speaks(accountant, language)
    invoice = make_invoice(amount="100")
    payment = record_payment(
        invoice, amount=invoice.total, method="cheque", received_at=today(), by=None
    )
    note = issue_credit_note(invoice, reason="Annulation", by=None, refund=True)
    client.force_login(accountant)
    screens = {
        "payment_admin": payment.pk,
        "refund_admin": note.refunds.get().pk,
        "invoice_admin": invoice.pk,
    }
    for viewset, pk in screens.items():
        page = client.get(reverse(f"{viewset}:inspect", args=[pk])).content.decode()
        assert money in page, viewset
        assert "114.98<" not in page and "{&#x27;" not in page, viewset
    page = client.get(reverse("payment_admin:inspect", args=[payment.pk])).content.decode()
    assert payment.receipt_number in page
