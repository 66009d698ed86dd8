import importlib
import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings


class Command(BaseCommand):
    help = "Load (or complete) the demo content: pages in French and English, accounts, data."

    def handle(self, *args, **options):
        self.password = os.environ.get("DEMO_PASSWORD", "quorum-demo-2026")
        # The demo's invoices and registrations would e-mail fictional addresses: keep those
        # messages in memory instead of sending (or printing) them.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self.load_modules()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def load_modules(self):
        for name in settings.DEMO_MODULES:
            with transaction.atomic():
                importlib.import_module(name).load(self)
