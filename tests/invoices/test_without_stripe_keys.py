"""Card payment without Stripe keys: no "Payer maintenant", the invoice says how to pay instead,
and the server never calls Stripe with an empty key."""

import pytest

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from invoices.models import StripeCheckout
from tests.factories import association_settings

from .factories import make_invoice

pytestmark = pytest.mark.django_db

no_keys = override_settings(STRIPE_SECRET_KEY="", STRIPE_WEBHOOK_SECRET="")


def _detail(client, invoice, language="fr"):
    client.force_login(invoice.customer)
    with translation.override(language):
        url = reverse("invoices:detail", args=[invoice.pk])
    return client.get(url).content.decode()


@no_keys
def test_without_keys_the_invoice_says_how_to_pay_instead_of_offering_the_card(
    client, payment_settings
):
    invoice = make_invoice()
    page = _detail(client, invoice)
    assert "Payer maintenant" not in page
    assert reverse("invoices:pay_card", args=[invoice.pk]) not in page
    assert "Comment payer cette facture" in page
    assert "Association fictive" in page and "C.P. 123, succursale Test" in page
    assert "Caisse fictive" in page and "0000000" in page
    assert "paiements@test.example" in page
    assert invoice.number in page
    # The offline choice (instructions by e-mail) stays, without promising the card.
    assert "Chèque" in page and "payable par carte" not in page


@no_keys
def test_without_keys_a_card_only_invoice_says_whom_to_contact(client, payment_settings):
    association_settings(email="bureau@test.example", phone="418 555-0100")
    invoice = make_invoice(card_only=True)
    page = _detail(client, invoice)
    assert "Payer maintenant" not in page
    assert "Communiquez avec nous" in page
    assert "mailto:bureau@test.example" in page and "418 555-0100" in page
    # No cheque or bank instructions: the card is the only way for this invoice.
    assert "Caisse fictive" not in page


@no_keys
def test_without_keys_the_checkout_view_refuses_without_calling_stripe(client, fake_stripe):
    invoice = make_invoice()
    client.force_login(invoice.customer)
    response = client.post(reverse("invoices:pay_card", args=[invoice.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("invoices:detail", args=[invoice.pk])
    assert "indique comment la payer autrement" in response.content.decode()
    assert fake_stripe.calls == []
    assert not StripeCheckout.objects.exists()


def test_with_keys_the_card_is_offered_as_before(client, payment_settings):
    invoice = make_invoice()
    page = _detail(client, invoice)
    assert "Payer maintenant" in page
    assert "Comment payer cette facture" not in page


@no_keys
def test_english_page_without_keys(client, payment_settings):
    invoice = make_invoice()
    page = _detail(client, invoice, "en")
    assert "How to pay this invoice" in page and "Pay now" not in page


def _pdf(client, invoice):
    from .test_member_views import pdf_text

    client.force_login(invoice.customer)
    with translation.override("fr"):
        return " ".join(pdf_text(client.get(reverse("invoices:pdf", args=[invoice.pk]))).split())


@no_keys
def test_without_keys_the_pdf_does_not_send_people_to_the_card(client, payment_settings):
    association_settings(email="bureau@test.example")
    text = _pdf(client, make_invoice())
    assert "Payer maintenant" not in text and "Association fictive" in text
    card_only = _pdf(client, make_invoice(card_only=True))
    assert "Payer maintenant" not in card_only and "bureau@test.example" in card_only


def test_with_keys_the_pdf_offers_the_card(client, payment_settings):
    assert "Payer maintenant" in _pdf(client, make_invoice())
