"""The learning-community self-assessment's data: the checklist as seeded, the level rule of
TT 25/2023 (every indicator of a level met, no points), answers and their evidence files, who
may touch them, and the TT 44/2014 result kept as history."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessment.models import (
    Indicator,
    IndicatorAnswer,
    LegacyAssessmentResult,
    SelfAssessment,
    level_met,
    level_reached,
)
from assessment.seed import ensure_indicators, ensure_legacy_results
from assessment.services import indicator_answers_save, self_assessment_create
from core.roles import CENTER_STAFF, SCHOOL_STAFF
from tests.disclosures.factories import pdf_bytes, stored_files
from tests.factories import administrator, center_staff

pytestmark = pytest.mark.django_db

HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture(autouse=True)
def _checklist(db):
    # What migration 0004 adds; a transactional test's flush removes it.
    ensure_indicators(Indicator)
    ensure_legacy_results(LegacyAssessmentResult)


@pytest.fixture
def assessment():
    return SelfAssessment.objects.create(year=2025)


def answer_all(assessment, result=IndicatorAnswer.Result.MET, **overrides):
    """Answer every indicator with `result`; `overrides` maps a code to another result."""
    for indicator in Indicator.objects.all():
        IndicatorAnswer.objects.update_or_create(
            assessment=assessment,
            indicator=indicator,
            defaults={"result": overrides.get(indicator.code, result)},
        )
    return {a.indicator_id: a for a in assessment.answers.all()}


# The checklist as seeded.


def test_the_checklist_has_five_criteria_and_marks_every_unchecked_wording():
    indicators = list(Indicator.objects.all())
    assert sorted({i.criterion for i in indicators}) == [1, 2, 3, 4, 5]
    assert [i.code for i in indicators if i.criterion <= 2] == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3",
    ]  # fmt: skip
    # Nothing is presented as the official text: it was not at hand.
    assert not [i for i in indicators if i.is_verified]
    placeholders = [i for i in indicators if i.criterion >= 3]
    assert [i.code for i in placeholders] == ["3.x", "4.x", "5.x"]
    for indicator in placeholders:
        assert indicator.wording_status == Indicator.WordingStatus.MISSING
        assert "cần đối chiếu văn bản gốc" in indicator.wording
    # Level 2 asks more than level 1 on criteria 4 and 5 (how much was not found).
    assert {i.code for i in indicators if i.has_level2_threshold} == {"4.x", "5.x"}


def test_seeding_again_keeps_what_staff_corrected():
    Indicator.objects.filter(code="3.x").update(wording="Nội dung đã đối chiếu.")
    ensure_indicators(Indicator)
    assert Indicator.objects.get(code="3.x").wording == "Nội dung đã đối chiếu."
    assert Indicator.objects.count() == 9


def test_the_tt44_result_is_history_with_what_the_source_says_and_nothing_more():
    result = LegacyAssessmentResult.objects.get()
    assert result.points == Decimal("93.5")
    assert result.max_points == 100
    assert result.scheme == "Thông tư 44/2014/TT-BGDĐT"
    # The seed article names neither the year nor the classification.
    assert result.year is None
    assert result.classification == ""
    assert "93.5" in result.source_note


# The level rule.


def test_every_indicator_met_reaches_level_two():
    indicators = list(Indicator.objects.all())
    answers = answer_all(SelfAssessment.objects.create(year=2025))
    assert level_met(1, indicators, answers)
    assert level_met(2, indicators, answers)
    assert level_reached(indicators, answers) == 2


def test_meeting_only_level_ones_requirement_stops_at_level_one(assessment):
    indicators = list(Indicator.objects.all())
    answers = answer_all(assessment, **{"4.x": IndicatorAnswer.Result.LEVEL1})
    assert level_reached(indicators, answers) == 1


@pytest.mark.parametrize("result", [IndicatorAnswer.Result.NOT_MET, IndicatorAnswer.Result.UNKNOWN])
def test_one_indicator_not_met_or_not_assessed_means_no_level(assessment, result):
    indicators = list(Indicator.objects.all())
    answers = answer_all(assessment, **{"2.1": result})
    assert level_reached(indicators, answers) == 0


def test_an_indicator_without_an_answer_is_not_met(assessment):
    indicators = list(Indicator.objects.all())
    answers = answer_all(assessment)
    del answers[Indicator.objects.get(code="1.1").pk]
    assert level_reached(indicators, answers) == 0


def test_indicators_out_of_use_or_only_for_level_two_do_not_block_level_one(assessment):
    answers = answer_all(assessment, **{"2.3": IndicatorAnswer.Result.NOT_MET})
    Indicator.objects.filter(code="2.3").update(applies_to=Indicator.AppliesTo.LEVEL2)
    indicators = list(Indicator.objects.all())
    assert level_reached(indicators, answers) == 1
    Indicator.objects.filter(code="2.3").update(is_active=False)
    assert level_reached(list(Indicator.objects.all()), answers) == 2


def test_level_one_only_is_refused_where_both_levels_ask_the_same(assessment):
    answer = IndicatorAnswer(
        assessment=assessment,
        indicator=Indicator.objects.get(code="1.1"),
        result=IndicatorAnswer.Result.LEVEL1,
    )
    with pytest.raises(ValidationError) as error:
        answer.full_clean()
    assert "result" in error.value.message_dict


# Creating a year.


def test_a_year_is_created_once():
    user = center_staff()
    self_assessment_create(year=2025, target_level=1, user=user)
    with pytest.raises(ValidationError):
        self_assessment_create(year=2025, target_level=2, user=user)
    assert SelfAssessment.objects.count() == 1


@pytest.mark.parametrize("year", [2023, timezone.localdate().year + 1])
def test_years_outside_the_circular_or_in_the_future_are_refused(year):
    with pytest.raises(ValidationError):
        self_assessment_create(year=year, target_level=1, user=center_staff())
    assert not SelfAssessment.objects.exists()


def test_the_week_must_lie_in_the_year_and_in_order():
    assessment = SelfAssessment(
        year=2025, week_start=datetime.date(2025, 10, 7), week_end=datetime.date(2025, 10, 1)
    )
    with pytest.raises(ValidationError) as error:
        assessment.full_clean()
    assert "week_end" in error.value.message_dict
    assessment.week_start, assessment.week_end = datetime.date(2024, 10, 1), None
    with pytest.raises(ValidationError):
        assessment.full_clean()
    assert SelfAssessment(year=2025).lifelong_week == (
        datetime.date(2025, 10, 1),
        datetime.date(2025, 10, 7),
    )


# Saving answers with evidence.


def test_answers_are_saved_with_their_evidence_file(assessment, settings):
    user = center_staff()
    indicator = Indicator.objects.get(code="2.1")
    saved = indicator_answers_save(
        assessment=assessment,
        answers=[
            {
                "indicator": indicator,
                "result": IndicatorAnswer.Result.MET,
                "note": "Nghị quyết HĐND xã giao dự toán 2025.",
                "evidence_file": SimpleUploadedFile("du-toan.pdf", pdf_bytes("Du toan 2025")),
                "evidence_link": "",
            }
        ],
        user=user,
    )
    answer = IndicatorAnswer.objects.get()
    assert saved == 1
    assert (answer.result, answer.created_by, answer.evidence_file_type) == ("yes", user, "pdf")
    assert answer.evidence_file.name.startswith("tu-danh-gia/")
    assert len(stored_files(settings)) == 1


def test_html_disguised_as_pdf_saves_nothing_at_all(assessment, settings):
    good = {
        "indicator": Indicator.objects.get(code="1.1"),
        "result": IndicatorAnswer.Result.MET,
        "evidence_file": SimpleUploadedFile("ke-hoach.pdf", pdf_bytes()),
    }
    bad = {
        "indicator": Indicator.objects.get(code="1.2"),
        "result": IndicatorAnswer.Result.MET,
        "evidence_file": SimpleUploadedFile("bao-cao.pdf", HTML_AS_PDF),
    }
    with pytest.raises(ValidationError) as error:
        indicator_answers_save(assessment=assessment, answers=[good, bad], user=center_staff())
    assert "1.2" in error.value.messages[0]
    assert not IndicatorAnswer.objects.exists()
    assert stored_files(settings) == []


def test_a_final_assessment_is_not_changed(assessment):
    assessment.status = SelfAssessment.Status.FINAL
    assessment.save()
    with pytest.raises(ValidationError):
        indicator_answers_save(
            assessment=assessment,
            answers=[{"indicator": Indicator.objects.first(), "result": "yes"}],
            user=center_staff(),
        )
    assert not IndicatorAnswer.objects.exists()


def test_an_evidence_link_must_be_a_web_address(assessment):
    with pytest.raises(ValidationError):
        indicator_answers_save(
            assessment=assessment,
            answers=[
                {
                    "indicator": Indicator.objects.first(),
                    "result": "yes",
                    "evidence_link": "javascript:alert(1)",
                }
            ],
            user=center_staff(),
        )
    assert not IndicatorAnswer.objects.exists()


# Who may touch it.

MODELS = ("indicator", "selfassessment", "indicatoranswer", "legacyassessmentresult")


def grants(group):
    return set(
        Group.objects.get(name=group)
        .permissions.filter(content_type__model__in=MODELS)
        .values_list("codename", flat=True)
    )


def test_center_staff_edit_the_self_assessment_and_school_staff_have_no_right_on_it():
    # The checklist (Indicator) is the national one, shared by every center: read only.
    assert grants(CENTER_STAFF) == {
        f"{action}_{model}"
        for model in MODELS
        if model != "indicator"
        for action in ("view", "add", "change")
    } | {"view_indicator"}
    assert grants(SCHOOL_STAFF) == set()
    # School staff keep their rights on disclosure documents.
    school = Group.objects.get(name=SCHOOL_STAFF).permissions
    assert school.filter(codename="change_disclosuredocument").exists()


def test_only_the_operator_corrects_an_indicators_wording_in_the_admin(client):
    """The checklist is shared by every center the deployment hosts: center staff read it,
    and a correction one center typed would change every other's (issue 14)."""
    indicator = Indicator.objects.get(code="3.x")
    url = f"/admin/assessment/indicator/{indicator.pk}/change/"
    form = {
        "code": "3.1",
        "criterion": 3,
        "criterion_title": indicator.criterion_title,
        "wording": "Nội dung chỉ tiêu 3.1 theo văn bản gốc.",
        "wording_status": Indicator.WordingStatus.OFFICIAL,
        "applies_to": Indicator.AppliesTo.BOTH,
        "threshold_level1": "",
        "threshold_level2": "",
        "source": "Thông tư 25/2023/TT-BGDĐT",
        "evidence_key": "classes-held",
        "order": 1,
        "is_active": "on",
    }
    client.force_login(center_staff())
    assert client.get(url).status_code == 200
    assert client.post(url, form).status_code == 403
    indicator.refresh_from_db()
    assert (indicator.code, indicator.is_verified) == ("3.x", False)
    # Deleting is for administrators: past answers point at it.
    assert client.get(f"/admin/assessment/indicator/{indicator.pk}/delete/").status_code == 403
    client.force_login(administrator())
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert (indicator.code, indicator.is_verified) == ("3.1", True)


def test_a_replaced_evidence_file_leaves_no_orphan_behind(
    assessment, settings, django_capture_on_commit_callbacks
):
    user = center_staff()
    indicator = Indicator.objects.get(code="2.2")

    def upload(name):
        answer = {"indicator": indicator, "result": "yes"}
        answer["evidence_file"] = SimpleUploadedFile(name, pdf_bytes(name)) if name else False
        with django_capture_on_commit_callbacks(execute=True):
            indicator_answers_save(assessment=assessment, answers=[answer], user=user)
        return IndicatorAnswer.objects.get().evidence_file.name

    first = upload("bien-ban-lan-1.pdf")
    second = upload("bien-ban-lan-2.pdf")
    assert first != second
    assert [p.name for p in stored_files(settings)] == [second.rsplit("/", 1)[1]]
    assert upload(None) == ""  # "remove" ticked
    assert stored_files(settings) == []
    assert IndicatorAnswer.objects.get().evidence_file_type == ""
