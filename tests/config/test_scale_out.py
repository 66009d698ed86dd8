"""Scale-out: two web processes (gunicorn, production settings, psycopg pool) and one task
worker sharing PostgreSQL and Redis take the bursts of test_burst.py, spread over both.
CI's PostgreSQL pass has both (.ci/run starts redis-server); elsewhere this is skipped."""

import os
import sys
import time

import pytest
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.db import connection

from . import burst
from .servers import BIN, free_port, running, wait_for_port

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL,
        reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), as in CI's second pass",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.heavy,
]


def database_url():
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def two_web_processes(tmp_path_factory):
    """Started for one test only: a flush between tests would renumber the content types the
    long-lived processes have cached."""
    ports = [free_port(), free_port()]
    tmp = tmp_path_factory.mktemp("scale-out")
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.config.served_settings",
        "DATABASE_URL": database_url(),  # the test database
        "DATABASE_POOL_MAX_SIZE": "4",
        "REDIS_URL": settings.REDIS_URL,
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions the test signs people in with
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "TRUSTED_PROXY_COUNT": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": str(tmp / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp / "private"),
    }
    web = [
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "8",
            "--worker-class",
            "gthread",
            # A worker that misses gunicorn's 30 s heartbeat is killed (its connections reset):
            # on a loaded 2-core machine running the rest of the suite alongside, it can.
            "--timeout",
            "120",
            # The bursts keep each person's connection open while the others get ready: a
            # kept-alive connection gunicorn closed after its default 2 s, reused at that very
            # moment, would be cut off without an answer (the client's race, not the server's).
            "--keep-alive",
            "75",
        ]
        for port in ports
    ]
    worker = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"]
    with running(*web, worker, env=env, cwd=settings.BASE_DIR, log_dir=tmp) as processes:
        for port, process in zip(ports, processes, strict=False):
            wait_for_port(port, process)
        yield [f"http://127.0.0.1:{port}" for port in ports]
        assert all(p.poll() is None for p in processes), os.listdir(tmp)


def tasks_done(timeout=60):
    """The one worker empties the queue the two web processes filled (e-mails, receipts)."""
    deadline = time.monotonic() + timeout
    while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
        assert time.monotonic() < deadline, "the worker did not empty the queue"
        time.sleep(0.5)
    assert DBTaskResult.objects.exists()
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert not failed.exists(), [(t.task_path, t.traceback[-600:]) for t in failed]


def test_the_bursts_spread_over_two_web_processes_and_one_worker(two_web_processes):
    burst.thirty_confirmations_for_five_seats(two_web_processes)
    tasks_done()
    burst.twenty_staff_payments(two_web_processes)
    tasks_done()
    burst.ten_members_saving_their_file(two_web_processes)
    tasks_done()
    burst.ten_confirmations_of_one_address(two_web_processes)
