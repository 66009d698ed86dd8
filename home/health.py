"""Health for load balancers and the process model's heartbeats.

`/health/` (no language prefix, no login) answers JSON with one entry per check and 200 when
every check passes, 503 otherwise. It says nothing about people: only "ok" or the failing part.

- database: a trivial query;
- cache: a value written and read back (the cache every process shares);
- worker: the task worker ran `worker_heartbeat` recently. `run_scheduler` enqueues it every
  minute, so a stale value means the worker (or the scheduler) stopped. With the immediate task
  backend (development, tests) there is no worker to watch: the check passes with "immediate".
"""

import time

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks.backends.immediate import ImmediateBackend

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

WORKER_HEARTBEAT_KEY = "health:worker-heartbeat"
SCHEDULER_HEARTBEAT_KEY = "health:scheduler-heartbeat"
HEARTBEAT_TIMEOUT = 24 * 60 * 60


def max_age() -> int:
    """Seconds after which a heartbeat is stale (default: 5 minutes, five missed beats)."""
    return int(getattr(settings, "HEALTH_HEARTBEAT_MAX_AGE", 300))


@task()
def worker_heartbeat() -> None:
    """Run by the task worker: proves it takes tasks off the queue."""
    cache.set(WORKER_HEARTBEAT_KEY, time.time(), HEARTBEAT_TIMEOUT)


def beat_scheduler() -> None:
    cache.set(SCHEDULER_HEARTBEAT_KEY, time.time(), HEARTBEAT_TIMEOUT)


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    key = "health:probe"
    value = str(time.time())
    cache.set(key, value, 60)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was written")
    return "ok"


def _heartbeat(key: str) -> str:
    if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend):
        return "immediate"
    last = cache.get(key)
    if last is None:
        raise RuntimeError("no heartbeat yet")
    age = time.time() - float(last)
    if age > max_age():
        raise RuntimeError(f"last heartbeat {int(age)} s ago")
    return "ok"


CHECKS = {
    "database": _database,
    "cache": _cache,
    "worker": lambda: _heartbeat(WORKER_HEARTBEAT_KEY),
    "scheduler": lambda: _heartbeat(SCHEDULER_HEARTBEAT_KEY),
}


@never_cache
def health(request):
    results, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure is reported, never raised
            results[name] = f"error: {type(error).__name__}: {error}"[:200]
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )
