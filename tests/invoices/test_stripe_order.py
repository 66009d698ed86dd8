"""Stripe in any order: events arrive late, twice, out of order or malformed; the money stays
right and the webhook never answers a server error (Stripe would retry it for days)."""

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.urls import reverse

from invoices.models import ProcessedStripeEvent, Refund, RefundStatus, StripeCheckout
from invoices.services import issue_credit_note

from .factories import make_invoice
from .stripe_fake import event, post_event, sign

pytestmark = pytest.mark.django_db


def _card_refund(client, fake_stripe, django_capture_on_commit_callbacks):
    invoice = make_invoice(amount="100.00")
    client.force_login(invoice.customer)
    client.post(reverse("invoices:pay_card", args=[invoice.pk]))
    session = fake_stripe.pay(StripeCheckout.objects.get(invoice=invoice).session_id)
    post_event(client, event("checkout.session.completed", session))
    fake_stripe.refund_status = "pending"
    with django_capture_on_commit_callbacks(execute=True):
        note = issue_credit_note(invoice, reason="Annulation", by=None, refund=True)
    refund = note.refunds.get()
    return refund, fake_stripe.refunds[refund.stripe_refund_id]


def _at(kind, obj, created, **changes):
    evt = event(kind, {**obj, **changes})
    evt["created"] = created
    return evt


def test_an_older_failure_after_success_leaves_the_refund_succeeded(
    client, fake_stripe, django_capture_on_commit_callbacks
):
    refund, stripe_refund = _card_refund(client, fake_stripe, django_capture_on_commit_callbacks)
    succeeded = _at("refund.updated", stripe_refund, 2_000_000_200, status="succeeded")
    failed = _at("refund.updated", stripe_refund, 2_000_000_100, status="failed")
    assert post_event(client, succeeded).status_code == 200
    assert post_event(client, failed).status_code == 200
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    # A failure reported later still does not undo it: staff are not asked to refund again.
    later = _at("refund.updated", stripe_refund, 2_000_000_300, status="failed")
    post_event(client, later)
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    assert not Refund.objects.filter(status__in=["to_refund", "failed"]).exists()


def test_an_event_older_than_the_last_applied_is_ignored(
    client, fake_stripe, django_capture_on_commit_callbacks
):
    refund, stripe_refund = _card_refund(client, fake_stripe, django_capture_on_commit_callbacks)
    newer = _at("refund.updated", stripe_refund, 2_000_000_500, status="pending")
    older = _at("refund.updated", stripe_refund, 2_000_000_400, status="failed")
    post_event(client, newer)
    post_event(client, older)
    refund.refresh_from_db()
    assert refund.status == RefundStatus.PENDING and refund.last_event_created == 2_000_000_500
    post_event(client, _at("refund.updated", stripe_refund, 2_000_000_600, status="succeeded"))
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED


def test_an_older_expiry_does_not_touch_a_paid_session(client, fake_stripe):
    invoice = make_invoice()
    client.force_login(invoice.customer)
    client.post(reverse("invoices:pay_card", args=[invoice.pk]))
    checkout = StripeCheckout.objects.get(invoice=invoice)
    paid = fake_stripe.pay(checkout.session_id)
    post_event(client, _at("checkout.session.completed", paid, 2_000_000_900))
    post_event(client, _at("checkout.session.expired", paid, 2_000_000_800, status="expired"))
    checkout.refresh_from_db()
    invoice.refresh_from_db()
    assert checkout.status == "complete" and invoice.status == "paid"


def _post_raw(client, payload):
    return client.post(
        "/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(payload),
    )


@pytest.mark.parametrize(
    "payload",
    [
        "[]",
        '"text"',
        "null",
        "42",
        "{}",
        '{"id": "evt_1", "type": "refund.updated"}',
        '{"id": "evt_2", "type": "refund.updated", "created": 1, "data": []}',
        '{"id": "evt_3", "type": "refund.updated", "created": "soon", "data": {"object": {}}}',
        '{"id": 4, "type": "refund.updated", "created": 1, "data": {"object": {"id": "re_1"}}}',
        '{"id": "evt_5", "type": "refund.updated", "created": 1, "data": {"object": {"id": "re_1",'
        ' "metadata": {"refund_id": "abc"}, "status": ["x"]}}}',
        '{"id": "evt_6", "type": "checkout.session.completed", "created": 1,'
        ' "data": {"object": {"id": 7}}}',
        '{"id": "evt_7", "type": "customer.created", "created": 1,'
        ' "data": {"object": {"id": "cus_1"}}}',
    ],
)
def test_signed_but_malformed_or_unknown_events_never_fail(client, payload):
    response = _post_raw(client, payload)
    assert response.status_code < 500
    assert not ProcessedStripeEvent.objects.exclude(type__startswith="refund").exists()


def test_a_paid_session_with_a_malformed_amount_is_refused_and_changes_nothing(client, fake_stripe):
    invoice = make_invoice()
    client.force_login(invoice.customer)
    client.post(reverse("invoices:pay_card", args=[invoice.pk]))
    paid = fake_stripe.pay(StripeCheckout.objects.get(invoice=invoice).session_id)
    for amount in ["11498", -5, 10**20, True]:
        response = post_event(
            client, event("checkout.session.completed", {**paid, "amount_total": amount})
        )
        assert response.status_code == 400
    invoice.refresh_from_db()
    assert invoice.status == "to_pay" and not invoice.payments.exists()
    assert post_event(client, event("checkout.session.completed", paid)).status_code == 200
    invoice.refresh_from_db()
    assert invoice.status == "paid"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
KINDS = st.sampled_from(
    [
        "checkout.session.completed",
        "checkout.session.async_payment_succeeded",
        "checkout.session.expired",
        "refund.updated",
        "refund.created",
        "charge.refund.updated",
        "invoice.paid",
    ]
)


_ids = itertools.count(1)


@given(
    kind=KINDS,
    target=st.sampled_from(["session", "refund", "other"]),
    obj=st.dictionaries(
        st.sampled_from(
            ["id", "status", "metadata", "payment_status", "amount_total", "payment_intent"]
        ),
        JSON,
    ),
    created=JSON | st.integers(min_value=0, max_value=2**63),
)
@settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_any_signed_event_gets_an_answer_below_500(
    client, fake_stripe, django_capture_on_commit_callbacks, kind, target, obj, created
):
    """Random content about a real session, a real refund or nothing known."""
    refund = Refund.objects.first()
    if refund is None:
        refund, _ = _card_refund(client, fake_stripe, django_capture_on_commit_callbacks)
    session_id = refund.payment.stripe_checkout_session_id
    ids = {"session": session_id, "refund": refund.stripe_refund_id}
    if target in ids and "id" not in obj:
        obj = {**obj, "id": ids[target]}
    payload = json.dumps(
        {"id": f"evt_prop_{next(_ids)}", "type": kind, "created": created, "data": {"object": obj}}
    )
    assert _post_raw(client, payload).status_code < 500
    refund.refresh_from_db()
    assert refund.amount <= refund.payment.amount
