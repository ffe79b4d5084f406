"""Database expressions that read the same on SQLite and PostgreSQL."""

from __future__ import annotations

from django.db.models import Aggregate, CharField


class JoinedText(Aggregate):
    """A group's text values joined with commas, in no set order (for values that hold no
    comma, such as choice values)."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra)
