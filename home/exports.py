"""Exports built by the task worker (issue 15 point 4): a listing's CSV or XLSX export with more
rows than settings.EXPORT_INLINE_MAX is not built while the request waits (a 500,000-row XLSX
takes longer than any proxy allows); the listing queues one here and sends its staff member to
the Exports screen, which shows its progress and, once ready, a download link.

The task rebuilds the rows by requesting the listing's address again (its filters, search and
ordering) as the export's owner, through the same admin view: their permissions are checked
again, and the rows, columns and labels are those the listing would have sent. The view
(home.admin_export.StreamingExportMixin) writes the file to private storage, reading the rows
in chunks and updating the progress once per chunk. Files are removed after EXPORT_KEEP_DAYS
(`delete_old_exports`, run daily by `run_scheduler`).

A worker that crashes or is restarted mid-export leaves it running with nothing to resume it:
each progress is a heartbeat (`progressed_at`), and an export without one for
EXPORT_STALLED_MINUTES is failed when its owner's exports are read (`exports_for`), so the
Exports screen says it stopped and can be asked again instead of a progress that never ends."""

import datetime
import logging
from collections.abc import Callable, Iterator
from typing import IO, Any

from django_tasks import task

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files import File
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import resolve
from django.utils import timezone, translation

from wagtail.log_actions import LogContext

from .audit import record
from .models import Export

logger = logging.getLogger(__name__)

# Set on the request the task makes: the listing's view writes this export's file.
REQUEST_ATTRIBUTE = "quorum_export"

ACTIVE = (Export.Status.QUEUED, Export.Status.RUNNING)


def queue_export(
    *,
    by: Any,
    listing: str,
    url: str,
    export_format: str,
    filename: str,
    language: str,
) -> Export:
    """An export of the listing at `url` (filters included, `export` left out) for `by`, built
    by the task worker once the transaction commits."""
    with transaction.atomic():
        export = Export.objects.create(
            owner=by,
            listing=listing[:200],
            url=url,
            format=export_format,
            filename=filename[:200],
            language=language,
        )
        record(
            export,
            "home.export_created",
            by=by,
            data={"listing": export.listing, "format": export_format},
        )
        transaction.on_commit(lambda: build_export.enqueue(export.pk))
    return export


@task()
def build_export(export_id: int) -> None:
    export = Export.objects.select_related("owner").filter(pk=export_id).first()
    if export is None or export.status != Export.Status.QUEUED:
        return
    Export.objects.filter(pk=export.pk).update(
        status=Export.Status.RUNNING, progressed_at=timezone.now()
    )
    try:
        response = _request_listing(export)
        if response.status_code >= 300:
            logger.warning(
                "Export %s: the listing answered %s (permission withdrawn?)",
                export.pk,
                response.status_code,
            )
    except Exception:
        logger.exception("Export %s failed", export.pk)
    Export.objects.filter(pk=export.pk, status=Export.Status.RUNNING).update(
        status=Export.Status.FAILED, finished_at=timezone.now()
    )


def _request_listing(export: Export) -> HttpResponse:
    """The listing's view, called as the owner with the listing's filters and `export`."""
    path, _sep, query = export.url.partition("?")
    params = QueryDict(query, mutable=True)
    params["export"] = export.format
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.GET = params
    request.META = {
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": params.urlencode(),
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
    }
    request.user = export.owner
    request.LANGUAGE_CODE = export.language
    request._messages = CookieStorage(request)  # a refusal's message goes nowhere
    setattr(request, REQUEST_ATTRIBUTE, export)
    match = resolve(path)
    with translation.override(export.language):
        return match.func(request, *match.args, **match.kwargs)


class ProgressRows:
    """Rows read in chunks of `chunk_size`; `progress(rows done)` is called after each chunk
    (and at the end), never per row."""

    def __init__(
        self,
        queryset: models.QuerySet,
        *,
        chunk_size: int,
        progress: Callable[[int], None],
    ) -> None:
        self.queryset = queryset
        self.model = queryset.model
        self.chunk_size = chunk_size
        self.progress = progress

    def __iter__(self) -> Iterator[models.Model]:
        done = 0
        for item in self.queryset.iterator(chunk_size=self.chunk_size):
            yield item
            done += 1
            if done % self.chunk_size == 0:
                self.progress(done)
        self.progress(done)


def start(export: Export, *, rows_total: int) -> None:
    """The task has begun writing `rows_total` rows."""
    Export.objects.filter(pk=export.pk, status__in=ACTIVE).update(
        status=Export.Status.RUNNING,
        rows_total=rows_total,
        rows_done=0,
        progressed_at=timezone.now(),
    )


def record_progress(export: Export, *, rows_done: int) -> None:
    """A chunk written: the rows done, and the heartbeat that keeps it from being failed as
    stalled. An export already failed as stalled stays failed."""
    Export.objects.filter(pk=export.pk, status=Export.Status.RUNNING).update(
        rows_done=rows_done, progressed_at=timezone.now()
    )


def finish(export: Export, *, content: IO[bytes]) -> None:
    """Store the written file (private storage, a random name) and mark the export ready;
    not if it was failed as stalled meanwhile (its owner was told to ask for it again)."""
    content.seek(0)
    with transaction.atomic():
        export = Export.objects.select_for_update().get(pk=export.pk)
        if export.status not in ACTIVE:
            logger.warning("Export %s finished once %s: file not kept", export.pk, export.status)
            return
        export.file.save(f"export.{export.format}", File(content), save=False)
        export.status = Export.Status.READY
        export.finished_at = timezone.now()
        if export.rows_total is not None:
            export.rows_done = export.rows_total
        export.save(update_fields=["file", "status", "finished_at", "rows_done"])


def exports_for(owner: Any, *, limit: int, now: datetime.datetime | None = None) -> list[Export]:
    """The owner's latest `limit` exports, newest first, the stalled ones failed first."""
    fail_stalled_exports(Export.objects.filter(owner=owner), now=now)
    return list(Export.objects.filter(owner=owner)[:limit])


def fail_stalled_exports(
    exports: models.QuerySet, *, now: datetime.datetime | None = None
) -> list[Export]:
    """Fail those of `exports` still running without progress for EXPORT_STALLED_MINUTES (their
    worker stopped: nothing will finish them), each logged as done by the system; which."""
    now = now or timezone.now()
    before = now - datetime.timedelta(minutes=settings.EXPORT_STALLED_MINUTES)
    stalled = exports.filter(status=Export.Status.RUNNING).filter(
        models.Q(progressed_at__lt=before)
        | models.Q(progressed_at__isnull=True, created_at__lt=before)
    )
    failed = []
    for export in stalled.only("pk", "listing", "format", "rows_done", "rows_total"):
        with transaction.atomic():
            # Conditional, so a chunk written meanwhile, or a second reader, wins over this.
            changed = stalled.filter(pk=export.pk).update(
                status=Export.Status.FAILED,
                failure=Export.Failure.STALLED,
                finished_at=now,
            )
            if not changed:
                continue
            # Decided by the system, not by whoever's request read the list (Wagtail would
            # otherwise log the request's user).
            with LogContext(user=None):
                record(
                    export,
                    "home.export_stalled",
                    by=None,
                    data={
                        "listing": export.listing,
                        "format": export.format,
                        "rows_done": export.rows_done,
                        "rows_total": export.rows_total,
                    },
                )
            failed.append(export)
    return failed


def record_download(export: Export, *, by: Any) -> None:
    record(
        export,
        "home.export_downloaded",
        by=by,
        data={"listing": export.listing, "format": export.format},
    )


def delete_expired_exports(*, now: datetime.datetime | None = None) -> int:
    """Remove the exports (rows and files) older than EXPORT_KEEP_DAYS; how many."""
    before = (now or timezone.now()) - datetime.timedelta(days=settings.EXPORT_KEEP_DAYS)
    return delete_exports(Export.objects.filter(created_at__lt=before))


def delete_exports(exports: models.QuerySet) -> int:
    """Remove these exports and their files (the files once the rows are gone)."""
    count = 0
    for export in exports.only("pk", "file"):
        name = export.file.name
        with transaction.atomic():
            export.delete()
            if name:
                storage = export.file.storage
                transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
        count += 1
    return count


# --- Law 25 (home/privacy.py) ---------------------------------------------------------------


def exports_of(user: Any) -> list[dict[str, Any]]:
    fail_stalled_exports(Export.objects.filter(owner=user))
    return [
        {
            "listing": export.listing,
            "format": export.format,
            "status": export.status,
            "rows": export.rows_total,
            "created_at": export.created_at,
        }
        for export in Export.objects.filter(owner=user).order_by("created_at")
    ]


def erase_exports(user: Any, *, by: Any, former: dict[str, str]) -> None:
    delete_exports(Export.objects.filter(owner=user))
