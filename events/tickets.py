"""A registration's ticket code: printed under the badge's QR code, which carries it, and typed
or scanned at the door.

The code is the registration's number and a signature of it ("1234-K7QX2M"): short enough to
type on a phone, impossible to forge without the secret key, and found with one primary-key
lookup however many registrations there are.
"""

import base64
import re

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "quorum.events.ticket"
SIGNATURE_LENGTH = 6
# Base32 (A-Z and 2-7) has no 0/O or 1/I pair to confuse; typed codes are upper-cased and their
# spaces and dashes ignored.
CODE_PATTERN = re.compile(rf"^(\d{{1,12}})([A-Z2-7]{{{SIGNATURE_LENGTH}}})$")


def _signature(pk: int) -> str:
    digest = salted_hmac(SALT, str(pk), algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii")[:SIGNATURE_LENGTH]


def ticket_code(registration_id: int) -> str:
    """The code of the registration's ticket."""
    return f"{registration_id}-{_signature(registration_id)}"


def registration_id_from_code(code: str) -> int | None:
    """The registration id a typed or scanned code names, or None when the code is not one of
    ours (mistyped, forged, or not a ticket at all)."""
    cleaned = re.sub(r"[\s\-]", "", code or "").upper()
    match = CODE_PATTERN.match(cleaned)
    if match is None:
        return None
    pk = int(match.group(1))
    if not constant_time_compare(match.group(2), _signature(pk)):
        return None
    return pk
