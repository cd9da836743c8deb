"""The database side of `core.text.fold`: `field__fold` on every text field.

`Course.objects.filter(title__fold__contains=fold(query))` compares without accents or case
("phu nu" finds "Hội Phụ nữ", "dong" finds "Đông") on any text column, with no folded copy
stored: the admin's search boxes and autocomplete pickers use it for every model
(`core.admin.FoldedSearchMixin`), Django's and other packages' included. The public search
keeps its stored, indexed `search_text` columns (`core.search`) for ranking.

PostgreSQL: `lower(unaccent(text))`. The `unaccent` extension (created by core's first
migration; PostgreSQL trusts it, so the database's owner may create it) removes every
Vietnamese mark, maps "đ" to "d" and drops combining marks of decomposed text; lowering after
it works under any collation, since what is left of Vietnamese is ASCII.
"""

from django.db.models import CharField, TextField, Transform


class Fold(Transform):
    lookup_name = "fold"
    output_field = TextField()
    template = "LOWER(UNACCENT((%(expressions)s)::text))"


def register_lookups():
    for field in (CharField, TextField):
        field.register_lookup(Fold)
