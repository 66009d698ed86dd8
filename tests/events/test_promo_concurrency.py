"""A promo code with one use left, confirmed by several people at once: PostgreSQL row lock on
the code, threads with their own connections. Used once; the others are refused "used up"."""

import threading
from decimal import Decimal

import pytest

from django.db import close_old_connections, connection

from events import services
from events.models import PromoCode, PromoCodeUse, Registration
from home.errors import QuorumError
from tests.factories import UserFactory

from .factories import answers, make_event, option

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_a_code_with_one_use_left_is_used_once_under_concurrency():
    event = make_event()
    promo = PromoCode.objects.create(code="DERNIER", percentage=Decimal("50"), max_uses=2)
    first = UserFactory()
    services.register(
        event, first, by=first, option=option(event), answers=answers(event), promo_code="DERNIER"
    )
    people = [UserFactory() for _ in range(8)]
    chosen, given = option(event), answers(event)
    barrier = threading.Barrier(len(people))
    outcomes = []

    def attempt(person):
        try:
            barrier.wait()
            try:
                services.register(
                    event, person, by=person, option=chosen, answers=given, promo_code="dernier"
                )
                outcomes.append("used")
            except QuorumError as error:
                outcomes.append(error.code)
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

    assert sorted(outcomes) == ["promo_used_up"] * 7 + ["used"], outcomes
    assert PromoCodeUse.objects.filter(code=promo).count() == 2
    assert Registration.objects.filter(event=event, person__in=people).count() == 1
