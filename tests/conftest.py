from io import StringIO

import pytest

from django.core.management import call_command
from django.db import transaction

from tests import snapshots


def _transactional(item):
    """Whether the test runs outside a transaction (live server, transactional_db, or
    `django_db(transaction=True)`): those cannot sit inside the shared demo's transaction."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in fixtures
        or "live_server" in fixtures
        or bool(marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)))
    )


def _shares_the_demo(item):
    return "demo" in getattr(item, "fixturenames", ()) and not _transactional(item)


def _heavy(item):
    """Whether the test takes many seconds: a browser journey, or marked `heavy`."""
    return item.get_closest_marker("heavy") is not None or "browser" in item.path.parts


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each run of one module's tests (pytest-django has already put the transactional
    tests apart), the tests that use the shared demo go last, in their order: the demo's outer
    transaction stays open from the first of them to the end of the run, so a test of the same
    module without `demo` must run before it (it would otherwise see the demo's rows).

    The runs that hold a heavy test go first. The parallel workers are dealt tests in this
    order, so the long ones start early and the end of the run is short tests that both
    workers share; the other way, one worker ran a 45-second test alone at the end."""
    runs, run = [], []
    for item in items:
        if run and item.module is not run[0].module:
            runs.append(sorted(run, key=_shares_the_demo))
            run = []
        run.append(item)
    runs.append(sorted(run, key=_shares_the_demo))
    runs.sort(key=lambda run: not any(_heavy(item) for item in run))
    items[:] = [item for run in runs for item in run]


def restore_migrated_rows():
    """What the migrations put in an empty database (locales, the root page and default site,
    the collections and Wagtail's groups), put back after a transactional test flushed every
    table: with tests spread over parallel workers, a test that needs them may come next.
    PostgreSQL only: SQLite puts back its copy of the migrated database (tests/snapshots.py)."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group

    from wagtail.models import Collection, Locale

    from events.documents import ensure_participants_collection
    from home.groups import ensure_translators_group
    from tests.factories import default_site

    for code in ("fr", "en"):
        Locale.objects.get_or_create(language_code=code)
    default_site()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Racine")
    for name in ("Editors", "Moderators"):
        Group.objects.get_or_create(name=name)
    # A permission wagtail-localize's migration creates (no model declares it), then the
    # Translators group: the flush's post_migrate ran home's handler before either was back.
    import_module(
        "wagtail_localize.migrations.0006_create_submit_translation_permission"
    ).create_submit_translation_permission(apps, None)
    ensure_translators_group()
    ensure_participants_collection()
    _restore_default_workflow()


def _restore_default_workflow():
    """Wagtail's default workflow as its migration creates it (in English), then renamed by
    home's own migration function, as `migrate` does."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group

    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

    if Workflow.objects.exists():
        return
    task = GroupApprovalTask.objects.create(name="Moderators approval", active=True)
    task.groups.set(Group.objects.filter(name="Moderators"))
    workflow = Workflow.objects.create(name="Moderators approval", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())
    import_module("home.migrations.0003_french_names_for_wagtail_defaults").rename(apps, None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if nextitem is not None and _transactional(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            if snapshots.available():
                snapshots.restore_migrated()
            else:
                restore_migrated_rows()


_from_cache = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """On SQLite, the migrated database an earlier run kept, when no migration changed since
    (tests/snapshots.py): pytest-django then opens it as with --reuse-db, and `migrate` finds
    nothing to do."""
    if request.config.getvalue("reuse_db"):
        return True
    cache = getattr(request.config, "cache", None)
    request.config.stash[_from_cache] = snapshots.use_cached_migrated(cache)
    return request.config.stash[_from_cache]


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """pytest-django's test database, with one more step before it is dropped on PostgreSQL:
    the sessions of the live server's request threads that outlived their request (a page's
    script still polling when a browser test ends) are ended, or DROP DATABASE refuses. On
    SQLite, a copy of the migrated database is kept for this run, and for the next ones
    (tests/snapshots.py)."""
    if snapshots.available():
        with django_db_blocker.unblock():
            snapshots.take_migrated()
            if not request.config.stash.get(_from_cache, False):
                snapshots.keep_migrated(getattr(request.config, "cache", None))
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(scope="module")
def _module_demo(django_db_setup, django_db_blocker):
    """The demo, in the database for one test module (or run of a module's tests). Each test's
    own transaction (the `db` fixture, Django's TestCase machinery) is rolled back after it, so
    the next one sees the demo as loaded. On SQLite the demo is a copy put back, and the
    migrated database is put back at the end (tests/snapshots.py); elsewhere it is loaded
    inside an outer transaction rolled back at the end, in which each test's transaction nests
    as a savepoint."""
    if snapshots.available():
        with django_db_blocker.unblock():
            snapshots.restore_demo()
        yield
        with django_db_blocker.unblock():
            snapshots.restore_migrated()
        return
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("load_demo", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo(request, _module_demo, db):
    """The demo content, loaded as `make run` loads it (once per module: see `_module_demo`).
    Browser journeys (live server) load it per test: tests/browser/conftest.py."""
    if _transactional(request.node):
        pytest.fail("a transactional test cannot share the demo; load it in the test instead")


@pytest.fixture
def locales(db):
    from wagtail.models import Locale

    fr, _ = Locale.objects.get_or_create(language_code="fr")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return fr, en


@pytest.fixture(autouse=True)
def clear_cache():
    """Wagtail caches the site root paths; a rolled-back test must not leave its pages there."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in French, the site's default: a request to an /en/ page leaves English
    active in the thread, which would otherwise leak into the next test's reverse() calls."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.deactivate()
