"""Card payments through Stripe Checkout, faked at Stripe's HTTP boundary only."""

from decimal import Decimal

import pytest

from django.urls import reverse

from invoices.models import (
    CheckoutStatus,
    Payment,
    ProcessedStripeEvent,
    Refund,
    RefundStatus,
    Status,
    StripeCheckout,
)
from invoices.services import issue_credit_note, record_payment
from tests.factories import UserFactory

from .factories import make_invoice, today
from .stripe_fake import event, post_event

pytestmark = pytest.mark.django_db


def _pay_by_card(client, invoice):
    client.force_login(invoice.customer)
    return client.post(reverse("invoices:pay_card", args=[invoice.pk]))


def test_pay_now_opens_checkout_for_the_balance_with_an_idempotency_key(client, fake_stripe):
    invoice = make_invoice(amount="650.00")  # 747.34 with taxes
    response = _pay_by_card(client, invoice)

    [(_, _, params, key)] = fake_stripe.posts("/v1/checkout/sessions")
    assert params["line_items[0][price_data][unit_amount]"] == "74734"
    assert params["line_items[0][price_data][currency]"] == "cad"
    assert params["metadata[invoice_id]"] == str(invoice.pk)
    assert key and str(invoice.pk) in key
    checkout = StripeCheckout.objects.get(invoice=invoice)
    assert response.status_code == 302 and response.url == checkout.url
    assert checkout.amount == Decimal("747.34") and checkout.status == CheckoutStatus.OPEN


def test_a_second_click_reuses_the_open_session(client, fake_stripe):
    invoice = make_invoice()
    first = _pay_by_card(client, invoice)
    second = _pay_by_card(client, invoice)
    assert first.url == second.url
    assert len(fake_stripe.posts("/v1/checkout/sessions")) == 1


def test_success_page_asks_stripe_and_records_the_payment_once(
    client, fake_stripe, mailoutbox, django_capture_on_commit_callbacks
):
    invoice = make_invoice(amount="100.00")
    _pay_by_card(client, invoice)
    checkout = StripeCheckout.objects.get(invoice=invoice)
    fake_stripe.pay(checkout.session_id)
    mailoutbox.clear()

    success = reverse("invoices:checkout_success", args=[invoice.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(success, {"session_id": checkout.session_id})
        client.get(success, {"session_id": checkout.session_id})  # reloaded: still one payment
    assert response.status_code == 302 and response.url == reverse("invoices:list")

    invoice.refresh_from_db()
    assert invoice.status == Status.PAID and invoice.balance_due == Decimal("0.00")
    payment = Payment.objects.get(invoice=invoice)
    assert payment.amount == Decimal("114.98") and payment.method == "card"
    assert payment.stripe_payment_intent_id.startswith("pi_test_")
    assert len(mailoutbox) == 1 and mailoutbox[0].attachments[0][0].startswith("R-")


def test_success_page_before_stripe_confirms_leaves_the_invoice_payable(client, fake_stripe):
    invoice = make_invoice()
    _pay_by_card(client, invoice)
    checkout = StripeCheckout.objects.get(invoice=invoice)
    response = client.get(
        reverse("invoices:checkout_success", args=[invoice.pk]),
        {"session_id": checkout.session_id},
        follow=True,
    )
    assert "pas encore confirmé" in response.content.decode()
    invoice.refresh_from_db()
    assert invoice.status == Status.TO_PAY and not Payment.objects.exists()


def test_success_page_with_a_made_up_session_is_404(client, fake_stripe):
    invoice = make_invoice()
    client.force_login(invoice.customer)
    response = client.get(
        reverse("invoices:checkout_success", args=[invoice.pk]), {"session_id": "cs_forged"}
    )
    assert response.status_code == 404


def test_webhook_records_the_payment_and_the_same_event_three_times_counts_once(
    client, fake_stripe
):
    invoice = make_invoice()
    _pay_by_card(client, invoice)
    session = fake_stripe.pay(StripeCheckout.objects.get(invoice=invoice).session_id)
    completed = event("checkout.session.completed", session)
    client.logout()

    for _attempt in range(3):
        assert post_event(client, completed).status_code == 200
    # Another event about the same session (Stripe may send both) does not pay twice either.
    post_event(client, event("checkout.session.async_payment_succeeded", session))
    # …nor does the person coming back to the success page.
    client.force_login(invoice.customer)
    client.get(
        reverse("invoices:checkout_success", args=[invoice.pk]), {"session_id": session["id"]}
    )

    assert Payment.objects.filter(invoice=invoice).count() == 1
    assert ProcessedStripeEvent.objects.filter(event_id=completed["id"]).count() == 1
    invoice.refresh_from_db()
    assert invoice.status == Status.PAID


def test_bad_signature_is_refused_and_changes_nothing(client, fake_stripe):
    invoice = make_invoice()
    _pay_by_card(client, invoice)
    session = fake_stripe.pay(StripeCheckout.objects.get(invoice=invoice).session_id)
    completed = event("checkout.session.completed", session)

    assert post_event(client, completed, secret="whsec_wrong").status_code == 400
    unsigned = client.post("/stripe/webhook/", data="{}", content_type="application/json")
    assert unsigned.status_code == 400
    assert not Payment.objects.exists() and not ProcessedStripeEvent.objects.exists()
    invoice.refresh_from_db()
    assert invoice.status == Status.TO_PAY


def test_expired_session_leaves_the_invoice_payable_with_a_new_session(client, fake_stripe):
    invoice = make_invoice()
    _pay_by_card(client, invoice)
    checkout = StripeCheckout.objects.get(invoice=invoice)
    expired = event("checkout.session.expired", fake_stripe.expire(checkout.session_id))
    assert post_event(client, expired).status_code == 200

    checkout.refresh_from_db()
    invoice.refresh_from_db()
    assert checkout.status == CheckoutStatus.EXPIRED
    assert invoice.status == Status.TO_PAY and invoice.is_payable

    response = _pay_by_card(client, invoice)
    sessions = fake_stripe.posts("/v1/checkout/sessions")
    assert len(sessions) == 2 and sessions[0][3] != sessions[1][3]
    assert response.url != checkout.url


def test_card_only_invoice_offers_only_the_card(client, fake_stripe):
    invoice = make_invoice(card_only=True)
    client.force_login(invoice.customer)
    page = client.get(reverse("invoices:detail", args=[invoice.pk])).content.decode()
    assert "Payer maintenant" in page and "Chèque" not in page
    response = client.post(reverse("invoices:pay_offline", args=[invoice.pk]), {"method": "cheque"})
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == Status.TO_PAY


def _paid_by_card(client, fake_stripe, amount="100.00"):
    invoice = make_invoice(amount=amount)
    _pay_by_card(client, invoice)
    session = fake_stripe.pay(StripeCheckout.objects.get(invoice=invoice).session_id)
    post_event(client, event("checkout.session.completed", session))
    invoice.refresh_from_db()
    return invoice


def test_credit_note_with_refund_asks_stripe_after_commit_and_tracks_the_status(
    client, fake_stripe, django_capture_on_commit_callbacks
):
    invoice = _paid_by_card(client, fake_stripe)
    staff = UserFactory(is_staff=True)
    fake_stripe.refund_status = "pending"
    with django_capture_on_commit_callbacks(execute=True):
        note = issue_credit_note(invoice, reason="Annulation", by=staff, refund=True)

    [(_, _, params, key)] = fake_stripe.posts("/v1/refunds")
    assert params["amount"] == "11498"
    assert params["payment_intent"] == invoice.payments.get().stripe_payment_intent_id
    assert key == f"quorum-refund-{note.refunds.get().pk}"
    refund = Refund.objects.get(credit_note=note)
    assert refund.status == RefundStatus.PENDING and refund.stripe_refund_id

    updated = dict(fake_stripe.refunds[refund.stripe_refund_id], status="succeeded")
    post_event(client, event("refund.updated", updated))
    refund.refresh_from_db()
    invoice.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED and refund.refunded_at
    assert invoice.status == Status.CANCELLED and invoice.balance_due == Decimal("0.00")


def test_partial_credit_refunds_only_the_credited_amount(
    client, fake_stripe, django_capture_on_commit_callbacks
):
    invoice = _paid_by_card(client, fake_stripe, amount="200.00")
    with django_capture_on_commit_callbacks(execute=True):
        issue_credit_note(
            invoice,
            reason="Une journée de moins",
            by=None,
            refund=True,
            lines=[__import__("invoices.services").services.LineSpec("Jour 2", Decimal("50"))],
        )
    [(_, _, params, _key)] = fake_stripe.posts("/v1/refunds")
    assert params["amount"] == "5749"
    invoice.refresh_from_db()
    assert invoice.status == Status.PAID


def test_credit_note_on_a_cheque_payment_is_refunded_by_staff(
    fake_stripe, django_capture_on_commit_callbacks
):
    invoice = make_invoice()
    staff = UserFactory(is_staff=True)
    record_payment(invoice, amount=invoice.total, method="cheque", received_at=today(), by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        note = issue_credit_note(invoice, reason="Annulation", by=staff, refund=True)
    refund = note.refunds.get()
    assert refund.status == RefundStatus.TO_REFUND and refund.amount == invoice.total
    assert fake_stripe.posts("/v1/refunds") == []


def test_a_refund_stripe_refuses_is_marked_failed_for_staff(
    client, fake_stripe, django_capture_on_commit_callbacks
):
    invoice = _paid_by_card(client, fake_stripe)
    fake_stripe.refund_status = "failed"
    with django_capture_on_commit_callbacks(execute=True):
        note = issue_credit_note(invoice, reason="Annulation", by=None, refund=True)
    refund = note.refunds.get()
    assert refund.status == RefundStatus.FAILED
    invoice.refresh_from_db()
    # Nothing was given back: the person still has the money to their credit.
    assert invoice.balance_due == -invoice.total
    # Staff can then give the money back by hand and record it.
    from invoices.services import record_refund

    record_refund(refund, by=None, refunded_at=today(), method="cheque", reference="C-9")
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
