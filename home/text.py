"""Text folded for searching: lower-case, without accents, single spaces, so that "Helene",
"HÉLÈNE" and "Hélène" are the same word in French and in English."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())
