"""Many centers, one deployment: which center a request (or a command) is working for, and
the one place that keeps every center to its own rows.

A province runs one deployment for every commune's learning center. Each center answers at
its own host names (`core.CenterHost`); `CenterMiddleware` reads the Host header, finds the
center and makes it *current* for the request (a context variable, so threads and async
tasks never see each other's center). Everything tenant-owned inherits `CenterOwned`:

- first fence, in Django: its default manager (`CenterManager`) filters on the current
  center, so every view, admin list, autocomplete, feed, sitemap, export and form field
  (ModelChoiceField and ForeignKey validation read the default manager) sees one center
  without remembering a filter; a new row takes the current center; saving a row of another
  center while one is current is refused;
- second fence, in PostgreSQL: row-level security on every tenant table
  (`isolation` below, in each app's migrations), keyed on the session setting `portal.center` that
  the middleware sets before the request's first query. Code that steps around the manager
  (`_base_manager`, raw SQL, a forgotten `.all_centers`) still cannot read or write another
  center's rows while a center is current.

With no current center (a management command, a migration, the hosting operator's own host)
nothing is filtered: those are the operator's tools. Commands that act for one center take
`--center` and run inside `use_center(...)`.
"""

from __future__ import annotations

import contextlib
import contextvars

from django.core.exceptions import FullResultSet, PermissionDenied
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

_current: contextvars.ContextVar = contextvars.ContextVar("portal_center", default=None)

# The PostgreSQL setting the row-level security policies read (see CenterIsolation).
GUC = "portal.center"


class NoCurrentCenterError(RuntimeError):
    """A tenant row was made with no center given and none current."""


def current_center():
    """The Center the request or command works for, or None (the operator's tools)."""
    return _current.get()


def current_center_id():
    """The current center's id, or None."""
    center = _current.get()
    return center.pk if center is not None else None


def only_center_id():
    """With no center current: the only center, when the deployment has just one (a
    single-center site's shell and commands work as they did before centers existed)."""
    from core.models import Center

    only = list(Center.objects.values_list("pk", flat=True)[:2])
    return only[0] if len(only) == 1 else None


@contextlib.contextmanager
def use_center(center):
    """Work for `center` (a Center, or None for no center) inside the block."""
    token = _current.set(center)
    try:
        yield center
    finally:
        _current.reset(token)


def activate(center):
    """Make `center` current until `deactivate(token)`: for the middleware and test fixtures,
    where a `with` block does not fit."""
    return _current.set(center)


def deactivate(token):
    _current.reset(token)


# -- first fence: the manager -------------------------------------------------------------


class CenterQuerySet(models.QuerySet):
    def for_center(self, center):
        """Rows of one center, whichever is current (the operator's overview, merging)."""
        return self.filter(center=center)

    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(): the same check for each row.
        objs = list(objs)
        for obj in objs:
            guard_write(obj)
        return super().bulk_create(objs, *args, **kwargs)


class IsCurrentCenter(models.Expression):
    """The condition "this row is the current center's", decided when the SQL is written,
    not when the queryset is made.

    A queryset is often made long before it runs: a form's `ModelChoiceField(queryset=...)`,
    a view's class attribute `queryset = Article.objects...`, a module-level constant. Those
    are made once, when their module is imported — under whichever center happened to be
    current then (the first request's), or none (a command, a test collecting). Filtering on
    the center at that moment would fix one center's filter, or none, into them for the
    life of the process. This condition reads the current center each time its query is
    compiled, so such a queryset is fenced for the center of the request that runs it.
    With no center current it adds nothing to the query (FullResultSet).
    """

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, column=None):
        super().__init__()
        self.column = column if column is not None else models.F("center_id")

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def as_sql(self, compiler, connection):
        center_id = current_center_id()
        if center_id is None:
            raise FullResultSet
        sql, params = compiler.compile(self.column)
        return f"{sql} = %s", (*params, center_id)


class CenterManager(models.Manager.from_queryset(CenterQuerySet)):
    """The default manager of every tenant-owned model: only the current center's rows —
    the center current when the query runs (`IsCurrentCenter`).

    Django reads a model's default manager for admin lists and searches, autocompletes,
    ModelChoiceFields and ForeignKey validation, so all of them are fenced by this one
    method. (`Model._base_manager`, used to follow a ForeignKey, is not: a row only points to
    rows of its own center, and the database's policy fences the rest.)
    """

    def get_queryset(self):
        return super().get_queryset().filter(IsCurrentCenter())


def center_manager(queryset_class):
    """A `CenterManager` with the methods of a model's own queryset class
    (`objects = center_manager(ArticleQuerySet)`); the class should extend CenterQuerySet."""
    return CenterManager.from_queryset(queryset_class)()


class CenterOwned(models.Model):
    """A row that belongs to one center. Its `center` is set from the current center when
    the row is made and never changes afterwards (merging centers moves rows with an update,
    core.merging.merge_centers)."""

    center = models.ForeignKey(
        "core.Center",
        verbose_name=_("center"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        default=current_center_id,
    )

    objects = CenterManager()
    # Every center's rows, for the operator's tools only (merging centers, the overview).
    all_centers = models.Manager()  # noqa: DJ012 - managers of the abstract base, no fields after

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        guard_write(self)
        super().save(*args, **kwargs)

    # A form never shows `center` (not editable), and Django leaves out of its checks every
    # constraint naming a field the form leaves out: the per-center unique names and slugs
    # would then fail in the database, not in the form. The center is always known (set at
    # creation), so the checks keep it.
    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=_keep_center(exclude))

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=_keep_center(exclude))

    def delete(self, *args, **kwargs):
        guard_write(self)
        return super().delete(*args, **kwargs)


def _keep_center(exclude):
    return None if exclude is None else set(exclude) - {"center"}


def guard_write(instance):
    """Refuse a row with no center, and a write to another center's row while a center is
    current (a forged id in a form that skipped validation, a bug in a new entry path)."""
    if instance.center_id is None:
        center_id = only_center_id()
        if center_id is None:
            raise NoCurrentCenterError(
                f"{instance._meta.label}: no center given and none current "
                "(run it inside core.tenancy.use_center(center))."
            )
        instance.center_id = center_id
    current_id = current_center_id()
    if current_id is not None and instance.center_id != current_id:
        raise PermissionDenied("This row belongs to another center.")


# -- second fence: PostgreSQL row-level security ----------------------------------------


def policy_sql(table):
    """Row-level security on one tenant table: with `portal.center` set, only its rows are
    read or written; unset or empty (commands, migrations, the operator's host), all rows.
    FORCE makes the table's owner (the site's own database user) obey it too."""
    setting = f"nullif(current_setting('{GUC}', true), '')"
    condition = f"({setting} IS NULL OR center_id = {setting}::bigint)"
    return [
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY',
        f'DROP POLICY IF EXISTS center_isolation ON "{table}"',
        f'CREATE POLICY center_isolation ON "{table}" USING {condition} WITH CHECK {condition}',
    ]


def drop_policy_sql(table):
    return [
        f'DROP POLICY IF EXISTS center_isolation ON "{table}"',
        f'ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY',
        f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY',
    ]


def isolation(*tables):
    """A migration operation putting `policy_sql` on each table (and taking it off backwards)."""
    from django.db import migrations

    return migrations.RunSQL(
        sql=[statement for table in tables for statement in policy_sql(table)],
        reverse_sql=[statement for table in tables for statement in drop_policy_sql(table)],
    )


def set_database_center(center_id, conn=None):
    """Tell PostgreSQL which center the connection works for ('' = none)."""
    conn = conn or connection
    with conn.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [GUC, str(center_id or "")])


def center_field_operations(app_label, *model_names):
    """Migration operations giving existing tenant tables their `center`: added empty, filled
    with the first center (every row a single-center site had is its), then required."""
    from django.db import migrations

    def field(**extra):
        return models.ForeignKey(
            default=current_center_id,
            editable=False,
            on_delete=models.PROTECT,
            related_name="+",
            to="core.center",
            verbose_name="center",
            **extra,
        )

    def fill(apps, schema_editor):
        Center = apps.get_model("core", "Center")
        first = Center.objects.order_by("pk").first()
        for name in model_names:
            model = apps.get_model(app_label, name)
            if first is not None:
                model._base_manager.filter(center__isnull=True).update(center=first)

    return [
        *(migrations.AddField(name, "center", field(null=True)) for name in model_names),
        migrations.RunPython(fill, migrations.RunPython.noop),
        *(migrations.AlterField(name, "center", field()) for name in model_names),
    ]
