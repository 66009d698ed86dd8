import importlib
import os

from django.core.management.base import BaseCommand
from django.db import transaction

# Demo modules, each with an idempotent `load(command)` function, run in this order (running
# the command twice gives the same content). A module an app does not have yet is skipped.
DEMO_MODULES = [
    "home.demo",
    "members.demo",
    "invoices.demo",
    "events.demo",
    "members.application_demo",
]


class Command(BaseCommand):
    help = "Load (or complete) the demo content: pages in French and English, accounts, data."

    def handle(self, *args, **options):
        self.password = os.environ.get("DEMO_PASSWORD", "quorum-demo-2026")
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as error:
                if error.name != name:
                    raise
                continue
            with transaction.atomic():
                module.load(self)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
