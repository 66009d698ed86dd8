"""What staff read in the admin's listings, inspect views and CSV/XLSX exports: labels in their
language rather than stored codes (`get_FOO_display`, "Oui"/"Non" rather than True/False), local
times to the second rather than UTC with microseconds, and nothing rather than "None"."""

import datetime
import tempfile
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

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
            return self.as_spreadsheet(self.get_queryset(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)

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
