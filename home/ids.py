"""Ids that come back as text from forms and links."""


def as_id(value: object) -> int | None:
    """The id `value` names (its digits), or None when it cannot be one: empty, letters, a sign,
    or more digits than the database's keys hold (SQLite overflows instead of finding
    nothing)."""
    text = str(value if value is not None else "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None
