"""What staff read in the admin's listings, inspect views and CSV/XLSX exports: labels in their
language rather than stored codes (`get_FOO_display`, "Oui"/"Non" rather than True/False), local
times to the second rather than UTC with microseconds, and nothing rather than "None"."""

import datetime
import tempfile
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from wagtail.admin.views.generic import InspectView
from wagtail.coreutils import multigetattr


def readable(value: Any) -> Any:
    """A value as staff should read it in an export cell (numbers and dates stay typed)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value, timezone.get_current_timezone())
        return value.replace(microsecond=0)
    if isinstance(value, models.Model):
        return str(value)
    return value


# A text cell that starts with one of these, opened in a spreadsheet program, is run as a
# formula (OWASP "CSV injection"): a name or an answer typed by a member could reach the
# accountant's computer that way.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: Any) -> Any:
    """A CSV cell's value, text that would start a formula kept as text by a leading
    apostrophe (numbers and dates stay typed; Wagtail writes every XLSX text cell as text)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# Rows read from the database at a time by an export: its memory stays flat in the number of
# rows (issue 15 point 4: a 500,000-row invoices export completes; `make bench` builds one).
EXPORT_CHUNK_SIZE = 2000
XLSX_CHUNK = 64 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ChunkedRows:
    """A queryset iterated `EXPORT_CHUNK_SIZE` rows at a time (its prefetches too), never held
    whole in memory, for Wagtail's export loops (`for item in queryset`)."""

    def __init__(self, queryset: models.QuerySet) -> None:
        self.queryset = queryset
        self.model = queryset.model

    def __iter__(self) -> Iterator[models.Model]:
        return self.queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE)


class StreamingExportMixin:
    """For a Wagtail IndexView: the CSV is streamed and the XLSX written row by row to a
    temporary file then streamed, each reading the rows in chunks. Wagtail's own export first
    builds the listing's context (which counts the rows with len(), loading them all) and
    the XLSX in memory; neither happens here. The rows' related objects come from the view's
    queryset (select_related, prefetch_related, annotations): no row costs a query of its own."""

    def get(self, request, *args, **kwargs):
        if self.is_export:
            from . import exports

            export_format = request.GET.get("export")
            queryset = self.get_queryset()
            job = getattr(request, exports.REQUEST_ATTRIBUTE, None)
            if job is not None:  # the task worker builds this export (home/exports.py)
                return self.write_export_file(queryset, export_format, job)
            if self.too_many_to_send(queryset):
                return self.queue_export(export_format)
            return self.as_spreadsheet(queryset, export_format)
        return super().get(request, *args, **kwargs)

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(
            writer, {field: csv_text(value) for field, value in row_dict.items()}
        )

    def too_many_to_send(self, queryset) -> bool:
        """More rows than settings.EXPORT_INLINE_MAX (counted no further than that)."""
        limit = settings.EXPORT_INLINE_MAX
        if isinstance(queryset, models.QuerySet):
            return queryset[: limit + 1].count() > limit
        return len(queryset) > limit

    def export_listing_name(self) -> str:
        title = self.get_page_title() if hasattr(self, "get_page_title") else ""
        return str(title or self.model._meta.verbose_name_plural).strip()

    def queue_export(self, export_format):
        from . import exports

        params = self.request.GET.copy()
        params.pop("export", None)
        query = params.urlencode()
        exports.queue_export(
            by=self.request.user,
            listing=self.export_listing_name(),
            url=self.request.path + (f"?{query}" if query else ""),
            export_format=export_format,
            filename=f"{self.get_filename()}.{export_format}",
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        messages.success(
            self.request,
            _(
                "This export has too many rows to be sent right away: it is being prepared. "
                "Download it from this page when it is ready."
            ),
        )
        return redirect("quorum_exports:index")

    def write_export_file(self, queryset, export_format, job):
        """Write the export's file (in the task worker), the progress saved once per chunk."""
        from . import exports

        if isinstance(queryset, ChunkedRows):
            queryset = queryset.queryset
        total = queryset.count() if isinstance(queryset, models.QuerySet) else len(queryset)
        exports.start(job, rows_total=total)
        if isinstance(queryset, models.QuerySet):
            queryset = exports.ProgressRows(
                queryset,
                chunk_size=EXPORT_CHUNK_SIZE,
                progress=lambda done: exports.record_progress(job, rows_done=done),
            )
        with tempfile.TemporaryFile() as output:
            if export_format == "xlsx":
                self.write_xlsx(queryset, output)
            else:
                for line in self.stream_csv(queryset):  # Wagtail's writer gives bytes
                    output.write(line if isinstance(line, bytes) else line.encode("utf-8"))
            exports.finish(job, content=output)
        return HttpResponse(status=204)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if isinstance(queryset, models.QuerySet):
            queryset = ChunkedRows(queryset)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def write_xlsx_response(self, queryset):
        language = translation.get_language()
        zone = timezone.get_current_timezone()

        def content() -> Iterator[bytes]:
            # Built when the response is read, in the staff member's language and time zone,
            # into a temporary file removed once sent (or when the reading stops).
            with (
                translation.override(language),
                timezone.override(zone),
                tempfile.TemporaryFile() as output,
            ):
                self.write_xlsx(queryset, output)
                output.seek(0)
                while chunk := output.read(XLSX_CHUNK):
                    yield chunk

        response = StreamingHttpResponse(content(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{self.get_filename()}.xlsx"
        )
        return response


class LabelledExportMixin(StreamingExportMixin):
    """For a Wagtail IndexView: each exported field with choices shows its label, in the staff
    member's language (also in the CSV, which is streamed after the view has returned), and
    `export_extras` ({field: function(item)}) adds computed columns."""

    export_extras: dict = {}

    def choice_labels(self) -> dict[str, dict]:
        """{field: {stored value: label}} for the exported fields with choices, translated once
        per export (in the language active while the rows are written) rather than per cell."""
        if getattr(self, "_choice_labels", None) is None:
            labels = {}
            for name in self.list_export:
                try:
                    field = self.model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                if getattr(field, "flatchoices", None):
                    labels[name] = {value: str(label) for value, label in field.flatchoices}
            self._choice_labels = labels
        return self._choice_labels

    def to_row_dict(self, item: models.Model) -> OrderedDict:
        row = OrderedDict()
        labels = self.choice_labels()
        for field in self.list_export:
            if field in self.export_extras:
                value = self.export_extras[field](item)
            elif field in labels:
                stored = getattr(item, field)
                value = labels[field].get(stored, stored)
            else:
                display = getattr(item, f"get_{field}_display", None)
                value = display() if callable(display) else multigetattr(item, field)
            row[field] = readable(value)
        return row

    def stream_csv(self, queryset: models.QuerySet) -> Iterator[str]:
        language = translation.get_language()
        zone = timezone.get_current_timezone()
        rows = super().stream_csv(queryset)

        def in_the_staff_language() -> Iterator[str]:
            with translation.override(language), timezone.override(zone):
                yield from rows

        return in_the_staff_language()


class LabelledInspectMixin:
    """For a Wagtail InspectView: booleans as Oui/Non, local times, "-" for nothing."""

    def get_field_display_value(self, field_name: str, field: Any) -> Any:
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "-"
        if isinstance(value, (bool, datetime.datetime)):
            return readable(value)
        return value


class LabelledInspectView(LabelledInspectMixin, InspectView):
    """An inspect view with readable values, and labels for the names in
    `inspect_view_fields` that are not model fields (`extra_labels`)."""

    extra_labels: dict[str, str] = {}

    def get_field_label(self, field_name: str, field: Any) -> str:
        if field_name in self.extra_labels:
            return self.extra_labels[field_name]
        return super().get_field_label(field_name, field)
