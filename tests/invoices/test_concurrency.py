"""Concurrency on PostgreSQL, where row locks are real: numbers stay gapless and a webhook
delivered several times at once pays once."""

import threading
from decimal import Decimal

import pytest

from django.db import connection
from django.test import Client

from invoices.models import Invoice, Payment, Series, Status
from invoices.services import LineSpec, issue_invoice, start_checkout, start_checkout_for
from tests.factories import UserFactory

from .stripe_fake import event, post_event

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _in_threads(count, target):
    barrier = threading.Barrier(count)
    errors = []

    def run(index):
        try:
            barrier.wait()
            target(index)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_fifty_invoices_issued_at_once_get_fifty_consecutive_numbers():
    people = [UserFactory() for _ in range(50)]

    def issue(index):
        issue_invoice(lines=[LineSpec("Congrès", Decimal("650"))], customer=people[index])

    _in_threads(50, issue)
    numbers = sorted(Invoice.objects.filter(series=Series.INVOICE).values_list("number", flat=True))
    assert numbers == [f"F-{n:06d}" for n in range(1, 51)]


def test_the_same_webhook_event_delivered_three_times_at_once_gives_one_payment(fake_stripe):
    person = UserFactory()
    invoice = issue_invoice(lines=[LineSpec("Gala", Decimal("145"))], customer=person)
    start_checkout(invoice, by=person, success_url="https://x.test/ok", cancel_url="https://x.test")
    session = fake_stripe.pay(next(iter(fake_stripe.sessions)))
    completed = event("checkout.session.completed", session)
    statuses = []

    _in_threads(3, lambda _i: statuses.append(post_event(Client(), completed).status_code))

    assert statuses == [200, 200, 200]
    assert Payment.objects.filter(invoice=invoice).count() == 1
    invoice.refresh_from_db()
    assert invoice.status == Status.PAID


def test_a_selection_paid_at_once_by_three_webhooks_and_another_session_records_each_once(
    fake_stripe,
):
    """Two sessions share an invoice: their webhooks arrive together (the first one three
    times). Invoices are locked in one order, so nothing deadlocks; each session records its
    payments once (the shared invoice is paid twice: a credit staff see and refund)."""
    person = UserFactory()
    first, shared = (
        issue_invoice(lines=[LineSpec(name, Decimal("100"))], customer=person)
        for name in ("Congrès", "Gala")
    )
    urls = {"success_url": "https://x.test/ok", "cancel_url": "https://x.test"}
    start_checkout_for([shared, first], by=person, **urls)
    start_checkout(shared, by=person, **urls)
    selection, single = (fake_stripe.pay(session_id) for session_id in list(fake_stripe.sessions))
    events = [event("checkout.session.completed", selection)] * 3 + [
        event("checkout.session.completed", single)
    ]
    statuses = []

    _in_threads(4, lambda i: statuses.append(post_event(Client(), events[i]).status_code))

    assert statuses == [200, 200, 200, 200]
    assert Payment.objects.filter(invoice=first).count() == 1
    assert Payment.objects.filter(invoice=shared).count() == 2
    assert Payment.objects.count() == 3
