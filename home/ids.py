"""Ids that come back as text from forms and links."""

from django.core.exceptions import EmptyResultSet
from django.db import models
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def as_id(value: object) -> int | None:
    """The id `value` names (its digits), or None when it cannot be one: empty, letters, a sign,
    or more digits than the database's keys hold (SQLite overflows instead of finding
    nothing)."""
    text = str(value if value is not None else "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None


# Django finds nothing for a number an integer column cannot hold in `exact`, `gt`, `lt`...
# but not in `in`, nor through a foreign key or a page's own key (`page_ptr`): there SQLite
# overflows, and a hand-made request (a checkbox's value edited to 99999999999999999999 in a
# form's multiple choice, "Payer la sélection", a message's event) was a server error. These
# lookups, registered by home/apps.py for every model, find nothing for such a number instead,
# so a form says "Select a valid choice" and a view answers 404.


def _holds(field: models.Field, value: object, connection: object) -> bool:
    """Whether the column behind `field` (a foreign key's: its target's) can hold `value`."""
    if not isinstance(value, int):
        return True
    while field.is_relation:
        field = field.target_field
    if not isinstance(field, models.IntegerField):
        return True
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return (low is None or low <= value) and (high is None or value <= high)


class _LeavesOutWhatNoRowHolds:
    """`in`: the numbers no row can hold are left out (none left: nothing is found)."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            self.rhs = [v for v in self.rhs if _holds(self.lhs.output_field, v, connection)]
        return super().process_rhs(compiler, connection)


class IntegerIn(_LeavesOutWhatNoRowHolds, In):
    pass


class RelatedIntegerIn(_LeavesOutWhatNoRowHolds, RelatedIn):
    pass


class RelatedIntegerExact(RelatedExact):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value() and not _holds(self.lhs.output_field, self.rhs, connection):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def register_lookups() -> None:
    """In place of Django's `in` on integer columns, and `exact` and `in` on foreign keys."""
    models.IntegerField.register_lookup(IntegerIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
    ForeignObject.register_lookup(RelatedIntegerExact)
