"""Text folded for searching: lower-case, without accents, single spaces, so that "Helene",
"HÉLÈNE" and "Hélène" are the same word in French and in English."""

import unicodedata

from django.db.models import Q


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# The accented Latin letters mapped once to their bare letters: folding a name is then one
# str.translate (the check-in lookup folds every name of an event).
_UNACCENTED = {
    code: _strip_accents(chr(code))
    for code in range(0xC0, 0x250)
    if _strip_accents(chr(code)) != chr(code)
}


def fold(text: str) -> str:
    bare = (text or "").translate(_UNACCENTED)
    if not bare.isascii():
        bare = _strip_accents(bare)
    return " ".join(bare.casefold().split())


def every_word(field: str, text: str) -> Q:
    """The condition that the folded column `field` (e.g. a person's `directory_search`, or
    `person__directory_search` from a registration) holds every word of `text`, without
    regard to accents or case; no condition when `text` has no word."""
    condition = Q()
    for word in fold(text).split():
        condition &= Q(**{f"{field}__contains": word})
    return condition
