"""The page editor refuses an event whose dates are in the wrong order, whose prices are
negative or beyond what an invoice line can hold, or whose credits are negative: each mistake
is named on its field and nothing is saved (before, the page was published as typed, and the
event left the coming events, or its registrations were refused, or attendance took credits
away)."""

import datetime
import html
from decimal import Decimal

import pytest

from django.db import IntegrityError, transaction
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from events import services
from events.models import MAX_PRICE, EventOption
from tests.factories import UserFactory

from .factories import make_event, option
from .test_questions_admin import _edit_data, _question

pytestmark = pytest.mark.django_db

MINUTES = "%Y-%m-%d %H:%M"


def _post(client, event, **changes):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    data = _edit_data(event, _question("short_text", []))
    data.update(changes)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    return response, html.unescape(response.content.decode())


def _saved(event):
    event.refresh_from_db()
    return event.get_latest_revision_as_object()


def test_an_event_cannot_end_before_it_starts(client):
    event = make_event(questions=[])
    end = event.end
    response, shown = _post(
        client, event, end=(event.start - datetime.timedelta(days=1)).strftime(MINUTES)
    )
    assert response.status_code == 200
    assert "La date de fin précède la date de début." in shown
    assert _saved(event).end == end


def test_registration_cannot_close_before_it_opens(client):
    event = make_event(questions=[])
    opens = event.start - datetime.timedelta(days=10)
    response, shown = _post(
        client,
        event,
        registration_opens=opens.strftime(MINUTES),
        registration_closes=(opens - datetime.timedelta(days=1)).strftime(MINUTES),
    )
    assert response.status_code == 200
    assert "Les inscriptions ne peuvent pas fermer avant d’ouvrir." in shown
    assert _saved(event).registration_closes == event.registration_closes


@pytest.mark.parametrize("price", ["-50.00", "100000.00"])
def test_an_option_price_stays_within_what_an_invoice_can_bill(client, price):
    event = make_event(questions=[])
    before = [o.member_price for o in event.options.all()]
    response, shown = _post(client, event, **{"options-0-member_price": price})
    assert response.status_code == 200
    limit = "supérieure ou égale à 0" if price.startswith("-") else "inférieure ou égale à 99999.99"
    assert limit in shown
    assert [o.member_price for o in _saved(event).options.all()] == before


def test_credits_cannot_be_negative(client):
    event = make_event(questions=[])
    response, shown = _post(client, event, credits="-7")
    assert response.status_code == 200
    assert "supérieure ou égale à 0" in shown
    assert _saved(event).credits == Decimal("7")


def test_a_price_beyond_an_invoice_line_is_refused_by_the_database():
    event = make_event(questions=[])
    option = event.options.first()
    option.non_member_price = MAX_PRICE + Decimal("0.01")
    with pytest.raises(IntegrityError), transaction.atomic():
        option.save()
    assert EventOption.objects.get(pk=option.pk).non_member_price <= MAX_PRICE


def _options_data(event, removed):
    options = list(event.options.all())
    return inline_formset(
        [
            {
                "id": item.pk,
                "label": item.label,
                "member_price": item.member_price,
                "non_member_price": item.non_member_price,
                "taxable": "on",
                "DELETE": "1" if item.pk == removed.pk else "",
            }
            for item in options
        ],
        initial=len(options),
        min=1,
    )


def test_an_option_people_registered_to_cannot_be_removed(client):
    """Removing an option that registrations keep, then publishing, answered a server error
    (the database keeps the option for them): the editor says why and publishes nothing."""
    event = make_event(questions=[])
    person = UserFactory()
    services.register(event, person, by=person, option=option(event), answers={})
    data = _edit_data(event, _question("short_text", []))
    data = {k: v for k, v in data.items() if not k.startswith("options-")}
    data.update(nested_form_data({"options": _options_data(event, option(event))}))
    data["action-publish"] = "action-publish"
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code == 200
    assert (
        "L’option « Journée complète » ne peut pas être retirée : des inscriptions ou des codes "
        "promo y renvoient." in html.unescape(response.content.decode())
    )
    assert event.options.filter(pk=option(event).pk).exists()
    event.refresh_from_db()
    assert not event.has_unpublished_changes
    # An option nobody registered to is removed as before.
    half_day = event.options.get(label="Demi-journée")
    data.update(nested_form_data({"options": _options_data(event, half_day)}))
    assert client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data).status_code == 302
    assert not event.options.filter(pk=half_day.pk).exists()
