"""Names and titles in the order a French reader expects: accents and case aside first
("eve", "Élise", "Émile", "Zoé" read as "eve", "elise", "emile", "zoe"), then accents, then
case, so that "Élise" comes before "Zoé" and not after it, as it does in the databases' own
order of bytes (SQLite, and PostgreSQL with the C collation).

On PostgreSQL the order is ICU's root collation; on SQLite a collation registered on each
connection (`register_collation`, from home's AppConfig.ready) with the same folding as the
search boxes (home.text.fold)."""

import functools

from django.db.models import OrderBy
from django.db.models.functions import Collate

from .text import fold

SQLITE_COLLATION = "quorum_text"
POSTGRESQL_COLLATION = "und-x-icu"


@functools.lru_cache(maxsize=8192)
def sort_key(text: str) -> tuple[str, str, str]:
    """The key of `text` in that order, for lists sorted in Python. As ICU's levels: the
    letters, then their accents, then their case, lower case first ("dupont", "Dupont",
    "DUPONT"), so that a list reads the same on SQLite as on PostgreSQL."""
    return fold(text), text.lower(), text.swapcase()


def _compare(first: str, second: str) -> int:
    first_key, second_key = sort_key(first), sort_key(second)
    return (first_key > second_key) - (first_key < second_key)


def register_collation(sender, connection, **kwargs):
    """connection_created receiver: SQLite learns the collation on each new connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


class InFrenchOrder(Collate):
    """A text field (or annotation) compared in that order."""

    def __init__(self, expression):
        super().__init__(expression, SQLITE_COLLATION)

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor == "postgresql":
            extra_context["collation"] = connection.ops.quote_name(POSTGRESQL_COLLATION)
        elif connection.vendor != "sqlite":
            return compiler.compile(self.source_expressions[0])
        return super().as_sql(compiler, connection, **extra_context)


def alphabetical(field: str, *, descending: bool = False) -> OrderBy:
    """An order_by() term: `field` in alphabetical order."""
    text = InFrenchOrder(field)
    return text.desc() if descending else text.asc()


def name_order(prefix: str = "") -> tuple[OrderBy, OrderBy]:
    """People by last name, then first name (`prefix` reaches them: "person__")."""
    return alphabetical(f"{prefix}last_name"), alphabetical(f"{prefix}first_name")
