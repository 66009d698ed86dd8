"""Checks on the PDFs applicants upload. A file is kept only when every check passes."""

import io

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from home.errors import QuorumError

MAX_UPLOAD_SIZE = 5 * 1024 * 1024


def validate_pdf(upload: UploadedFile) -> None:
    """Refuse anything but a real, readable, unencrypted PDF of at most MAX_UPLOAD_SIZE.
    Raises QuorumError with a message for the applicant; reads the file in memory."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    name = (upload.name or "").lower()
    if upload.size == 0:
        raise QuorumError(_("The file is empty."), code="empty")
    if upload.size > MAX_UPLOAD_SIZE:
        raise QuorumError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_SIZE)},
            code="too_large",
        )
    if not name.endswith(".pdf"):
        raise QuorumError(_("Only PDF files (.pdf) are accepted."), code="extension")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(b"%PDF-"):
        raise QuorumError(_("This file is not a PDF document, whatever its name."), code="not_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise QuorumError(
                _("The PDF is protected by a password; please send an unprotected copy."),
                code="encrypted",
            )
        if len(reader.pages) == 0:
            raise QuorumError(_("The PDF has no page."), code="no_pages")
        for page in reader.pages:
            page.extract_text()
    except QuorumError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise QuorumError(
            _("The PDF is damaged or incomplete and cannot be opened."), code="damaged"
        ) from error
    except Exception as error:  # noqa: BLE001 - any parser failure means an unreadable file
        raise QuorumError(
            _("The PDF is damaged or incomplete and cannot be opened."), code="damaged"
        ) from error
