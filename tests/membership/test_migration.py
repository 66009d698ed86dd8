"""Moving the models from `members` to `membership` keeps every row and every permission."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("members", "0004_applications_title_attestations")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_reviewer_granted_before_the_move_still_reviews_and_rows_stay():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    User = old.get_model("members", "User")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="members", model="membershipapplication"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_application",
        defaults={"name": "Can review membership applications"},
    )
    reviewer = User.objects.create(username="reviewer", is_staff=True)
    reviewer.user_permissions.add(permission)
    applicant = User.objects.create(username="applicant")
    old.get_model("members", "MembershipApplication").objects.create(
        user=applicant, status="submitted", job_title="Greffière"
    )
    request = old.get_model("members", "DeletionRequest").objects.create(
        user=applicant, reason="Je pars", status="processed"
    )

    migrate(latest)

    from members.models import DeletionRequest
    from members.models import User as CurrentUser
    from membership.models import MembershipApplication

    assert CurrentUser.objects.get(username="reviewer").has_perm("membership.review_application")
    application = MembershipApplication.objects.get()
    assert application.user.username == "applicant" and application.job_title == "Greffière"
    assert DeletionRequest.objects.get(pk=request.pk).reason == "Je pars"
