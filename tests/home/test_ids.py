"""A hand-made request naming a number past what the database's keys hold (a checkbox's value
edited to 99999999999999999999, an id typed in an address) or a digit that is not 0-9 is a form
error or a 404, never a server error: SQLite overflows where Django leaves such a number to it
(home/ids.py)."""

from html import unescape

import pytest

from django.test import Client
from django.urls import reverse

from events import services as events
from events.models import EventPage, Registration
from members.models import Organization
from tests.events.factories import answers, make_event, option, organization_with_delegate
from tests.factories import FunctionFactory, UserFactory
from tests.members.factories import interest, professional_order

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


def test_a_number_no_key_holds_finds_nothing_in_every_lookup():
    city = FunctionFactory().organization
    person = city.functions.get().user
    event = make_event()
    for huge in (int(HUGE), -int(HUGE)):
        assert list(Organization.objects.filter(pk__in=[huge, city.pk])) == [city]
        assert not Organization.objects.filter(pk__in=[huge]).exists()
        assert list(Organization.objects.exclude(pk__in=[huge])) == [city]
        assert not person.functions.filter(organization__in=[huge]).exists()
        assert not person.functions.filter(organization=huge).exists()
        assert not EventPage.objects.filter(pk=huge).exists()
        assert not EventPage.objects.filter(pk__in=[huge]).exists()
        assert EventPage.objects.exclude(pk=huge).get() == event
        assert not Registration.objects.filter(event=huge).exists()


def _member():
    professional_order("Ordre des urbanistes", "Order of planners")
    interest("Finances", "Finance")
    return UserFactory(is_member=True)


def _delegate():
    _organization, delegate, (colleague,) = organization_with_delegate(colleagues=1)
    event = make_event()
    events.register(event, colleague, by=delegate, option=option(event), answers=answers(event))
    return delegate


def _staff():
    return UserFactory(is_staff=True, is_superuser=True)


# Who sends what where, and the answer: a status, or the form's error.
EDITED = {
    "file-orders": (_member, "post", "members:information", {"professional_orders": [HUGE]}),
    "file-interests": (_member, "post", "members:interests", {"interests": ["1", HUGE]}),
    "pay-selection": (_member, "post", "invoices:pay_selected", {"invoices": [HUGE]}, 404),
    "my-events-year": (_member, "get", "events:my_events", {"year": "²"}, 200),
    "delegate-event": (_delegate, "get", "events:delegate_dashboard", {"event": "²"}, 200),
    "message-interests": (_staff, "post", "member_messages:add", {"interests": [HUGE]}),
    "message-organizations": (_staff, "post", "member_messages:add", {"organizations": [HUGE]}),
    "message-category": (_staff, "post", "member_messages:add", {"membership_categories": [HUGE]}),
    "message-event": (_staff, "post", "member_messages:add", {"event": HUGE}),
    "registrations-filter": (_staff, "get", "event_registrations:index", {"event": HUGE}),
    "checkin-event": (_staff, "get", ("event_checkin:event", HUGE), {}, 404),
}


@pytest.mark.parametrize("sent", EDITED.values(), ids=EDITED.keys())
def test_an_edited_id_is_a_form_error_or_a_404(sent):
    who, method, url, data, *answer = sent
    name, *args = url if isinstance(url, tuple) else (url,)
    client = Client(raise_request_exception=False)
    client.force_login(who())
    # (A 404 outside the language prefix is sent on to /fr/…, where it is still a 404.)
    response = getattr(client, method)(reverse(name, args=args), data, follow=True)
    if answer:
        assert response.status_code == answer[0]
    else:
        assert response.status_code == 200
        assert "Sélectionnez un choix valide" in unescape(response.content.decode())
