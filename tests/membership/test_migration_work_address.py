"""membership/0004 keeps the free-text work address of existing applications in the structured
fields."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("membership", "0003_translated_labels")]
AFTER = [("membership", "0004_application_employer_address")]


@pytest.fixture
def back_to_latest(transactional_db):
    yield
    # Later migrations (of any app) that BEFORE unapplied are applied again.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_addresses_are_split_into_street_city_and_postal_code(back_to_latest):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    User = old_apps.get_model("members", "User")
    Application = old_apps.get_model("membership", "MembershipApplication")
    user = User.objects.create(username="ancien", email="ancien@example.org")
    split = Application.objects.create(
        user=user, address="10, place de l'Hôtel-de-Ville\nSaint-Exemple (Québec)  g0x1x0"
    )
    kept = Application.objects.create(user=user, address="Bureau 4, 1 rue A")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    Application = new_apps.get_model("membership", "MembershipApplication")
    split = Application.objects.get(pk=split.pk)
    assert (split.street, split.city, split.postal_code) == (
        "10, place de l'Hôtel-de-Ville",
        "Saint-Exemple (Québec)",
        "G0X 1X0",
    )
    kept = Application.objects.get(pk=kept.pk)
    assert (kept.street, kept.city, kept.postal_code) == ("Bureau 4, 1 rue A", "", "")
