"""Account and deletion requests on the staff dashboard, in "Waiting for a decision": counted,
linked to their queue, and shown only to the staff who may decide them."""

import pytest

from django.urls import reverse

from members import services
from members.dashboard import pending_account_requests, pending_deletion_requests
from members.deletion import request_deletion
from tests.factories import (
    DelegateGrantFactory,
    FunctionFactory,
    OrganizationFactory,
    UserFactory,
    staff_with,
)

pytestmark = pytest.mark.django_db


def account_request():
    organization = OrganizationFactory()
    delegate = UserFactory()
    FunctionFactory(user=delegate, organization=organization)
    DelegateGrantFactory(user=delegate, organization=organization)
    return services.request_account(
        by=delegate,
        organization=organization,
        first_name="Nouvelle",
        last_name="Collègue",
        email="nouvelle@example.org",
        title="Analyste",
    )


def deletion_request():
    person = UserFactory()
    return request_deletion(person, reason="Plus besoin.", by=person)


def test_pending_requests_are_counted():
    account_request()
    deletion_request()
    deletion_request()

    assert pending_account_requests() == 1
    assert pending_deletion_requests() == 2


def test_staff_who_decide_account_requests_see_them_waiting(client):
    account_request()
    client.force_login(staff_with("change_accountrequest"))

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="dashboard-decisions' in page
    assert f"{reverse('member_account_requests:index')}?status=pending" in page
    assert reverse("member_deletion_requests:index") not in page


def test_staff_who_process_deletion_requests_see_them_waiting(client):
    deletion_request()
    client.force_login(staff_with("change_deletionrequest"))

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert f"{reverse('member_deletion_requests:index')}?status=pending" in page
    assert reverse("member_account_requests:index") not in page
