""" "Mon compte" → "Factures": what a member, a delegate, another member and a visitor see."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from home.formatting import format_long_date
from invoices.models import Invoice, Payment, Status
from invoices.services import issue_credit_note, record_payment
from tests.factories import UserFactory, association_settings

from .factories import make_invoice, today

pytestmark = pytest.mark.django_db


def pdf_text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def url(name, *args, language="fr"):
    with translation.override(language):
        return reverse(f"invoices:{name}", args=args)


def test_list_shows_invoices_credit_notes_and_receipts_in_french(client):
    member = UserFactory(language="fr")
    paid = make_invoice(member, amount="1073.77")  # 1 234,57 $ with taxes
    record_payment(paid, amount=paid.total, method="cheque", received_at=today(), by=None)
    unpaid = make_invoice(member, amount="50.00")
    issue_credit_note(unpaid, reason="Erreur", by=None, lines=None)
    client.force_login(member)

    page = client.get(url("list")).content.decode()
    assert "<h1>Factures</h1>" in page
    assert paid.number in page and unpaid.number in page
    assert "1\u202f234,57\u00a0$" in page
    assert "Payée" in page and "Annulée" in page
    assert "Visualiser" in page and "Voir" in page
    assert "NC-000001" in page and "R-" in page


def test_list_in_english_formats_amounts_the_english_way(client):
    member = UserFactory(language="en")
    make_invoice(member, amount="1073.77")
    client.force_login(member)
    page = client.get(url("list", language="en")).content.decode()
    assert "$1,234.57" in page and "To pay" in page and ">View<span" in page


def test_visualiser_downloads_the_pdf_in_the_billed_persons_language(client):
    member = UserFactory(language="fr")
    invoice = make_invoice(member, amount="1073.77")
    client.force_login(member)
    response = client.get(url("pdf", invoice.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{invoice.number}.pdf"'
    text = pdf_text(response)
    assert invoice.number in text and "TPS" in text and "TVQ" in text
    # The narrow no-break space between thousands survives the embedded font (pypdf reports
    # the ordinary no-break space before "$" as a space).
    assert "1\u202f234,57 $" in text
    assert "Solde à payer" in text


def test_english_pdf(client):
    member = UserFactory(language="en")
    invoice = make_invoice(member, amount="1073.77")
    client.force_login(member)
    text = pdf_text(client.get(url("pdf", invoice.pk, language="en")))
    assert invoice.number in text and "GST" in text and "$1,234.57" in text


def test_receipt_pdf(client):
    member = UserFactory()
    invoice = make_invoice(member)
    payment = record_payment(
        invoice, amount=Decimal("50"), method="interac", received_at=today(), by=None
    )
    client.force_login(member)
    text = pdf_text(client.get(url("receipt", payment.pk)))
    assert payment.receipt_number in text and invoice.number in text and "50,00" in text
    assert format_long_date(today(), "fr") in text  # e.g. "17 avril 2026"


@pytest.mark.parametrize("name", ["detail", "pdf", "pay_card", "pay_offline", "checkout_success"])
def test_another_members_invoice_is_404(client, name, fake_stripe):
    invoice = make_invoice()
    client.force_login(UserFactory())
    method = client.post if name.startswith("pay") else client.get
    assert method(url(name, invoice.pk), {"method": "cheque"}).status_code == 404
    assert fake_stripe.calls == []


def test_another_members_receipt_is_404(client):
    invoice = make_invoice()
    payment = record_payment(
        invoice, amount=invoice.total, method="cheque", received_at=today(), by=None
    )
    client.force_login(UserFactory())
    assert client.get(url("receipt", payment.pk)).status_code == 404
    assert invoice.number not in client.get(url("list")).content.decode()


@pytest.mark.parametrize("name", ["list", "detail", "pdf", "receipt"])
def test_anonymous_is_sent_to_login(client, name):
    invoice = make_invoice()
    args = [] if name == "list" else [invoice.pk]
    response = client.get(url(name, *args))
    assert response.status_code == 302 and response.url.startswith(reverse("members:login"))


def test_delegate_sees_and_pays_the_invoices_they_caused(client, fake_stripe):
    delegate = UserFactory()
    colleague = UserFactory()
    caused = make_invoice(colleague, by=delegate)
    own_of_colleague = make_invoice(colleague)
    client.force_login(delegate)

    page = client.get(url("list")).content.decode()
    assert caused.number in page and own_of_colleague.number not in page
    assert client.get(url("pdf", caused.pk)).status_code == 200
    assert client.get(url("pdf", own_of_colleague.pk)).status_code == 404
    assert client.post(url("pay_card", caused.pk)).status_code == 302
    assert len(fake_stripe.posts("/v1/checkout/sessions")) == 1


def test_choosing_cheque_then_envoyer_awaits_it_and_mails_the_instructions(
    client, django_capture_on_commit_callbacks, payment_settings
):
    member = UserFactory(language="fr")
    invoice = make_invoice(member)
    client.force_login(member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("pay_offline", invoice.pk), {"method": "cheque"}, follow=True)

    invoice.refresh_from_db()
    assert invoice.status == Status.AWAITING_CHEQUE
    page = response.content.decode()
    assert "En attente du chèque" in page and "instructions" in page
    [message] = mail.outbox
    assert message.to == [member.email]
    assert invoice.number in message.subject
    assert "Association fictive" in message.body and "C.P. 123" in message.body
    assert invoice.number in message.body


def test_interac_instructions_give_the_address_and_the_invoice_number_as_reference(
    client, django_capture_on_commit_callbacks, payment_settings
):
    member = UserFactory(language="en")
    invoice = make_invoice(member)
    client.force_login(member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("pay_offline", invoice.pk, language="en"), {"method": "interac"})
    invoice.refresh_from_db()
    assert invoice.status == Status.AWAITING_INTERAC
    body = mail.outbox[0].body
    assert "paiements@test.example" in body and f"invoice number {invoice.number}" in body


def test_no_method_chosen_is_an_error_tied_to_the_field(client):
    member = UserFactory()
    invoice = make_invoice(member)
    client.force_login(member)
    response = client.post(url("pay_offline", invoice.pk), {})
    assert response.status_code == 400
    assert 'aria-describedby="method-errors"' in response.content.decode()


def test_paid_invoice_offers_no_payment(client):
    member = UserFactory()
    invoice = make_invoice(member)
    record_payment(invoice, amount=invoice.total, method="cheque", received_at=today(), by=None)
    client.force_login(member)
    page = client.get(url("detail", invoice.pk)).content.decode()
    assert "Payer maintenant" not in page
    assert Payment.objects.count() == 1


def test_pdf_shows_the_tax_registration_numbers_and_how_to_pay(client, payment_settings):

    association_settings(gst_number="123456789 RT0001", qst_number="1234567890 TQ0001")
    member = UserFactory()
    invoice = make_invoice(member)
    client.force_login(member)
    text = pdf_text(client.get(url("pdf", invoice.pk)))
    assert "123456789 RT0001" in text and "1234567890 TQ0001" in text
    assert "Caisse fictive" in text and "paiements@test.example" in text


def _list_queries(client, **params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url("list"), params)  # warm the per-process caches (site, settings, locales)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("list"), params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _documents(customer, count, *, by=None):
    """`count` invoices, each partly paid and partly credited: every list of the page shows
    rows, with one invoice as with fifty."""
    from invoices.services import LineSpec

    for _index in range(count):
        invoice = make_invoice(customer, amount="10.00", by=by)
        record_payment(
            invoice, amount=Decimal("5.00"), method="cheque", received_at=today(), by=None
        )
        issue_credit_note(
            invoice, reason="Erreur", by=None, lines=[LineSpec("Erreur", Decimal("1.00"))]
        )


@pytest.mark.parametrize("role", ["member", "delegate"])
def test_the_list_runs_as_many_queries_for_one_invoice_as_for_fifty(client, role):
    viewer = UserFactory()
    colleagues = [UserFactory() for _ in range(3)]

    def add(count):
        if role == "member":
            _documents(viewer, count)
        else:  # a delegate sees the invoices they caused for their colleagues
            for index in range(count):
                _documents(colleagues[index % 3], 1, by=viewer)

    add(1)
    client.force_login(viewer)
    one, _page = _list_queries(client)
    add(49)
    fifty, page = _list_queries(client)
    assert fifty == one
    assert one <= 12  # a member page's queries (issue 11), with three lists of documents
    assert "Page 1 sur 2" in page  # 25 invoices a page
    assert (fifty, one) == (_list_queries(client, page=2)[0], one)


def test_the_list_filters_by_year_and_searches_by_number_or_name(client):
    member = UserFactory(first_name="Rosalie", last_name="Gagnon")
    old = make_invoice(member)
    Invoice.objects.filter(pk=old.pk).update(issued_at=old.issued_at.replace(year=2024))
    recent = make_invoice(member)
    client.force_login(member)

    page = client.get(url("list"), {"year": "2024"}).content.decode()
    assert old.number in page and recent.number not in page
    assert '<option value="2024" selected>' in page

    page = client.get(url("list"), {"q": recent.number}).content.decode()
    assert recent.number in page and old.number not in page

    page = client.get(url("list"), {"q": "personne inconnue"}).content.decode()
    assert "Aucune facture ne correspond à cette recherche." in page


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans, made without statistics")
def test_the_list_finds_a_persons_documents_through_their_own_indexes(client):
    """SQLite keeps no statistics: the list of a person's invoices walked the index of every
    invoice of the series (a quarter of a second at 500,000 invoices, `make bench-scale`)
    instead of the person's own few. Both lists now go through the person's indexes."""
    member = UserFactory()
    issue_credit_note(make_invoice(member), reason="Erreur", by=None, lines=None)
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("list")).status_code == 200
    lists = [q["sql"] for q in queries if "ORDER BY" in q["sql"] and "LIMIT" in q["sql"]]
    lists = [sql for sql in lists if sql.startswith('SELECT "invoices_invoice"."id"')]
    assert len(lists) == 2, lists  # invoices, credit notes
    with connection.cursor() as cursor:
        for sql in lists:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " / ".join(row[3] for row in cursor.fetchall())
            assert "MULTI-INDEX OR" in plan and "autoindex" not in plan, plan
