"""Organization and Person moved from disclosures to organizations (issue 13, item 3): a
database made at main before the move keeps every row, under the new app, with the staff
groups' permissions and the admin's history still attached."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from organizations.models import Organization, Person

# The leaf migrations of main before the move.
BEFORE = [
    ("admin", "0003_logentry_add_action_flag_choices"),
    ("attendance", "0004_search_index_on_the_model"),
    ("auth", "0012_alter_user_first_name_max_length"),
    ("classes", "0009_search_on_the_model"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("core", "0004_trigram"),
    ("disclosures", "0011_merge_spelling_and_search"),
    ("news", "0007_search_on_the_model"),
    ("sessions", "0001_initial"),
]
# Migrating back to main before the move also unapplies the app that did not exist then.
UNDO = [*BEFORE, ("organizations", None)]
WHEN = datetime.datetime(2025, 9, 5, 1, 0, tzinfo=datetime.UTC)


def latest(executor):
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_organizations_and_people_survive_the_move_with_permissions_and_history():
    executor = MigrationExecutor(connection)
    executor.migrate(UNDO)
    try:
        old = executor.loader.project_state(BEFORE).apps
        ContentTypeOld = old.get_model("contenttypes", "ContentType")
        PermissionOld = old.get_model("auth", "Permission")
        types, permissions = {}, {}
        for model in ("organization", "person"):
            types[model] = ContentTypeOld.objects.get_or_create(
                app_label="disclosures", model=model
            )[0]
            permissions[model] = PermissionOld.objects.get_or_create(
                content_type=types[model],
                codename=f"change_{model}",
                defaults={"name": f"Can change {model}"},
            )[0]
        group = old.get_model("auth", "Group").objects.create(name="Cán bộ thử")
        group.permissions.add(permissions["organization"], permissions["person"])
        user = old.get_model("auth", "User").objects.create(username="canbo")

        center = old.get_model("disclosures", "Organization").objects.create(
            name="Trung tâm thử",
            short_name="TT thử",
            slug="trung-tam-thu",
            kind="center",
            staff_group="Cán bộ trung tâm",
            address="Xóm 3, xã Tiên Tân",
            phone="0226 3851 234",
            contact_is_example=True,
            introduction="<p>Giới thiệu</p>",
        )
        person = old.get_model("disclosures", "Person").objects.create(
            organization=center,
            full_name="Trần Thị Bình",
            position="Phó Giám đốc",
            is_board=True,
            duties="Phổ cập giáo dục",
            order=10,
        )
        document = old.get_model("disclosures", "DisclosureDocument").objects.create(
            title="Báo cáo thường niên",
            slug="bao-cao-thuong-nien",
            organization=center,
            organization_kind="center",
            school_year="2024-2025",
            basis="tt09-2024-d14",
            status="published",
            published_at=WHEN,
            file="cong-khai/bao-cao.pdf",
        )
        entry = old.get_model("admin", "LogEntry").objects.create(
            user=user,
            content_type=types["person"],
            object_id=str(person.pk),
            object_repr=str(person.full_name),
            action_flag=2,
            change_message="[]",
            action_time=WHEN,
        )

        executor = MigrationExecutor(connection)
        executor.migrate(latest(executor))
        new = executor.loader.project_state(latest(executor)).apps

        Moved = new.get_model("organizations", "Organization")
        moved = Moved.objects.get(pk=center.pk)
        assert (moved.slug, moved.name, moved.kind, moved.address, moved.phone) == (
            "trung-tam-thu", "Trung tâm thử", "center", "Xóm 3, xã Tiên Tân", "0226 3851 234",
        )  # fmt: skip
        assert moved.contact_is_example and moved.introduction == "<p>Giới thiệu</p>"
        someone = new.get_model("organizations", "Person").objects.get(pk=person.pk)
        assert (someone.organization_id, someone.full_name, someone.is_board) == (
            center.pk, "Trần Thị Bình", True,
        )  # fmt: skip
        # The documents still belong to it, through the foreign key that now names the new app.
        kept = new.get_model("disclosures", "DisclosureDocument").objects.get(pk=document.pk)
        assert kept.organization_id == center.pk
        assert list(moved.documents.values_list("pk", flat=True)) == [document.pk]

        # Same content type rows, relabelled: the group holds the same permissions, the
        # admin's history points at the new app, and no disclosures row is left behind.
        ContentTypeNew = new.get_model("contenttypes", "ContentType")
        for model in ("organization", "person"):
            relabelled = ContentTypeNew.objects.get(pk=types[model].pk)
            assert (relabelled.app_label, relabelled.model) == ("organizations", model)
        assert not ContentTypeNew.objects.filter(
            app_label="disclosures", model__in=["organization", "person"]
        ).exists()
        held = new.get_model("auth", "Group").objects.get(pk=group.pk).permissions
        assert set(held.values_list("content_type__app_label", "codename")) == {
            ("organizations", "change_organization"),
            ("organizations", "change_person"),
        }
        logged = new.get_model("admin", "LogEntry").objects.get(pk=entry.pk)
        assert logged.content_type_id == types["person"].pk
        assert logged.content_type.app_label == "organizations"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest(executor))
        ContentType.objects.clear_cache()

    # The models of today read the same rows.
    assert Person.objects.get(pk=person.pk).organization == Organization.objects.get(pk=center.pk)
    assert ContentType.objects.get_for_model(Person).pk == types["person"].pk


@pytest.mark.django_db(transaction=True)
def test_the_move_folds_content_types_a_later_run_had_already_created():
    """Should post_migrate have created the new app's rows before the relabelling ran, the
    old rows win (the groups hold their permissions) and the new ones fold into them."""
    executor = MigrationExecutor(connection)
    executor.migrate(UNDO)
    try:
        old = executor.loader.project_state(BEFORE).apps
        ContentTypeOld = old.get_model("contenttypes", "ContentType")
        PermissionOld = old.get_model("auth", "Permission")
        ContentTypeOld.objects.filter(app_label="organizations").delete()
        was = ContentTypeOld.objects.get_or_create(app_label="disclosures", model="person")[0]
        kept = PermissionOld.objects.get_or_create(
            content_type=was, codename="delete_person", defaults={"name": "Can delete person"}
        )[0]
        twin_type = ContentTypeOld.objects.create(app_label="organizations", model="person")
        twin = PermissionOld.objects.create(
            content_type=twin_type, codename="delete_person", name="Can delete person"
        )
        extra = PermissionOld.objects.create(
            content_type=twin_type, codename="print_person", name="Can print person"
        )
        group = old.get_model("auth", "Group").objects.create(name="Cán bộ thử")
        group.permissions.add(kept, twin, extra)

        executor = MigrationExecutor(connection)
        executor.migrate(latest(executor))
        new = executor.loader.project_state(latest(executor)).apps
        ContentTypeNew = new.get_model("contenttypes", "ContentType")
        rows = ContentTypeNew.objects.filter(
            model="person", app_label__in=["disclosures", "organizations"]
        )
        assert list(rows.values_list("pk", "app_label")) == [(was.pk, "organizations")]
        held = new.get_model("auth", "Group").objects.get(pk=group.pk).permissions
        assert set(held.values_list("pk", "codename")) == {
            (kept.pk, "delete_person"),
            (extra.pk, "print_person"),
        }
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest(executor))
        ContentType.objects.clear_cache()
