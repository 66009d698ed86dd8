import re
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from scale.pages import pages, people

RUNS = 3


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
        # Each query's time is the least of RUNS loads of its page (a shared machine's noise
        # would otherwise rank a trivial query first); the heaviest are the largest of those.
        slowest = {}  # shape -> (seconds, page, sql)
        for page in pages():
            client = clients[page.who]
            client.get(page.url)  # warm: what is kept between requests is not measured
            best, times = {}, []
            for _run in range(RUNS):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(page.url)
                    times.append(time.perf_counter() - started)
                for query in queries:
                    shape = _shape(query["sql"])
                    seconds = float(query["time"])
                    if shape not in best or seconds < best[shape][0]:
                        best[shape] = (seconds, query["sql"])
            self.stdout.write(
                f"{page.name:<36} {response.status_code} {min(times) * 1000:8.1f} ms "
                f"{len(queries):4d} queries"
            )
            for shape, (seconds, sql) in best.items():
                if shape not in slowest or seconds > slowest[shape][0]:
                    slowest[shape] = (seconds, page.name, sql)
        heaviest = [
            row
            for row in sorted(slowest.values(), key=lambda row: row[0], reverse=True)
            if row[2].lstrip().upper().startswith("SELECT")
        ][: options["top"]]
        postgres = connection.vendor == "postgresql"
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
        for rank, (seconds, name, sql) in enumerate(heaviest, 1):
            self.stdout.write(f"\n#{rank} {seconds * 1000:.1f} ms, from {name}:\n{_short(sql)}\n")
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql)
                rows = cursor.fetchall()
            for row in rows:
                # PostgreSQL: one line of text; SQLite: (id, parent, notused, detail).
                self.stdout.write(f"  {row[0] if postgres else row[-1]}")


def _short(sql: str) -> str:
    """The query as read by a person: the selected columns of each SELECT collapsed (the
    plan is about its FROM, WHERE and ORDER BY), long IN lists cut."""
    sql = re.sub(r"SELECT (DISTINCT )?(\"[^()]*?) FROM ", r"SELECT \1… FROM ", sql)
    return re.sub(r"IN \(((?:[^(),]+, ){5})[^()]*\)", r"IN (\1…)", sql)


def _shape(sql: str) -> str:
    """The query without its values: the same query for another id or time is one query."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)
