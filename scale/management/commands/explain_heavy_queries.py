import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from scale.pages import pages, people


class Command(BaseCommand):
    help = (
        "Load the pages that must stay fast at scale (scale/pages.py) in-process, as their "
        "busiest users, and print the plans of the slowest queries they run (EXPLAIN QUERY "
        "PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--top", type=int, default=5, help="How many queries to explain.")

    def handle(self, *args, **options):
        who = people()
        missing = [role for role, user in who.items() if user is None]
        if missing:
            raise CommandError(f"No {', '.join(missing)} account: load the demo first.")
        host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "testserver")
        clients = {}
        for role, user in who.items():
            clients[role] = Client(HTTP_HOST=host.lstrip("."))
            clients[role].force_login(user)
        captured = []  # (seconds, page, sql)
        for page in pages():
            client = clients[page.who]
            client.get(page.url)  # warm: what is kept between requests is not measured
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(page.url)
                elapsed = time.perf_counter() - started
            self.stdout.write(
                f"{page.name:<36} {response.status_code} {elapsed * 1000:8.1f} ms "
                f"{len(queries):4d} queries"
            )
            captured += [(float(q["time"]), page.name, q["sql"]) for q in queries]
        heaviest, seen = [], set()
        for seconds, name, sql in sorted(captured, key=lambda row: row[0], reverse=True):
            shape = sql[:400]
            if shape in seen or not sql.lstrip().upper().startswith("SELECT"):
                continue
            seen.add(shape)
            heaviest.append((seconds, name, sql))
            if len(heaviest) == options["top"]:
                break
        postgres = connection.vendor == "postgresql"
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
        for rank, (seconds, name, sql) in enumerate(heaviest, 1):
            self.stdout.write(f"\n#{rank} {seconds * 1000:.1f} ms, from {name}:\n{sql}\n")
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql)
                rows = cursor.fetchall()
            for row in rows:
                # PostgreSQL: one line of text; SQLite: (id, parent, notused, detail).
                self.stdout.write(f"  {row[0] if postgres else row[-1]}")
