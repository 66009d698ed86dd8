"""The busiest morning on one machine: simultaneous requests to a live threaded server, on the
embedded SQLite default (immediate transactions, busy timeout, WAL) and on PostgreSQL."""

import pytest

from . import burst

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.heavy]


def test_thirty_confirmations_for_the_last_five_seats(live_server, locales):
    burst.thirty_confirmations_for_five_seats([live_server.url])


def test_twenty_staff_payments_at_once(live_server, locales):
    burst.twenty_staff_payments([live_server.url])


def test_ten_members_saving_their_file_for_seconds(live_server, locales):
    burst.ten_members_saving_their_file([live_server.url])


def test_ten_people_confirm_one_address_in_other_capitals_at_once(live_server, locales):
    burst.ten_confirmations_of_one_address([live_server.url])
