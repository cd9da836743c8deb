"""Issue 13: the survey's models leave attendance for the survey app and Hamlet moves down to
core. A database made at main before the move keeps every row, id and value; the models now
answer under their new apps; a group keeps its permissions and the admin's history still
points at its objects."""

import datetime

import pytest
from django.db import connection

from tests.migration_states import migrate, migrate_to_leaves

# The leaf migrations of main before the move (and the survey app not migrated at all).
BEFORE = [
    ("attendance", "0004_search_index_on_the_model"),
    ("core", "0004_trigram"),
    ("survey", None),
]
AFTER = [
    ("attendance", "0005_survey_and_hamlet_moved_out"),
    ("core", "0005_hamlet_from_attendance"),
    ("survey", "0001_initial"),
]
DAY = datetime.date(2026, 3, 9)


@pytest.mark.django_db(transaction=True)
def test_every_row_survives_the_move_under_its_new_app():
    try:
        old = migrate(BEFORE)
        ContentType = old.get_model("contenttypes", "ContentType")
        Permission = old.get_model("auth", "Permission")
        Group = old.get_model("auth", "Group")
        User = old.get_model("auth", "User")
        LogEntry = old.get_model("admin", "LogEntry")

        hamlet = old.get_model("attendance", "Hamlet").objects.create(name="Xóm Đình", position=40)
        learner = old.get_model("attendance", "Learner").objects.create(
            full_name="Nguyễn Thị Thử", name_folded="nguyen thi thu", hamlet=hamlet
        )
        answer = old.get_model("attendance", "SurveyResponse").objects.create(
            answered_on=DAY,
            source="paper",
            hamlet=hamlet,
            other_topic="Nấu ăn",
            other_topic_key="nau an",
            full_name="Trần Văn Mẫu",
            phone="0912000111",
            consent_at=datetime.datetime(2026, 3, 9, 8, tzinfo=datetime.UTC),
            consent_text="Tôi đồng ý",
        )
        tick = old.get_model("attendance", "SurveyChoice").objects.create(
            response=answer, question="kind", value="it"
        )

        def content_type(app, model):
            return ContentType.objects.get_or_create(app_label=app, model=model)[0]

        def permission(app, model, action):
            return Permission.objects.get_or_create(
                content_type=content_type(app, model),
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )[0]

        group = Group.objects.create(name="Cán bộ khảo sát")
        group.permissions.add(
            permission("attendance", "surveyresponse", "view"),
            permission("attendance", "hamlet", "change"),
        )
        # A database where a migrate already made the new app's rows: they fold into the old.
        late = permission("survey", "surveychoice", "view")
        group.permissions.add(late)
        user = User.objects.create(username="can-bo")
        for obj, model in ((answer, "surveyresponse"), (hamlet, "hamlet")):
            LogEntry.objects.create(
                user=user,
                content_type=content_type("attendance", model),
                object_id=str(obj.pk),
                object_repr=str(obj.pk),
                action_flag=2,
            )

        new = migrate(AFTER)
        Hamlet = new.get_model("core", "Hamlet")
        SurveyResponse = new.get_model("survey", "SurveyResponse")
        SurveyChoice = new.get_model("survey", "SurveyChoice")

        moved = Hamlet.objects.get(pk=hamlet.pk)
        assert (moved.name, moved.position, moved.is_other) == ("Xóm Đình", 40, False)
        assert new.get_model("attendance", "Learner").objects.get(pk=learner.pk).hamlet == moved
        kept = SurveyResponse.objects.get(pk=answer.pk)
        assert (kept.answered_on, kept.source, kept.hamlet_id) == (DAY, "paper", hamlet.pk)
        assert (kept.other_topic, kept.other_topic_key) == ("Nấu ăn", "nau an")
        assert (kept.full_name, kept.phone, kept.consent_text) == (
            "Trần Văn Mẫu",
            "0912000111",
            "Tôi đồng ý",
        )
        assert list(SurveyChoice.objects.filter(response=kept).values_list("pk", "value")) == [
            (tick.pk, "it")
        ]

        ContentType = new.get_model("contenttypes", "ContentType")
        assert not ContentType.objects.filter(
            app_label="attendance", model__in=["hamlet", "surveyresponse", "surveychoice"]
        ).exists()
        held = set(
            new.get_model("auth", "Group")
            .objects.get(pk=group.pk)
            .permissions.values_list("content_type__app_label", "codename")
        )
        assert held == {
            ("survey", "view_surveyresponse"),
            ("core", "change_hamlet"),
            ("survey", "view_surveychoice"),
        }
        history = {
            (e.content_type.app_label, e.content_type.model, e.object_id)
            for e in new.get_model("admin", "LogEntry").objects.filter(user_id=user.pk)
        }
        assert history == {
            ("survey", "surveyresponse", str(answer.pk)),
            ("core", "hamlet", str(hamlet.pk)),
        }
        # The database's own rule on consent still holds on the kept table.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE conrelid = "
                "'attendance_surveyresponse'::regclass AND contype = 'c'"
            )
            assert "survey_contact_needs_consent" in {row[0] for row in cursor.fetchall()}
    finally:
        migrate_to_leaves()
