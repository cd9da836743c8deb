"""Migration 0006: the typed timetable becomes the note on the timetable, text kept."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_the_schedule_staff_typed_is_kept_as_the_note():
    before, after = (
        [("classes", "0005_upload_checks")],
        [("classes", "0006_session_place_schedule_note")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        OldCourse = executor.loader.project_state(before).apps.get_model("classes", "Course")
        OldCourse.objects.create(
            title="Lớp tin học",
            slug="lop-tin-hoc",
            start_date="2026-12-12",
            schedule="Tối thứ Ba và thứ Năm, 19:00–21:00",
            published_at="2026-12-01T08:00:00+07:00",
        )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        # The model as it is at that migration (later ones add columns).
        NewCourse = executor.loader.project_state(after).apps.get_model("classes", "Course")
        course = NewCourse.objects.get(slug="lop-tin-hoc")
        assert course.schedule_note == "Tối thứ Ba và thứ Năm, 19:00–21:00"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
