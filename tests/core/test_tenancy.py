"""The two fences that keep each center to its own rows (issue 14, item 2; core/tenancy.py).

First fence, in Django: every tenant model's default manager (CenterManager), deciding the
center when a query runs. Second fence, in PostgreSQL: row-level security on every tenant
table. The test database's user is a superuser, which PostgreSQL lets past every policy: the
second fence is tried as a plain role made here, which owns nothing and may only read and
write the tenant tables — what the site's own database user meets in production (FORCE
makes the tables' owner obey the policy too).
"""

import pytest
from django import forms
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from psycopg import sql

from core.models import Hamlet
from core.tenancy import GUC, CenterManager, CenterOwned, use_center
from tests.factories import administrator
from tests.security import two_centers
from tests.security.two_centers import A_MARK, B_MARK

pytestmark = pytest.mark.django_db

TENANT_MODELS = [m for m in apps.get_models() if issubclass(m, CenterOwned)]
FENCED_ROLE = "portal_fence_test"


@pytest.fixture
def two(db):
    a, b = two_centers.make_centers()
    operator = administrator(username="van-hanh")
    two_centers.fill(a, A_MARK, operator)
    two_centers.fill(b, B_MARK, operator)
    return a, b


def test_every_tenant_model_is_fenced_by_its_default_manager():
    assert len(TENANT_MODELS) >= 19
    wrong = [
        m._meta.label
        for m in TENANT_MODELS
        if not isinstance(m._default_manager, CenterManager) or m._default_manager.name != "objects"
    ]
    assert not wrong, f"default manager is not a CenterManager: {wrong}"


def test_a_queryset_made_before_a_center_is_current_is_fenced_when_it_runs(two):
    """Forms and views keep querysets made when their module was imported (with no center,
    or the first request's): each runs for the center current when it runs."""
    a, b = two
    made_early = Hamlet.objects.all()

    class Form(forms.Form):
        hamlet = forms.ModelChoiceField(queryset=Hamlet.objects.all())

    for center, mark, other in ((a, A_MARK, B_MARK), (b, B_MARK, A_MARK)):
        with use_center(center):
            names = [h.name for h in made_early.all()]
            assert f"Xóm {mark}" in names and f"Xóm {other}" not in names
            choices = " ".join(label for _value, label in Form().fields["hamlet"].choices)
            assert mark in choices and other not in choices
    # With no center current (a command, the operator's tools): every center's rows.
    names = [h.name for h in made_early.all()]
    assert f"Xóm {A_MARK}" in names and f"Xóm {B_MARK}" in names


def test_row_level_security_is_on_and_forced_on_every_tenant_table():
    tables = {m._meta.db_table for m in TENANT_MODELS}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,"
            " EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname"
            "         AND p.policyname = 'center_isolation')"
            " FROM pg_class c WHERE c.relname = ANY(%s)",
            [list(tables)],
        )
        found = {name: flags for name, *flags in cursor.fetchall()}
    assert set(found) == tables
    wrong = {name: flags for name, flags in found.items() if flags != [True, True, True]}
    assert not wrong, f"(enabled, forced, policy) not all on: {wrong}"


@pytest.fixture
def fenced_role(two):
    """A plain role that may read and write the tenant tables and nothing else; the
    connection takes it (and the setting the policies read) until the test's end."""
    tables = ", ".join(f'"{m._meta.db_table}"' for m in TENANT_MODELS)
    # The shared tables they point to (centers, accounts, the national checklist) are read
    # by the foreign keys' checks.
    shared = {
        f.related_model._meta.db_table
        for m in TENANT_MODELS
        for f in m._meta.concrete_fields
        if f.is_relation and not issubclass(f.related_model, CenterOwned)
    }
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {FENCED_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {FENCED_ROLE}")
        cursor.execute(f"GRANT SELECT ON {', '.join(sorted(shared))} TO {FENCED_ROLE}")
        cursor.execute(f"SET LOCAL ROLE {FENCED_ROLE}")
    yield two
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def center_setting(center):
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [GUC, str(center.pk)])


def table(model):
    return sql.Identifier(model._meta.db_table)


def test_the_database_shows_a_plain_role_only_the_centers_rows(fenced_role):
    a, _b = fenced_role
    center_setting(a)
    seen = {}
    with connection.cursor() as cursor:
        for model in TENANT_MODELS:
            cursor.execute(sql.SQL("SELECT DISTINCT center_id FROM {}").format(table(model)))
            seen[model._meta.label] = {row[0] for row in cursor.fetchall()}
    assert seen == {m._meta.label: {a.pk} for m in TENANT_MODELS}


def test_djangos_base_manager_sees_only_the_centers_rows_under_the_policy(fenced_role):
    """`_base_manager` (what following a ForeignKey uses) is not the fenced manager: with no
    center current in Django, only the database's policy keeps B's rows out."""
    a, b = fenced_role
    center_setting(a)
    seen = {
        m._meta.label: set(m._base_manager.values_list("center_id", flat=True).distinct())
        for m in TENANT_MODELS
    }
    assert seen == {m._meta.label: {a.pk} for m in TENANT_MODELS}
    # And a B row cannot be reached by its id either.
    b_ids = {}
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
        for model in TENANT_MODELS:
            b_ids[model] = model.all_centers.filter(center=b).values_list("pk", flat=True)[0]
        cursor.execute(f"SET LOCAL ROLE {FENCED_ROLE}")
    center_setting(a)
    found = [m._meta.label for m, pk in b_ids.items() if m._base_manager.filter(pk=pk).exists()]
    assert not found


def test_the_database_refuses_to_write_another_centers_rows(fenced_role):
    a, b = fenced_role
    center_setting(a)
    refused_insert, refused_move, reached = {}, {}, {}
    for model in TENANT_MODELS:
        label = model._meta.label
        columns = [
            f.column
            for f in model._meta.concrete_fields
            if not f.primary_key and not getattr(f, "generated", False)
        ]
        listed = sql.SQL(", ").join(map(sql.Identifier, columns))
        copied = sql.SQL(", ").join(
            sql.Placeholder() if c == "center_id" else sql.Identifier(c) for c in columns
        )
        a_row = model._base_manager.filter(center=a).values_list("pk", flat=True)[0]
        with connection.cursor() as cursor:
            # A copy of one of A's rows, written as B's.
            refused_insert[label] = refused(
                cursor,
                sql.SQL("INSERT INTO {t} ({listed}) SELECT {copied} FROM {t} WHERE id = %s").format(
                    t=table(model), listed=listed, copied=copied
                ),
                [b.pk, a_row],
            )
            # One of A's rows moved to B.
            refused_move[label] = refused(
                cursor,
                sql.SQL("UPDATE {} SET center_id = %s WHERE id = %s").format(table(model)),
                [b.pk, a_row],
            )
            # B's rows changed or deleted from A: none is even found.
            with transaction.atomic():
                cursor.execute(
                    sql.SQL("UPDATE {} SET center_id = center_id WHERE center_id = %s").format(
                        table(model)
                    ),
                    [b.pk],
                )
                changed = cursor.rowcount
                cursor.execute(
                    sql.SQL("DELETE FROM {} WHERE center_id = %s").format(table(model)), [b.pk]
                )
                reached[label] = changed + cursor.rowcount
    assert all(refused_insert.values()), refused_insert
    assert all(refused_move.values()), refused_move
    assert not any(reached.values()), reached
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    for model in TENANT_MODELS:
        assert model.all_centers.filter(center=b).exists(), model._meta.label


def refused(cursor, statement, params):
    """Whether PostgreSQL refused the statement for the row-level security policy."""
    try:
        with transaction.atomic():
            cursor.execute(statement, params)
    except DatabaseError as error:
        return "row-level security" in str(error)
    return False
