""" "Payer la sélection": several invoices paid in one Stripe Checkout session, one line and
one payment (with its receipt) per invoice, recorded once. Stripe is faked at its HTTP
boundary only."""

from decimal import Decimal

import pytest

from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from home.errors import QuorumError
from invoices import services
from invoices.models import (
    CheckoutAllocation,
    CheckoutStatus,
    Payment,
    Status,
    StripeCheckout,
)
from invoices.services import (
    fulfil_checkout_payments,
    record_payment,
    start_checkout_for,
)
from tests.factories import UserFactory

from .factories import make_invoice, today
from .stripe_fake import event, post_event

pytestmark = pytest.mark.django_db


def url(name, language="fr"):
    with translation.override(language):
        return reverse(f"invoices:{name}")


@pytest.fixture
def member():
    return UserFactory(language="fr")


def _pay(client, user, *invoices, **extra):
    client.force_login(user)
    return client.post(url("pay_selected"), {"invoices": [i.pk for i in invoices], **extra})


def _line_items(params):
    items = []
    while f"line_items[{len(items)}][quantity]" in params:
        prefix = f"line_items[{len(items)}]"
        items.append(
            (
                params[f"{prefix}[price_data][product_data][name]"],
                params[f"{prefix}[price_data][unit_amount]"],
            )
        )
    return items


def test_the_list_lets_a_member_tick_payable_invoices_and_pay_the_selection(client, member):
    payable = make_invoice(member, amount="100.00")
    paid = make_invoice(member, amount="10.00")
    record_payment(paid, amount=paid.total, method="cheque", received_at=today(), by=None)
    client.force_login(member)

    page = client.get(url("list")).content.decode()
    assert "Payer la sélection" in page
    assert f'name="invoices" value="{payable.pk}"' in page
    assert f'name="invoices" value="{paid.pk}"' not in page  # nothing left to pay

    english = client.get(url("list", "en")).content.decode()
    assert "Pay selected" in english


def test_pay_selected_opens_one_checkout_with_one_line_per_invoice(client, fake_stripe, member):
    first = make_invoice(member, amount="100.00")  # 114.98 with taxes
    gala = make_invoice(member, amount="145.00", taxable=False, card_only=True)
    # An amount in the form is ignored: the amounts are the invoices' balances.
    response = _pay(client, member, first, gala, amount="1.00")

    [(_, _, params, key)] = fake_stripe.posts("/v1/checkout/sessions")
    assert sorted(_line_items(params)) == sorted(
        [
            (f"Facture {first.number} · {first.billed_name}", "11498"),
            (f"Facture {gala.number} · {gala.billed_name}", "14500"),
        ]
    )
    assert key.startswith("quorum-checkout-set-")
    checkout = StripeCheckout.objects.get()
    assert response.status_code == 302 and response.url == checkout.url
    assert checkout.amount == Decimal("259.98") and checkout.status == CheckoutStatus.OPEN
    assert {(a.invoice, a.amount) for a in checkout.allocations.all()} == {
        (first, Decimal("114.98")),
        (gala, Decimal("145.00")),
    }


def test_a_second_click_on_the_same_selection_reuses_the_session(client, fake_stripe, member):
    first, second = make_invoice(member), make_invoice(member)
    one = _pay(client, member, first, second)
    two = _pay(client, member, second, first)
    assert one.url == two.url
    assert len(fake_stripe.posts("/v1/checkout/sessions")) == 1
    _pay(client, member, first)  # another selection: another session
    assert len(fake_stripe.posts("/v1/checkout/sessions")) == 2


def test_success_page_records_one_payment_and_receipt_per_invoice_once(
    client, fake_stripe, member, mailoutbox, django_capture_on_commit_callbacks
):
    first = make_invoice(member, amount="100.00")
    second = make_invoice(member, amount="50.00")
    _pay(client, member, first, second)
    checkout = StripeCheckout.objects.get()
    fake_stripe.pay(checkout.session_id)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url("selection_paid"), {"session_id": checkout.session_id})
        client.get(url("selection_paid"), {"session_id": checkout.session_id})  # reloaded
    assert response.status_code == 302 and response.url == url("list")

    for invoice, amount in ((first, "114.98"), (second, "57.49")):
        invoice.refresh_from_db()
        assert invoice.status == Status.PAID
        [payment] = Payment.objects.filter(invoice=invoice)
        assert payment.amount == Decimal(amount) and payment.method == "card"
        assert payment.stripe_checkout_session_id == checkout.session_id
    receipts = sorted(m.attachments[0][0] for m in mailoutbox)
    assert len(receipts) == 2 and all(name.startswith("R-") for name in receipts)
    checkout.refresh_from_db()
    assert checkout.status == CheckoutStatus.COMPLETE
    assert set(checkout.allocations.values_list("payment__invoice", flat=True)) == {
        first.pk,
        second.pk,
    }


def test_a_repeated_webhook_changes_nothing(client, fake_stripe, member, mailoutbox):
    first, second = make_invoice(member), make_invoice(member)
    _pay(client, member, first, second)
    session = fake_stripe.pay(StripeCheckout.objects.get().session_id)
    completed = event("checkout.session.completed", session)

    assert post_event(client, completed).status_code == 200
    assert post_event(client, completed).status_code == 200  # the same event again
    # Stripe may also say it with another event (async payment succeeded): still once.
    assert post_event(client, event("checkout.session.completed", session)).status_code == 200
    client.get(url("selection_paid"), {"session_id": session["id"]})

    assert Payment.objects.filter(invoice=first).count() == 1
    assert Payment.objects.filter(invoice=second).count() == 1
    assert Payment.objects.count() == 2


def test_a_delegate_pays_the_invoices_they_caused_for_colleagues(client, fake_stripe):
    delegate = UserFactory()
    colleagues = [UserFactory(), UserFactory()]
    invoices = [make_invoice(person, by=delegate) for person in colleagues]
    _pay(client, delegate, *invoices)
    session = fake_stripe.pay(StripeCheckout.objects.get().session_id)
    post_event(client, event("checkout.session.completed", session))
    for invoice in invoices:
        invoice.refresh_from_db()
        assert invoice.status == Status.PAID


def test_someone_elses_invoice_in_the_selection_is_a_404_and_opens_nothing(
    client, fake_stripe, member
):
    mine = make_invoice(member)
    theirs = make_invoice(UserFactory())
    response = _pay(client, member, mine, theirs)
    assert response.status_code == 404
    assert fake_stripe.posts("/v1/checkout/sessions") == []
    client.force_login(member)
    assert client.post(url("pay_selected"), {"invoices": ["x"]}).status_code == 404


def test_an_invoice_with_nothing_left_to_pay_refuses_the_selection(client, fake_stripe, member):
    unpaid = make_invoice(member)
    paid = make_invoice(member)
    record_payment(paid, amount=paid.total, method="cheque", received_at=today(), by=None)
    response = _pay(client, member, unpaid, paid)
    assert response.status_code == 302 and response.url == url("list")
    assert fake_stripe.posts("/v1/checkout/sessions") == []
    page = client.get(response.url).content.decode()
    assert f"La facture {paid.number} n’a plus rien à payer." in page


def test_nothing_ticked_says_so(client, fake_stripe, member):
    make_invoice(member)
    response = _pay(client, member)
    assert response.status_code == 302
    assert fake_stripe.posts("/v1/checkout/sessions") == []


def test_the_success_page_of_someone_elses_session_is_a_404(client, fake_stripe, member):
    other = UserFactory()
    _pay(client, other, make_invoice(other), make_invoice(other))
    session = fake_stripe.pay(StripeCheckout.objects.get().session_id)
    client.force_login(member)
    response = client.get(url("selection_paid"), {"session_id": session["id"]})
    assert response.status_code == 404
    assert not Payment.objects.exists()


def test_fulfilment_is_all_or_nothing(fake_stripe, member):
    first, second = make_invoice(member), make_invoice(member)
    start_checkout_for(
        [first, second], by=member, success_url="https://x.test/ok", cancel_url="https://x.test"
    )
    session = fake_stripe.pay(StripeCheckout.objects.get().session_id)
    # The second invoice already holds a payment of this session (a bug, or a row restored by
    # hand): its insert fails, and the first invoice's payment is not kept either.
    Payment.objects.create(
        invoice=second,
        amount=Decimal("1.00"),
        method="card",
        received_at=today(),
        stripe_checkout_session_id=session["id"],
    )
    with pytest.raises(IntegrityError):
        fulfil_checkout_payments(session)
    assert not Payment.objects.filter(invoice=first).exists()
    assert not CheckoutAllocation.objects.filter(payment__isnull=False).exists()
    assert StripeCheckout.objects.get().status == CheckoutStatus.OPEN


def test_a_session_paying_another_total_than_asked_records_nothing(fake_stripe, member):
    first, second = make_invoice(member), make_invoice(member)
    start_checkout_for(
        [first, second], by=member, success_url="https://x.test/ok", cancel_url="https://x.test"
    )
    session = fake_stripe.pay(StripeCheckout.objects.get().session_id)
    session["amount_total"] -= 100
    with pytest.raises(QuorumError):
        fulfil_checkout_payments(session)
    assert not Payment.objects.exists()


def test_an_invoice_paid_meanwhile_is_still_recorded_once_and_shows_the_overpayment(
    fake_stripe, member
):
    first, second = make_invoice(member), make_invoice(member)
    start_checkout_for(
        [first, second], by=member, success_url="https://x.test/ok", cancel_url="https://x.test"
    )
    # Staff recorded a cheque for the second invoice while the person was on Stripe's page.
    record_payment(second, amount=second.total, method="cheque", received_at=today(), by=None)
    session = fake_stripe.pay(StripeCheckout.objects.get().session_id)
    payments = fulfil_checkout_payments(session)
    assert fulfil_checkout_payments(session) == payments
    assert len(payments) == 2
    second.refresh_from_db()
    assert second.balance_due == -second.total  # a credit staff refund with a credit note


def test_at_most_a_hundred_invoices_per_session(fake_stripe, member, monkeypatch):
    # Stripe Checkout takes 100 line items; the limit is lowered to keep the test short.
    monkeypatch.setattr(services, "MAX_CHECKOUT_INVOICES", 2)
    invoices = [make_invoice(member, amount="1.00") for _ in range(3)]
    with pytest.raises(QuorumError) as refused:
        start_checkout_for(
            invoices, by=member, success_url="https://x.test/ok", cancel_url="https://x.test"
        )
    assert refused.value.code == "too_many"
    assert fake_stripe.posts("/v1/checkout/sessions") == []
