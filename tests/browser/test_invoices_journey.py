"""Invoice journeys in Chromium: open "Factures", "Visualiser" the PDF, pay by card (Stripe
faked at its HTTP boundary: the Checkout page sends the person straight back to the success
address) in French; announce a cheque and "Envoyer" in English."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from django.core import mail

from invoices.models import Invoice, Payment, Series, Status
from members.models import User
from tests.invoices import stripe_fake
from tests.invoices.factories import make_invoice

from .conftest import assert_accessible, login_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_views_an_invoice_then_pays_it_by_card_in_french(
    demo, page, live_server, monkeypatch
):
    fake = stripe_fake.install(monkeypatch)
    fake.redirect_to_success = True
    fake.pay_immediately = True
    member = User.objects.get(username="membre")
    unpaid = Invoice.objects.get(customer=member, series=Series.INVOICE, status=Status.TO_PAY)
    login_browser(page, member, live_server)

    page.goto("/fr/")
    page.get_by_role("link", name="Factures", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Factures")).to_be_visible()
    invoices = page.get_by_role("table", name="Vos factures et leur statut")
    row = invoices.get_by_role("row").filter(has_text=unpaid.number)
    expect(row).to_contain_text("À payer")
    assert_accessible(page)

    with page.expect_download() as download_info:
        row.get_by_role("link", name=re.compile("^Visualiser")).click()
    download = download_info.value
    assert download.suggested_filename == f"{unpaid.number}.pdf"
    with open(download.path(), "rb") as pdf:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    assert unpaid.number in text and "TPS" in text

    row.get_by_role("link", name=re.compile("^Payer")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(unpaid.number)
    assert_accessible(page)
    page.get_by_role("button", name="Payer maintenant").click()

    expect(page.get_by_role("heading", level=1, name="Factures")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("votre paiement a été reçu")
    expect(invoices.get_by_role("row").filter(has_text=unpaid.number)).to_contain_text("Payée")
    assert_accessible(page)
    assert Payment.objects.filter(invoice=unpaid, method="card").count() == 1
    assert len(fake.posts("/v1/checkout/sessions")) == 1


def test_member_ticks_two_invoices_and_pays_the_selection_in_french(
    demo, page, live_server, monkeypatch
):
    fake = stripe_fake.install(monkeypatch)
    fake.redirect_to_success = True
    fake.pay_immediately = True
    member = User.objects.get(username="membre")
    first = make_invoice(member, amount="40.00")
    gala = make_invoice(member, amount="145.00", taxable=False, card_only=True)
    login_browser(page, member, live_server)

    page.goto("/fr/account/invoices/")
    invoices = page.get_by_role("table", name="Vos factures et leur statut")
    page.get_by_role("checkbox", name=f"Sélectionner la facture {first.number}").check()
    page.get_by_role("checkbox", name=f"Sélectionner la facture {gala.number}").check()
    assert_accessible(page)
    page.get_by_role("button", name="Payer la sélection").click()

    expect(page.get_by_role("heading", level=1, name="Factures")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("votre paiement a été reçu")
    for invoice in (first, gala):
        expect(invoices.get_by_role("row").filter(has_text=invoice.number)).to_contain_text("Payée")
    [(_, _, params, _key)] = fake.posts("/v1/checkout/sessions")
    assert "line_items[1][price_data][unit_amount]" in params  # one line per invoice
    assert Payment.objects.filter(invoice__in=[first, gala], method="card").count() == 2


def test_member_chooses_a_cheque_and_sends_in_english(demo, english_page, live_server):
    page = english_page
    member = User.objects.create_user(
        username="anglo", email="anglo@example.org", language="en", first_name="Robin"
    )
    invoice = make_invoice(member, amount="250.00")
    mail.outbox.clear()
    login_browser(page, member, live_server)

    page.goto("/en/account/invoices/")
    expect(page.get_by_role("heading", level=1, name="Invoices")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=invoice.number)).to_contain_text("$287.44")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Pay")).click()
    assert_accessible(page)

    page.get_by_role("radio", name="Cheque").check()
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("status")).to_contain_text("e-mailed you the instructions")
    expect(page.get_by_role("status").get_by_role("list")).to_be_focused()  # read first
    expect(page.locator(".facts")).to_contain_text("Awaiting cheque")
    assert_accessible(page)
    invoice.refresh_from_db()
    assert invoice.status == Status.AWAITING_CHEQUE
    [message] = [m for m in mail.outbox if "How to pay" in m.subject]
    assert message.to == ["anglo@example.org"] and invoice.number in message.body
