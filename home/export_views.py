"""The Exports screen of the admin (home/exports.py): the staff member's own exports, their
progress and, once ready, the download. Only the owner sees or downloads an export (others: 404);
the file is served through this view, never by a public address."""

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import exports
from .admin_export import XLSX_CONTENT_TYPE
from .models import Export

# Seconds between two readings of the list while an export is queued or running, by a static
# script (static/js/exports.js: the admin's content security policy allows no inline script,
# and a meta refresh is a WCAG 2.2.1 failure).
REFRESH_SECONDS = 5
SHOWN = 100


def index(request):
    mine = exports.exports_for(request.user, limit=SHOWN)
    return TemplateResponse(
        request,
        "home/admin/exports.html",
        {
            "exports": mine,
            "refresh": REFRESH_SECONDS if any(export.is_active for export in mine) else None,
            "page_title": _("Exports"),
            "keep_days": settings.EXPORT_KEEP_DAYS,
        },
    )


def download(request, pk):
    export = get_object_or_404(
        Export.objects.filter(owner=request.user, status=Export.Status.READY).exclude(file=""),
        pk=pk,
    )
    exports.record_download(export, by=request.user)
    content_type = XLSX_CONTENT_TYPE if export.format == Export.Format.XLSX else "text/csv"
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.filename,
        content_type=content_type,
    )
