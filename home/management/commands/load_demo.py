import importlib
import os

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app may hold a `demo.py` with a `load(command)` function; they run in this order, each
# one idempotent (running the command twice gives the same content).
DEMO_APPS = ["home", "members", "invoices", "events"]


class Command(BaseCommand):
    help = "Load (or complete) the demo content: pages in French and English, accounts, data."

    def handle(self, *args, **options):
        self.password = os.environ.get("DEMO_PASSWORD", "quorum-demo-2026")
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(self)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
