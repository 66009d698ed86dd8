"""The registrations listing in the Wagtail admin."""

import pytest

from django.urls import reverse

from events import services
from tests.admin_queries import listing_queries
from tests.factories import OrganizationFactory, UserFactory

from .factories import answers, make_event, option

pytestmark = pytest.mark.django_db


def test_registrations_listing_queries_do_not_grow_with_its_rows(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    event = make_event()
    url = reverse("event_registrations:index")

    def register():
        person = UserFactory()
        from tests.factories import FunctionFactory

        FunctionFactory(user=person, organization=OrganizationFactory())
        services.register(event, person, by=person, option=option(event), answers=answers(event))

    register()
    one = listing_queries(client, url)
    for _ in range(19):
        register()
    assert event.registrations.count() == 20
    assert listing_queries(client, url) == one
