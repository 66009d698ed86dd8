"""Issued documents never change: what an invoice, a credit note or a receipt prints is fixed
when it is issued, whatever later happens to the settings, the rates or the person's file."""

from decimal import Decimal

import pytest

from django.core.cache import cache
from django.urls import reverse

from home.models import AssociationSettings
from invoices.models import PaymentSettings
from invoices.services import LineSpec, issue_credit_note, issue_invoice, record_payment
from tests.factories import FunctionFactory, OrganizationFactory, UserFactory, default_site

from .factories import today
from .test_member_views import pdf_text

pytestmark = pytest.mark.django_db

ORIGINAL = [
    "Cercle des gestionnaires",
    "1000, rue de la Fabrique",
    "123456789 RT0001",
    "1234567890 TQ0001",
    "9,975",
    "Association fictive",
    "Caisse fictive",
    "paiements@test.example",
    "Camille",
    "Ville de Lacolline",
]


def _settings():
    site = default_site()
    association = AssociationSettings.for_site(site)
    payment = PaymentSettings.for_site(site)
    return association, payment


def _set_everything(association, payment, *, new):
    association.name = "Ordre renommé" if new else "Cercle des gestionnaires"
    association.name_en = "Renamed order" if new else "Circle of managers"
    association.address = "1, boulevard Nouveau" if new else "1000, rue de la Fabrique"
    association.email = "nouveau@test.example" if new else "info@test.example"
    association.phone = "418 555-9999" if new else "418 555-0100"
    association.gst_number = "999999999 RT9999" if new else "123456789 RT0001"
    association.qst_number = "9999999999 TQ9999" if new else "1234567890 TQ0001"
    association.save()
    payment.payee = "Bénéficiaire changé" if new else "Association fictive"
    payment.mailing_address = "C.P. 999" if new else "C.P. 123, succursale Test"
    payment.bank_name = "Banque nouvelle" if new else "Caisse fictive"
    payment.bank_transit = "99999" if new else "00000"
    payment.bank_institution = "999" if new else "000"
    payment.bank_account = "9999999" if new else "0000000"
    payment.interac_email = "nouveau-paiement@test.example" if new else "paiements@test.example"
    payment.save()


def test_changing_every_setting_after_issue_changes_no_document(client, settings):
    association, payment = _settings()
    _set_everything(association, payment, new=False)
    function = FunctionFactory(
        organization=OrganizationFactory(name="Ville de Lacolline", street="5, rue du Lac"),
        user=UserFactory(first_name="Camille", last_name="Fictif"),
    )
    person = function.user
    staff = UserFactory(is_staff=True, is_superuser=True)
    invoice = issue_invoice(lines=[LineSpec("Congrès", Decimal("650.00"))], customer=person)
    payment_row = record_payment(
        invoice, amount=Decimal("100.00"), method="cheque", received_at=today(), by=staff
    )
    cancelled = issue_invoice(lines=[LineSpec("Gala", Decimal("145.00"))], customer=person)
    note = issue_credit_note(cancelled, reason="Annulation", by=staff)
    assert invoice.organization == function.organization

    client.force_login(person)
    urls = [
        reverse("invoices:pdf", args=[invoice.pk]),
        reverse("invoices:pdf", args=[note.pk]),
        reverse("invoices:receipt", args=[payment_row.pk]),
    ]
    before = [pdf_text(client.get(url)) for url in urls]
    for expected in ORIGINAL:
        assert expected in before[0], expected
    assert "Cercle des gestionnaires" in before[1] and "Ville de Lacolline" in before[2]

    _set_everything(association, payment, new=True)
    settings.GST_RATE = Decimal("0.06")
    settings.QST_RATE = Decimal("0.10")
    person.first_name, person.last_name = "Dominique", "Renommé"
    person.save()
    function.organization.name = "Ville de Lacolline-Nord"
    function.organization.street = "9, avenue Autre"
    function.organization.save()

    cache.clear()  # rendered again from the documents, not from the PDF cache
    after = [pdf_text(client.get(url)) for url in urls]
    assert after == before
    # The settings did change: a document issued now prints the new values.
    fresh = issue_invoice(lines=[LineSpec("Atelier", Decimal("100.00"))], customer=person)
    text = pdf_text(client.get(reverse("invoices:pdf", args=[fresh.pk])))
    for changed in ["Ordre renommé", "999999999 RT9999", "Banque nouvelle", "Dominique", "6 %"]:
        assert changed in text, changed


def test_english_document_keeps_the_english_name_it_was_issued_with(client):
    association, payment = _settings()
    _set_everything(association, payment, new=False)
    person = UserFactory(language="en")
    invoice = issue_invoice(lines=[LineSpec("Workshop", Decimal("100.00"))], customer=person)
    association.name_en = "Another name"
    association.save()
    client.force_login(person)
    text = pdf_text(client.get(reverse("invoices:pdf", args=[invoice.pk])))
    assert "Circle of managers" in text and "Another name" not in text
