"""The database side of `core.text.fold`: `field__fold` on every text field.

`Course.objects.filter(title__fold__contains=fold(query))` compares without accents or case
("phu nu" finds "Hội Phụ nữ", "dong" finds "Đông") on any text column, with no folded copy
stored: the admin's search boxes and autocomplete pickers use it for every model
(`core.admin.FoldedSearchMixin`), Django's and other packages' included. The public search
keeps its stored, indexed `search_text` columns (`core.search`) for ranking.

PostgreSQL: `lower(unaccent(text))`. The `unaccent` extension (created by core's first
migration; PostgreSQL trusts it, so the database's owner may create it) removes every
Vietnamese mark, maps "đ" to "d" and drops combining marks of decomposed text; lowering after
it works under any collation, since what is left of Vietnamese is ASCII. SQLite (the zero-setup
local run): `core.text.fold` itself, registered on each connection.
"""

from django.db import NotSupportedError
from django.db.models import CharField, TextField, Transform

from core.text import fold

SQLITE_FUNCTION = "portal_fold"


class Fold(Transform):
    lookup_name = "fold"
    output_field = TextField()

    def as_sql(self, compiler, connection):
        raise NotSupportedError(f"__fold has no SQL for {connection.vendor}")

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"LOWER(UNACCENT(({sql})::text))", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"{SQLITE_FUNCTION}({sql})", params


def register_lookups():
    for field in (CharField, TextField):
        field.register_lookup(Fold)


def _sqlite_fold(value):
    return None if value is None else fold(value)


def add_sqlite_function(sender, connection, **kwargs):
    """Connected to `connection_created`: SQLite learns the function `Fold` calls."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, _sqlite_fold, deterministic=True)
