"""Checks on the PDFs applicants upload. A file is kept only when every check passes."""

import io

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from home.errors import QuorumError

MAX_UPLOAD_SIZE = 5 * 1024 * 1024
MAX_PAGES = 200
# Keys and action types that make a PDF run something when opened or clicked.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/Launch", "/OpenAction"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch"}
MAX_OBJECTS = 200_000


def _active_content(reader) -> bool:
    """True when any object reachable from the document's trailer carries JavaScript, a
    launch action or an open action (names are compared decoded, so `/J#61vaScript` counts)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            return True  # too intricate to vouch for
        if isinstance(item, DictionaryObject):
            if ACTIVE_KEYS & {str(k) for k in item}:
                return True
            if str(item.get("/S", "")) in ACTIVE_ACTIONS:
                return True
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False


def validate_pdf(upload: UploadedFile) -> None:
    """Refuse anything but a real, readable, unencrypted PDF of at most MAX_UPLOAD_SIZE and
    MAX_PAGES pages, without JavaScript, launch or open actions.
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
        if len(reader.pages) > MAX_PAGES:
            raise QuorumError(
                _("The PDF has %(count)s pages; the limit is %(limit)s.")
                % {"count": len(reader.pages), "limit": MAX_PAGES},
                code="too_many_pages",
            )
        if _active_content(reader):
            raise QuorumError(
                _(
                    "The PDF contains JavaScript or actions that run when it is opened; "
                    "these are refused. Print it to a new PDF and send that copy."
                ),
                code="active_content",
            )
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
