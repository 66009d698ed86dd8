"""/health/ for load balancers: database, shared cache and the task worker's heartbeat, which
the scheduler keeps asking the worker for."""

import datetime

import pytest
import time_machine

from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def test_health_answers_json_without_login_or_language(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache": "ok",
            "worker": "immediate",
            "scheduler": "immediate",
        },
    }
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session, nothing about anyone


@pytest.mark.django_db(transaction=True)  # the scheduler and the worker close connections
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_heartbeat_comes_from_the_scheduler_through_the_worker(client, capsys):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"].startswith("error")
    assert response.json()["checks"]["database"] == "ok"

    call_command("run_scheduler", "--once")
    assert "seat offer(s) sent" in capsys.readouterr().out  # the waiting-list job ran too
    checks = client.get("/health/").json()["checks"]
    assert checks["scheduler"] == "ok"
    assert checks["worker"].startswith("error")  # enqueued, but no worker took it yet

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    response = client.get("/health/")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["worker"] == "ok"

    with time_machine.travel(datetime.timedelta(minutes=6)):
        response = client.get("/health/")
    assert response.status_code == 503  # worker and scheduler silent for too long
    assert response.json()["checks"]["worker"].startswith("error: RuntimeError: last heartbeat")


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
)
def test_an_unreachable_cache_makes_the_node_unhealthy(client):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["cache"].startswith("error")
    assert response.json()["checks"]["database"] == "ok"
