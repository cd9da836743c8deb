"""The TT 25/2023 self-assessment moved from disclosures to its own app (issue 13, item 3): a
database made at main before the move keeps every checklist line, assessment, answer and
TT 44/2014 result, under the new app, with the staff groups' permissions and the admin's
history still attached."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from assessment.models import IndicatorAnswer, SelfAssessment

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
# Migrating back to main before the move also unapplies the apps that did not exist then.
UNDO = [*BEFORE, ("organizations", None), ("assessment", None)]
MODELS = ["indicator", "selfassessment", "indicatoranswer", "legacyassessmentresult"]
WHEN = datetime.datetime(2025, 9, 5, 1, 0, tzinfo=datetime.UTC)


def latest(executor):
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_self_assessment_survives_the_move_with_permissions_and_history():
    executor = MigrationExecutor(connection)
    executor.migrate(UNDO)
    try:
        old = executor.loader.project_state(BEFORE).apps
        ContentTypeOld = old.get_model("contenttypes", "ContentType")
        PermissionOld = old.get_model("auth", "Permission")
        types = {
            m: ContentTypeOld.objects.get_or_create(app_label="disclosures", model=m)[0]
            for m in MODELS
        }
        permission = PermissionOld.objects.get_or_create(
            content_type=types["selfassessment"],
            codename="change_selfassessment",
            defaults={"name": "Can change self-assessment"},
        )[0]
        group = old.get_model("auth", "Group").objects.create(name="Cán bộ thử")
        group.permissions.add(permission)
        user = old.get_model("auth", "User").objects.create(username="canbo")

        indicator = old.get_model("disclosures", "Indicator").objects.create(
            code="9.9", criterion=9, criterion_title="Tiêu chí thử", wording="Chỉ tiêu thử"
        )
        assessment = old.get_model("disclosures", "SelfAssessment").objects.create(
            year=2031, target_level=2, notes="Tự đánh giá năm 2031", created_by=user
        )
        answer = old.get_model("disclosures", "IndicatorAnswer").objects.create(
            assessment=assessment,
            indicator=indicator,
            result="met",
            note="Có biên bản",
            evidence_file="tu-danh-gia/bien-ban.pdf",
            evidence_link="https://tientan.example.vn/bien-ban",
            updated_by=user,
        )
        legacy = old.get_model("disclosures", "LegacyAssessmentResult").objects.create(
            year=2016, points=Decimal("86.5"), classification="Khá", source_note="Sổ lưu"
        )
        entry = old.get_model("admin", "LogEntry").objects.create(
            user=user,
            content_type=types["selfassessment"],
            object_id=str(assessment.pk),
            object_repr="2031",
            action_flag=2,
            change_message="[]",
            action_time=WHEN,
        )

        executor = MigrationExecutor(connection)
        executor.migrate(latest(executor))
        new = executor.loader.project_state(latest(executor)).apps

        moved = new.get_model("assessment", "SelfAssessment").objects.get(pk=assessment.pk)
        assert (moved.year, moved.target_level, moved.notes, moved.created_by_id) == (
            2031, 2, "Tự đánh giá năm 2031", user.pk,
        )  # fmt: skip
        line = new.get_model("assessment", "Indicator").objects.get(pk=indicator.pk)
        assert (line.code, line.criterion_title, line.wording) == (
            "9.9", "Tiêu chí thử", "Chỉ tiêu thử",
        )  # fmt: skip
        kept = new.get_model("assessment", "IndicatorAnswer").objects.get(pk=answer.pk)
        assert (kept.assessment_id, kept.indicator_id, kept.result, kept.note) == (
            assessment.pk, indicator.pk, "met", "Có biên bản",
        )  # fmt: skip
        assert kept.evidence_file.name == "tu-danh-gia/bien-ban.pdf"
        assert kept.updated_by_id == user.pk
        result = new.get_model("assessment", "LegacyAssessmentResult").objects.get(pk=legacy.pk)
        assert (result.year, result.points, result.classification) == (
            2016, Decimal("86.5"), "Khá",
        )  # fmt: skip

        ContentTypeNew = new.get_model("contenttypes", "ContentType")
        for model in MODELS:
            relabelled = ContentTypeNew.objects.get(pk=types[model].pk)
            assert (relabelled.app_label, relabelled.model) == ("assessment", model)
        assert not ContentTypeNew.objects.filter(app_label="disclosures", model__in=MODELS)
        held = new.get_model("auth", "Group").objects.get(pk=group.pk).permissions
        assert list(held.values_list("content_type__app_label", "codename")) == [
            ("assessment", "change_selfassessment")
        ]
        logged = new.get_model("admin", "LogEntry").objects.get(pk=entry.pk)
        assert logged.content_type.app_label == "assessment"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest(executor))
        ContentType.objects.clear_cache()

    # Today's models read the same rows, and the permission is the one staff are checked for.
    assert IndicatorAnswer.objects.get(pk=answer.pk).assessment == SelfAssessment.objects.get(
        year=2031
    )
    assert ContentType.objects.get_for_model(SelfAssessment).pk == types["selfassessment"].pk
