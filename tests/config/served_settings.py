"""Production settings for the processes the scale-out test spawns: everything as deployed,
except static files (no collectstatic manifest is built for a test run)."""

from config.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
