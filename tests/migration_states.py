"""Migrating the test database to given migrations, for tests that build a database as it
was at an older main and check what a migration does to its rows."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` ([(app label, migration name or None)]); return the models as
    they were then, Django's own apps included."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    django_apps = ("admin", "auth", "contenttypes")
    nodes = [t for t in targets if t[1]]
    nodes += [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] in django_apps]
    return executor.loader.project_state(nodes).apps


def leaves():
    """The newest migration of every app: the database of today's code."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate_to_leaves():
    """Back to today's schema (a test's `finally`, whatever happened before)."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
