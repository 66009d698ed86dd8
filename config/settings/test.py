import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
_tmp = Path(tempfile.mkdtemp(prefix="quorum-test-"))
MEDIA_ROOT = _tmp / "media"
PRIVATE_MEDIA_ROOT = _tmp / "private"
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
STRIPE_SECRET_KEY = "sk_test_quorum"
STRIPE_WEBHOOK_SECRET = "whsec_test_quorum"
PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# A file database, not SQLite's in-memory default: the live-server tests (tests/config) send
# simultaneous requests, each thread on its own connection, as production would.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(_tmp / "test.sqlite3")}  # noqa: F405
# `make test` runs the suite in parallel (pytest-xdist): each worker clears its cache between
# tests, so each has a Redis database of its own (its test database is its own too).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _worker.startswith("gw"):  # noqa: F405
    REDIS_URL = urlsplit(REDIS_URL)._replace(path=f"/{1 + int(_worker[2:]) % 15}").geturl()  # noqa: F405
    CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
# The per-test cache clearing must not need the database: memory unless Redis is configured.
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
