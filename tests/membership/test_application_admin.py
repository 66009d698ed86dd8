import pytest

from django.contrib.auth.models import Permission

from invoices.models import Invoice
from membership.models import MembershipApplication
from tests.factories import UserFactory

from .test_applications import submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="review_application"),
    )
    return user


def test_queue_lists_submitted_applications_for_reviewers_only(client, reviewer):
    application = submitted_application()
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/membership-applications/", follow=True)
    assert application.user.get_full_name() not in response.content.decode()
    client.force_login(reviewer)
    html = client.get("/admin/membership-applications/").content.decode()
    assert application.user.get_full_name() in html


def test_reviewer_approves_from_the_admin_even_when_clicking_twice(client, reviewer):
    application = submitted_application()
    client.force_login(reviewer)
    url = f"/admin/membership-applications/{application.pk}/"
    # The admin speaks the site's default language, French, unless the user chose another.
    assert "Approuver" in client.get(url).content.decode()
    client.post(url, {"action": "approve", "message": ""})
    client.post(url, {"action": "approve", "message": ""})
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert Invoice.objects.filter(customer=application.user).count() == 1


def test_reject_without_a_reason_is_refused_with_a_message(client, reviewer):
    application = submitted_application()
    client.force_login(reviewer)
    url = f"/admin/membership-applications/{application.pk}/"
    response = client.post(url, {"action": "reject", "message": ""}, follow=True)
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert any("Indiquez le motif du refus." in str(m) for m in response.context["messages"])


def test_the_membership_menu_shows_the_queue_to_reviewers_only(client, reviewer):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert "/admin/membership-applications/" not in client.get("/admin/").content.decode()
    client.force_login(reviewer)
    html = client.get("/admin/").content.decode()
    assert "/admin/membership-applications/" in html
    assert "Adh\\u00e9sion" in html  # the "Membership" group, in French
