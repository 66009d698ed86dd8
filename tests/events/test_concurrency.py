"""Capacity under real concurrency: PostgreSQL row locks, threads with their own connections."""

import threading

import pytest

from django.db import close_old_connections, connection

from events import services
from events.models import Registration
from home.errors import QuorumError
from invoices.models import Invoice, Series
from tests.factories import UserFactory

from .factories import answers, make_event, option

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_twenty_concurrent_registrations_for_five_seats():
    event = make_event(capacity=8)
    holders = [UserFactory() for _ in range(3)]
    for person in holders:
        services.register(event, person, by=person, option=option(event), answers=answers(event))
    people = [UserFactory() for _ in range(20)]
    chosen, given = option(event), answers(event)
    invoices_before = Invoice.objects.filter(series=Series.INVOICE).count()
    barrier = threading.Barrier(len(people))
    outcomes = []

    def attempt(person):
        try:
            barrier.wait()
            try:
                services.register(event, person, by=person, option=chosen, answers=given)
                outcomes.append("registered")
            except QuorumError as error:
                if error.code != "full":
                    raise
                services.join_waiting_list(event, person, by=person, option=chosen, answers=given)
                outcomes.append("waiting")
        except Exception as error:  # noqa: BLE001 - reported below
            outcomes.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(set(outcomes)) == ["registered", "waiting"], outcomes
    assert outcomes.count("registered") == 5
    assert outcomes.count("waiting") == 15
    assert Registration.objects.filter(event=event, person__in=people).count() == 5
    new_invoices = Invoice.objects.filter(series=Series.INVOICE).count() - invoices_before
    assert new_invoices == 5
    assert event.waiting_list.count() == 15
