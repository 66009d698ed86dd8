"""Prices: early-bird prices until their last day (site time zone, inclusive), and the member
price by membership status (grace pays the member price, a lapsed member the non-member one)."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from django.utils import timezone

from events import services
from events.models import EventOption
from tests.factories import UserFactory
from tests.membership.test_periods import member, run_on

from .factories import answers, make_event, option

pytestmark = pytest.mark.django_db

D = datetime.date


def early_event(until):
    event = make_event()
    chosen = option(event)
    chosen.early_member_price = Decimal("80.00")
    chosen.early_non_member_price = Decimal("120.00")
    chosen.early_until = until
    chosen.save()
    return event, chosen


def local_moment(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def test_early_bird_prices_until_their_last_day_inclusive_in_the_site_time_zone():
    with time_machine.travel(local_moment(D(2027, 2, 1), 12), tick=False):
        event, chosen = early_event(D(2027, 3, 1))
    regular, paying_member = UserFactory(is_member=False), UserFactory(is_member=True)
    # 23:30 on March 1 in Montréal is already March 2 in UTC: still the early-bird price.
    with time_machine.travel(local_moment(D(2027, 3, 1), 23, 30), tick=False):
        assert services.price_for(chosen, paying_member) == Decimal("80.00")
        assert services.price_for(chosen, regular) == Decimal("120.00")
    with time_machine.travel(local_moment(D(2027, 3, 2), 0, 30), tick=False):
        assert services.price_for(chosen, paying_member) == Decimal("100.00")
        assert services.price_for(chosen, regular) == Decimal("150.00")


def test_the_invoice_bills_the_early_bird_price_while_it_applies():
    with time_machine.travel(local_moment(D(2027, 2, 1), 12), tick=False):
        event, chosen = early_event(D(2027, 2, 15))
        person = UserFactory(is_member=True)
        registration = services.register(
            event, person, by=person, option=chosen, answers=answers(event)
        )
    assert registration.invoice.subtotal == Decimal("80.00")


def test_an_option_without_early_bird_prices_keeps_its_prices():
    chosen = EventOption(member_price=Decimal("100"), non_member_price=Decimal("180"))
    assert services.price_for(chosen, UserFactory(is_member=True)) == Decimal("100")
    assert services.price_for(chosen, UserFactory(is_member=False)) == Decimal("180")


def test_early_bird_prices_need_their_last_day():
    from django.core.exceptions import ValidationError

    chosen = EventOption(
        label="x",
        member_price=Decimal("100"),
        non_member_price=Decimal("180"),
        early_member_price=Decimal("90"),
    )
    with pytest.raises(ValidationError) as error:
        chosen.clean()
    assert "early_until" in error.value.message_dict


def test_the_event_page_shows_the_early_bird_price_and_its_last_day(client):
    with time_machine.travel(local_moment(D(2027, 2, 1), 12), tick=False):
        event, _chosen = early_event(D(2027, 3, 1))
        response = client.get(event.url)
    text = response.content.decode()
    assert "Tarif hâtif jusqu’au 1er mars" in text
    assert "80,00" in text and "100,00" in text


def test_a_member_in_grace_pays_the_member_price_and_a_lapsed_one_the_non_member_price(
    django_capture_on_commit_callbacks,
):
    person = member()  # paid until 2026-12-31, grace of 60 days
    chosen = EventOption(member_price=Decimal("100"), non_member_price=Decimal("180"))
    run_on(D(2026, 12, 1), django_capture_on_commit_callbacks)  # renewal issued, never paid

    run_on(D(2027, 1, 15), django_capture_on_commit_callbacks)  # in grace
    person.refresh_from_db()
    assert services.price_for(chosen, person) == Decimal("100")

    run_on(D(2027, 3, 2), django_capture_on_commit_callbacks)
    run_on(D(2027, 3, 3), django_capture_on_commit_callbacks)  # lapsed
    person.refresh_from_db()
    assert services.price_for(chosen, person) == Decimal("180")


def test_the_early_bird_day_reads_naturally_in_both_languages():
    from home.templatetags.quorum_dates import monthday

    assert monthday(D(2027, 3, 1), "fr") == "1er mars"
    assert monthday(D(2027, 3, 1), "en") == "March 1"


def test_the_registration_form_offers_the_early_bird_price_while_it_applies():
    from events.forms import RegistrationForm

    with time_machine.travel(local_moment(D(2027, 2, 1), 12), tick=False):
        event, chosen = early_event(D(2027, 3, 1))
        for is_member, price in ((True, "80,00"), (False, "120,00")):
            form = RegistrationForm(page=event, person=UserFactory(is_member=is_member))
            labels = [label for value, label in form.fields["option"].choices if value]
            assert any(price in label for label in labels), labels
    with time_machine.travel(local_moment(D(2027, 3, 2), 12), tick=False):
        form = RegistrationForm(page=event, person=UserFactory(is_member=True))
        labels = [label for value, label in form.fields["option"].choices if value]
        assert any("100,00" in label for label in labels), labels
