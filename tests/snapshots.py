"""Copies of a worker's SQLite test database, taken once and put back in milliseconds.

Two states are kept per worker: the database as the migrations left it ("migrated"), and the
same with the demo loaded ("demo"). Loading the demo takes seconds; putting back a copy of what
it loaded gives the same rows, ids included (it is SQLite's own page-by-page backup), so the
modules and journeys that use the demo no longer pay for loading it each time. The files the
demo writes (images, documents) stay where the first load wrote them.

The migrated database is also kept between runs, under pytest's cache folder, named by a hash
of every migration file of every installed app: a run after one that changed no migration starts
from that copy instead of migrating again (a new checkout, as in CI, migrates).

PostgreSQL has no such copy inside a live connection: there the demo is loaded as before.
"""

import hashlib
import os
import shutil
import sqlite3
from importlib import import_module
from importlib.util import find_spec
from io import StringIO
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

_copies: dict[str, sqlite3.Connection] = {}


def available():
    return connection.vendor == "sqlite"


def _migrations_key():
    digest = hashlib.sha256(f"{django.__version__} {sqlite3.sqlite_version}".encode())
    for app in apps.get_app_configs():
        name = settings.MIGRATION_MODULES.get(app.label, f"{app.name}.migrations")
        if not name or find_spec(name) is None:
            continue
        folder = Path(import_module(name).__file__).parent
        for path in sorted(folder.glob("*.py")):
            digest.update(f"{name}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cached_path(cache):
    return cache.mkdir("quorum-test-db") / f"migrated-{_migrations_key()}.sqlite3"


def use_cached_migrated(cache):
    """Put the migrated database kept by an earlier run where this worker's test database goes;
    whether there was one. `cache` is pytest's (None when its cache plugin is off)."""
    if cache is None or not available():
        return False
    source = _cached_path(cache)
    if not source.exists():
        return False
    shutil.copyfile(source, connection.settings_dict["TEST"]["NAME"])
    return True


def keep_migrated(cache):
    """Keep the database the migrations just built for the next runs."""
    if cache is None:
        return
    target = _cached_path(cache)
    partial = target.with_suffix(f".{os.getpid()}.part")
    copy = sqlite3.connect(partial)
    connection.ensure_connection()
    connection.connection.backup(copy)
    copy.close()
    os.replace(partial, target)


def _take(name):
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    _copies[name] = copy


def _put_back(name):
    connection.ensure_connection()
    _copies[name].backup(connection.connection)
    # Ids cached by the process may belong to the state that was just replaced.
    ContentType.objects.clear_cache()


def take_migrated():
    """Called once, right after the test database is created."""
    _take("migrated")


def restore_migrated():
    _put_back("migrated")


def restore_demo():
    """The database as `load_demo` leaves it on a migrated database, committed. The first call
    of each worker loads the demo and keeps a copy."""
    if "demo" not in _copies:
        restore_migrated()
        call_command("load_demo", stdout=StringIO())
        _take("demo")
    else:
        _put_back("demo")
