"""A hint for SQLite's query planner, which keeps no statistics about the data unless ANALYZE
runs (and running it sent other pages to worse plans). PostgreSQL keeps its own: it sees the
expressions as they are."""

from django.db.models import Func


class RowByRow(Func):
    """`expression`, checked row by row among the rows the other conditions found, never
    through an index: SQLite's unary "+" (its documented way to keep a term off an index).
    For a condition that holds for most rows, such as an invoice's series: without statistics,
    SQLite would walk that index over every row of the table."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra_context)
