"""Issue 16, point 3: the staff dashboard (the Wagtail admin's home page) runs the same number
of queries with one upcoming event, invoice, payment, cancellation, account request, deletion
request, application and renewal as with twenty of each: its figures are aggregated in the
database, never counted row by row."""

import datetime
from decimal import Decimal
from itertools import count

import pytest

from django.urls import reverse
from django.utils import timezone

from events import services as events
from invoices.models import Method
from invoices.services import LineSpec, choose_offline_method, issue_invoice, record_payment
from members import services as members
from members.deletion import request_deletion
from membership.models import Membership
from tests.admin_queries import listing_queries
from tests.events.factories import answers, make_event, option
from tests.factories import DelegateGrantFactory, FunctionFactory, OrganizationFactory, UserFactory
from tests.membership.test_applications import submitted_application

pytestmark = pytest.mark.django_db

FEW, MANY = 1, 20
serial = count(1)


def make_rows(n, admin):
    organization = OrganizationFactory()
    delegate = UserFactory()
    FunctionFactory(user=delegate, organization=organization)
    DelegateGrantFactory(user=delegate, organization=organization)
    today = timezone.localdate()
    for _ in range(n):
        index = next(serial)
        event = make_event(title=f"Formation {index}", capacity=50)
        person = UserFactory()
        registration = events.register(
            event, person, by=person, option=option(event), answers=answers(event)
        )
        events.request_cancellation(registration, by=person, reason="Malade")
        paid = issue_invoice(lines=[LineSpec("Atelier", Decimal("100.00"))], customer=person)
        record_payment(paid, amount=paid.total, method=Method.CHEQUE, received_at=today, by=admin)
        announced = issue_invoice(lines=[LineSpec("Atelier", Decimal("50.00"))], customer=person)
        choose_offline_method(announced, method=Method.INTERAC, by=person)
        members.request_account(
            by=delegate,
            organization=organization,
            first_name="Nouvelle",
            last_name=f"Collègue {index}",
            email=f"collegue{index}@example.org",
            title="Analyste",
        )
        request_deletion(person, reason="", by=person)
        submitted_application()
        Membership.objects.create(
            user=person,
            starts_on=today - datetime.timedelta(days=350),
            ends_on=today + datetime.timedelta(days=14),
        )


def test_the_dashboard_runs_the_same_queries_for_1_and_20_of_everything(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("wagtailadmin_home")

    make_rows(FEW, admin)
    few = listing_queries(client, url)
    make_rows(MANY - FEW, admin)
    page = client.get(url).content.decode()
    many = listing_queries(client, url)

    assert 'id="dashboard-billing' in page and 'id="dashboard-events' in page
    assert 'id="dashboard-decisions' in page and 'id="dashboard-renewals' in page
    assert many == few
