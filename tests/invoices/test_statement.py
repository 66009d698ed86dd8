"""An organization's statement of account: what its delegate and staff download."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from django.urls import reverse
from django.utils import translation

from home.formatting import format_long_date
from invoices.services import issue_credit_note, record_payment
from invoices.statements import organization_statement
from tests.factories import DelegateGrantFactory, FunctionFactory, OrganizationFactory, UserFactory

from .factories import make_invoice, today

pytestmark = pytest.mark.django_db


def pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def billed():
    """An organization whose delegate registered a colleague (one open invoice of 1 149,75 $
    with taxes), another colleague's invoice of 229,95 $ partly credited (114,98 $) and partly
    paid (50 $), and a third one fully paid."""
    organization = OrganizationFactory(name="Ville de Rivière-Claire")
    delegate = FunctionFactory(organization=organization).user
    DelegateGrantFactory(user=delegate, organization=organization)
    colleague = FunctionFactory(organization=organization).user
    other = FunctionFactory(organization=organization).user
    open_invoice = make_invoice(colleague, amount="1000.00", by=delegate)
    partly = make_invoice(other, amount="200.00", by=delegate)
    note = issue_credit_note(
        partly,
        reason="Demi-journée seulement",
        by=None,
        lines=[_line("Demi-journée", "100.00")],
    )
    payment = record_payment(
        partly, amount=Decimal("50.00"), method="cheque", received_at=today(), by=None
    )
    paid = make_invoice(other, amount="10.00", by=delegate)
    record_payment(paid, amount=paid.total, method="interac", received_at=today(), by=None)
    # Someone else's organization: never on this statement.
    foreign = make_invoice(FunctionFactory().user, amount="300.00")
    return {
        "organization": organization,
        "delegate": delegate,
        "open": open_invoice,
        "partly": partly,
        "note": note,
        "payment": payment,
        "paid": paid,
        "foreign": foreign,
    }


def _line(description, amount):
    from invoices.services import LineSpec

    return LineSpec(description, Decimal(amount))


def test_the_statement_lists_open_invoices_credits_payments_and_the_balance(billed):
    statement = organization_statement(billed["organization"])
    assert [i.number for i in statement.open_invoices] == [
        billed["open"].number,
        billed["partly"].number,
    ]
    assert [n.number for n in statement.credit_notes] == [billed["note"].number]
    assert billed["payment"] in statement.payments and len(statement.payments) == 2
    # 1 149,75 + (229,95 − 114,98 − 50,00) = 1 214,72
    assert statement.total_due == Decimal("1214.72")
    assert statement.balance == Decimal("1214.72")
    assert statement.language == "fr"


def test_the_delegate_downloads_the_statement_in_french(client, billed):
    client.force_login(billed["delegate"])
    with translation.override("fr"):
        url = reverse("members:organization_statement", args=[billed["organization"].pk])
    text = pdf_text(client.get(url))
    assert "Relevé de compte" in text
    assert "Ville de Rivière-Claire" in text
    assert billed["open"].number in text and billed["partly"].number in text
    assert billed["paid"].number in text  # its payment, in the payments received
    assert billed["note"].number in text and billed["payment"].receipt_number in text
    assert billed["foreign"].number not in text
    assert "1\u202f149,75 $" in text and "114,98 $" in text and "50,00 $" in text
    assert "1\u202f214,72 $" in text and "Solde" in text
    assert format_long_date(today(), "fr") in text


def test_an_organization_in_english_gets_its_statement_in_english(client, billed, monkeypatch):
    from home.billing import BillingDetails
    from members.models import Organization

    original = Organization.billing_details

    def in_english(self):
        details = original(self)
        return BillingDetails(**{**details.__dict__, "language": "en"})

    monkeypatch.setattr(Organization, "billing_details", in_english)
    client.force_login(billed["delegate"])
    text = pdf_text(
        client.get(reverse("members:organization_statement", args=[billed["organization"].pk]))
    )
    assert "Statement of account" in text and "Open invoices" in text
    assert "$1,149.75" in text and "$1,214.72" in text and "Balance" in text
    assert format_long_date(today(), "en") in text
    assert "Relevé" not in text


def test_only_the_organizations_delegates_and_billing_staff_download_it(client, billed, accountant):
    organization = billed["organization"]
    member_url = reverse("members:organization_statement", args=[organization.pk])
    other_delegate = UserFactory()
    DelegateGrantFactory(user=other_delegate)
    colleague = billed["open"].customer  # of the organization, but not its delegate
    for person in (other_delegate, colleague):
        client.force_login(person)
        assert client.get(member_url).status_code == 404
    client.force_login(accountant)
    assert client.get(member_url).status_code == 404  # staff use the admin
    admin_url = reverse("member_organizations:statement", args=[organization.pk])
    assert "Relevé de compte" in pdf_text(client.get(admin_url))
    from django.contrib.auth.models import Permission

    accountant.user_permissions.add(Permission.objects.get(codename="change_organization"))
    edit = client.get(reverse("member_organizations:edit", args=[organization.pk]))
    assert admin_url in edit.content.decode()


def test_staff_without_the_billing_permission_get_no_statement(client, billed):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_organization"),
    )
    client.force_login(staff)
    organization = billed["organization"]
    response = client.get(reverse("member_organizations:statement", args=[organization.pk]))
    assert response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")
    edit = client.get(reverse("member_organizations:edit", args=[organization.pk]))
    assert edit.status_code == 200
    assert reverse("member_organizations:statement", args=[organization.pk]) not in (
        edit.content.decode()
    )
