"""The bench's export step (issue 15 point 4): the invoices export, CSV and XLSX, of a database
holding BENCH_EXPORT_ROWS invoices (500,000 by default), timed, with its queries and the peak
of Python memory while it is built and read to the end. Above EXPORT_INLINE_MAX rows the
listing queues the export for the task worker (home/exports.py): the step builds it as the
worker would and reads the file its owner downloads. Not a test.

`make bench` (config/bench.py) calls `export_step(env, manage)` with its prepared environment
and its `manage` helper; `python -m config.bench_exports` runs it alone on the bench's database.
The invoices it adds are numbered BENCH-…; they stay for the next run (`BENCH_RELOAD=1` starts
the bench's database again)."""

import json
import os
import sys
from collections.abc import Callable

ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "500000"))
# The export must finish and its memory stay flat: a fixed ceiling whatever the rows.
PEAK_MEMORY_LIMIT_MB = 150

SCRIPT = r"""
import json, time, tracemalloc
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from home.exports import build_export
from home.models import Export
from invoices.models import Invoice, Series, Status

ROWS = {rows}
have = Invoice.objects.filter(number__startswith="BENCH-").count()
now = timezone.now()
batch = []
for n in range(have, ROWS):
    batch.append(Invoice(
        series=Series.INVOICE, number=f"BENCH-{{n:07d}}", billed_name=f"Personne {{n}}",
        billed_email=f"p{{n}}@example.org", issued_at=now, subtotal=Decimal("100.00"),
        gst=Decimal("5.00"), qst=Decimal("9.98"), total=Decimal("114.98"), status=Status.TO_PAY,
    ))
    if len(batch) == 5000:
        Invoice.objects.bulk_create(batch)
        batch = []
Invoice.objects.bulk_create(batch)

User = get_user_model()
staff = User.objects.filter(is_superuser=True, is_active=True).first()
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(staff)
url = reverse("invoice_admin:index")
results = {{"rows": Invoice.objects.count()}}
for export_format in ("csv", "xlsx"):
    tracemalloc.start()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {{"export": export_format}}, secure=True)
        if response.status_code == 302:
            # Above EXPORT_INLINE_MAX rows the export is queued (home/exports.py): build it
            # here as the task worker would, then read the file the owner downloads.
            job = Export.objects.filter(owner=staff).latest("pk")
            build_export.call(job.pk)
            job.refresh_from_db()
            response = client.get(reverse("quorum_exports:download", args=[job.pk]), secure=True)
        size = sum(len(chunk) for chunk in response.streaming_content)
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    for closer in response._resource_closers:
        closer()
    results[export_format] = {{
        "status": response.status_code,
        "seconds": round(seconds, 1),
        "megabytes": round(size / 1e6, 1),
        "queries": len(queries),
        "peak_memory_mb": round(peak / 1e6, 1),
    }}
print("EXPORTS " + json.dumps(results))
"""


def export_step(env: dict[str, str], manage: Callable[..., str], rows: int = ROWS) -> dict:
    """Run the export measure in the bench's environment; `manage(env, *args, capture=True)`
    is config.bench's helper. Returns {"rows": n, "csv": {...}, "xlsx": {...}, "ok": bool}."""
    output = manage(env, "shell", "-c", SCRIPT.format(rows=rows), capture=True)
    line = next(line for line in output.splitlines() if line.startswith("EXPORTS "))
    results = json.loads(line.removeprefix("EXPORTS "))
    results["ok"] = all(
        results[name]["status"] == 200 and results[name]["peak_memory_mb"] < PEAK_MEMORY_LIMIT_MB
        for name in ("csv", "xlsx")
    )
    return results


def report(results: dict) -> str:
    lines = [f"Invoices export of {results['rows']:,} invoices"]
    for name in ("csv", "xlsx"):
        r = results[name]
        lines.append(
            f"  {name.upper():4} {r['seconds']:>7} s {r['megabytes']:>8} MB "
            f"{r['queries']:>4} queries, peak memory {r['peak_memory_mb']} MB"
        )
    verdict = "PASS" if results["ok"] else "FAIL"
    lines.append(f"  {verdict}: memory under {PEAK_MEMORY_LIMIT_MB} MB, both exports complete")
    return "\n".join(lines)


def main() -> int:
    from config import bench

    env = bench.environment()
    bench.prepare(env)
    results = export_step(env, bench.manage)
    print(report(results))
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
