"""The learning-needs survey: the public form, its checks, the staff's demand page, draft
classes, the list of interested people and the retention of contact details."""

import csv
import datetime
import io
import re
import threading
import uuid

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from classes.models import Course
from survey.demand import demand, interested
from survey.models import SurveyChoice, SurveyResponse
from survey.services import survey_response_create
from survey.topics import topic_key
from tests.factories import center_staff, hamlet, school_staff

pytestmark = pytest.mark.django_db

SURVEY = "/khao-sat/"
DEMAND = "/quan-ly/khao-sat/"
DRAFT = "/quan-ly/khao-sat/tao-lop-nhap/"
INTERESTED = "/quan-ly/khao-sat/nguoi-quan-tam/"
DEMAND_CSV = "/quan-ly/khao-sat/tai-ve.csv"
DEMAND_XLSX = "/quan-ly/khao-sat/tai-ve.xlsx"


def survey_data(**overrides):
    data = {
        "kinds": ["it"],
        "other_topic": "",
        "hamlet": str(hamlet("Xóm 2").pk),
        "times": ["evening"],
        "seasons": ["after-autumn"],
        "full_name": "",
        "phone": "",
        "website": "",
        "token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def answer(
    hamlet_name="Xóm 1",
    kinds=(),
    other="",
    times=(),
    seasons=(),
    name="",
    phone="",
    answered_on=None,
):
    response, _created = survey_response_create(
        hamlet=hamlet(hamlet_name),
        kinds=list(kinds),
        other_topic=other,
        times=list(times),
        seasons=list(seasons),
        full_name=name,
        phone=phone,
        consent_text="Tôi đồng ý" if (name or phone) else "",
        answered_on=answered_on,
    )
    return response


# --- The public form ---


def test_the_form_asks_every_question_and_links_the_paper_version(client):
    hamlet()
    page = client.get(SURVEY).content.decode()
    for text in ("Tin học", "Tập huấn kỹ thuật", "Xóm 3", "Buổi tối", "Sau gặt vụ mùa"):
        assert text in page
    assert 'name="consent"' in page and "checked" not in page.split('name="consent"')[1][:40]
    assert reverse("attendance:survey-paper") in page


def test_an_anonymous_answer_is_saved_with_its_ticks_and_thanked(client):
    data = survey_data(kinds=["it", "health"], times=["morning", "evening"], seasons=["tet"])
    response = client.post(SURVEY, data)
    assert response.status_code == 302 and response.url == "/khao-sat/cam-on/"
    saved = SurveyResponse.objects.get()
    assert saved.hamlet.name == "Xóm 2" and saved.source == "online"
    assert saved.consent_at is None and saved.full_name == saved.phone == ""
    assert sorted(saved.choices.values_list("question", "value")) == [
        ("kind", "health"),
        ("kind", "it"),
        ("season", "tet"),
        ("time", "evening"),
        ("time", "morning"),
    ]
    thanks = client.get(response.url)
    assert "Cảm ơn bà con đã trả lời" in thanks.content.decode()


def test_contact_with_consent_is_kept_normalised_with_the_consent_text(client):
    client.post(
        SURVEY,
        survey_data(full_name="  Trần   Thị Thử ", phone="+84 912 345 678", consent="on"),
    )
    saved = SurveyResponse.objects.get()
    assert (saved.full_name, saved.phone) == ("Trần Thị Thử", "0912345678")
    assert saved.consent_at is not None
    assert "Tôi đồng ý" in saved.consent_text and "5 năm" in saved.consent_text


def test_a_typed_topic_alone_is_enough(client):
    response = client.post(SURVEY, survey_data(kinds=[], other_topic="Học nấu ăn"))
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert (saved.other_topic, saved.other_topic_key) == ("Học nấu ăn", "nau an")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kinds": [], "other_topic": ""}, "Hãy đánh dấu ít nhất một nội dung"),
        ({"phone": "0912345678"}, "hãy đánh dấu ô đồng ý"),
        ({"full_name": "Lê Văn Thử"}, "hãy đánh dấu ô đồng ý"),
        ({"phone": "12345", "consent": "on"}, "Đây không phải số điện thoại Việt Nam"),
        ({"hamlet": ""}, "Hãy chọn xóm."),
        ({"kinds": ["astrology"]}, "Chọn nội dung trong danh sách."),
        ({"times": ["midnight"]}, "Chọn buổi học trong danh sách."),
        ({"other_topic": "<script>"}, "Nội dung không được chứa dấu &lt; và &gt;"),
        ({"kinds": [], "other_topic": "!!!"}, "Hãy ghi nội dung muốn học bằng chữ."),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_saves_nothing(client, overrides, message):
    response = client.post(SURVEY, survey_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_honeypot_stops_bots_without_a_row(client):
    response = client.post(SURVEY, survey_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "Không gửi được phiếu trả lời" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_rate_limit_per_address(client, settings):
    settings.ENROLL_RATE_LIMIT = "2/h"
    for _ in range(2):
        assert client.post(SURVEY, survey_data()).status_code == 302
    response = client.post(SURVEY, survey_data())
    assert response.status_code == 429
    assert "Quá nhiều phiếu trả lời" in response.content.decode()
    assert SurveyResponse.objects.count() == 2


def test_double_submit_saves_one_answer(client):
    data = survey_data()
    client.post(SURVEY, data)
    client.post(SURVEY, data)
    assert SurveyResponse.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_taps_at_once_save_one_answer_and_both_get_it():
    """Both requests pass the token check before either saves: the unique token decides."""
    h, token, barrier, results = hamlet(), uuid.uuid4(), threading.Barrier(4), []

    def submit():
        try:
            barrier.wait()
            answer, _created = survey_response_create(
                hamlet=h, kinds=["it"], submission_token=token
            )
            results.append(answer.pk)
        except Exception as error:  # the test reports whatever escaped
            results.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert SurveyResponse.objects.count() == 1
    assert results == [SurveyResponse.objects.get().pk] * 4


def test_the_database_refuses_contact_without_consent():
    with pytest.raises(IntegrityError):
        SurveyResponse.objects.create(hamlet=hamlet(), phone="0912345678")


def test_public_pages_never_show_an_answers_contact(client):
    client.post(
        SURVEY, survey_data(full_name="Nguyễn Văn Bí Mật", phone="0987654321", consent="on")
    )
    for url in ("/", SURVEY, "/khao-sat/cam-on/", "/khao-sat/in/", "/thong-ke/", "/lop-hoc/"):
        page = client.get(url).content.decode()
        assert "Bí Mật" not in page and "0987654321" not in page, url


def test_paper_form_is_printable_with_every_question(client):
    hamlet()
    page = client.get("/khao-sat/in/").content.decode()
    assert "survey-paper" in page and "data-print" in page and "In phiếu" in page
    assert page.count('class="box-square"') == 8 + 11 + 3 + 4 + 1  # kinds, hamlets, times…
    assert "Tôi đồng ý" in page


def test_topic_keys_group_spellings():
    assert {topic_key(t) for t in ("Học nấu ăn", "nấu ăn!", "NẤU ĂN", "lớp học nấu  ăn")} == {
        "nau an"
    }
    assert topic_key("Sửa xe máy") == "sua xe may"


def test_privacy_notice_mentions_the_survey(client):
    assert "Khảo sát nhu cầu học tập" in client.get(reverse("privacy")).content.decode()


# --- The demand, counted in the database ---


@pytest.fixture
def answers():
    last_year = timezone.localdate().replace(month=1, day=15) - datetime.timedelta(days=365)
    return [
        answer(
            "Xóm 1",
            ["it", "technical"],
            "",
            ["evening"],
            ["after-autumn"],
            "Lê Văn Một",
            "0912000001",
        ),
        answer("Xóm 1", ["it"], "Nấu ăn", ["evening", "morning"], ["tet"]),
        answer(
            "Xóm 2", ["technical"], "học nấu ăn", ["morning"], ["after-spring"], "", "0912000003"
        ),
        answer("Xóm 3", ["it"], "", ["afternoon"], ["any"]),
        answer("Xóm 3", ["health"], "", ["evening"], ["tet"], answered_on=last_year),
    ]


def test_demand_counts_topics_hamlets_times_and_seasons(answers):
    year = timezone.localdate().year
    result = demand(year)
    assert result.answers == 4
    assert [(t.topic, t.label, t.requests, t.contactable) for t in result.topics] == [
        ("kind:it", "Tin học", 3, 1),
        ("free:nau an", "Nấu ăn", 2, 1),
        ("kind:technical", "Tập huấn kỹ thuật", 2, 2),
    ]
    assert result.hamlets == [("Xóm 1", 2), ("Xóm 2", 1), ("Xóm 3", 1)]
    assert dict(result.times) == {"Buổi sáng": 2, "Buổi chiều": 1, "Buổi tối": 2}
    assert [n for _label, n in result.seasons] == [1, 1, 1, 1]
    everything = demand(None)
    assert everything.answers == 5
    assert ("kind:health", 1) in [(t.topic, t.requests) for t in everything.topics]
    assert dict(everything.times)["Buổi tối"] == 3


def test_demand_page_shows_the_counts_to_center_staff(
    client, answers, django_assert_max_num_queries
):
    client.force_login(center_staff())
    with django_assert_max_num_queries(12):
        page = client.get(DEMAND, {"nam": timezone.localdate().year})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<strong>4</strong> phiếu trả lời" in html
    assert "Tạo lớp nháp" in html and "chu-de=kind%3Ait" in html
    assert "Lê Văn Một" not in html and "0912000001" not in html  # counts only
    for _ in range(20):
        answer("Xóm 4", ["law"], "", ["morning"], ["any"], "Thử Nhiều", "0912999999")
    with django_assert_max_num_queries(12):
        assert client.get(DEMAND).status_code == 200


def test_other_ticked_with_a_typed_topic_counts_once(client):
    """A villager who ticks "Khác" and writes "Nấu ăn" asked for one thing: cooking. The
    demand page, its downloads, the draft class and the list of interested people count it
    once, under the topic written; "Khác" counts only the answers that wrote nothing."""
    answer("Xóm 1", ["other"], "Nấu ăn", name="Lê Thị Nấu", phone="0912000011")
    answer("Xóm 2", ["other"], "", name="Trần Văn Khác", phone="0912000012")
    topics = {t.topic: t.requests for t in demand(None).topics}
    assert topics == {"free:nau an": 1, "kind:other": 1}

    client.force_login(center_staff())
    html = client.get(DEMAND).content.decode()
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', html)
    assert ("Nấu ăn", "1") in rows and ("Khác", "1") in rows
    csv_rows = list(csv.reader(io.StringIO(client.get(DEMAND_CSV).content.decode("utf-8-sig"))))
    assert ["Nấu ăn", "1", "1"] in csv_rows and ["Khác", "1", "1"] in csv_rows
    sheet = load_workbook(io.BytesIO(client.get(DEMAND_XLSX).content)).active
    assert ("Khác", 1, 1) in list(sheet.iter_rows(values_only=True))

    other = [r.full_name for r in interested(("kind", "other"))]
    assert other == ["Trần Văn Khác"]
    client.post(DRAFT, {"topic": "kind:other"})
    assert ": 1 người" in Course.objects.get().description


def test_demand_page_is_for_center_staff_only(client):
    assert client.get(DEMAND).status_code == 302
    client.force_login(school_staff())
    assert client.get(DEMAND).status_code == 403


# --- Paper forms typed in by staff ---


def test_staff_enter_a_paper_form_with_its_date(client):
    staff = center_staff()
    client.force_login(staff)
    response = client.post(
        "/quan-ly/khao-sat/nhap/",
        survey_data(answered_on="03/11/2026", phone="0912 111 222", consent="on"),
    )
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.source == "paper" and saved.entered_by == staff
    assert saved.answered_on == datetime.date(2026, 11, 3)
    assert "Đã lưu phiếu giấy" in client.get(response.url).content.decode()


def test_paper_entry_checks_like_the_public_form(client):
    client.force_login(center_staff())
    future = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    response = client.post(
        "/quan-ly/khao-sat/nhap/", survey_data(answered_on=future, kinds=[], phone="0912")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ngày không được ở tương lai." in html
    assert "Hãy đánh dấu ít nhất một nội dung" in html
    assert not SurveyResponse.objects.exists()


def test_answers_are_read_in_the_admin_and_added_on_the_staff_page(client, answers):
    client.force_login(center_staff())
    assert client.get("/admin/survey/surveyresponse/").status_code == 200
    assert client.get("/admin/survey/surveyresponse/add/").status_code == 403
    change = client.get(f"/admin/survey/surveyresponse/{answers[0].pk}/change/")
    assert "Tin học" in change.content.decode()


# --- Draft class from a topic ---


def test_center_staff_turn_a_topic_into_a_draft_class(client, answers):
    client.force_login(center_staff())
    year = timezone.localdate().year
    response = client.post(DRAFT, {"topic": "kind:it", "nam": year})
    course = Course.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:classes_course_change", args=[course.pk])
    assert course.status == Course.Status.DRAFT and course.kind == "it"
    assert course.title == "Lớp tin học"
    assert f"({year}): 3 người" in course.description
    assert not Course.objects.published().exists()
    # The new class's admin page leads to the villagers who asked for it.
    page = client.get(response.url).content.decode()
    listed = f"/quan-ly/khao-sat/nguoi-quan-tam/?chu-de=kind%3Ait&amp;nam={year}"
    assert f'href="{listed}"' in page
    assert client.get(listed.replace("&amp;", "&")).status_code == 200


def test_a_typed_topic_becomes_an_other_kind_draft(client, answers):
    client.force_login(center_staff())
    client.post(DRAFT, {"topic": "free:nau an"})
    course = Course.objects.get()
    assert (course.title, course.kind, course.topic) == ("Lớp nấu ăn", "other", "Nấu ăn")
    assert "tất cả các năm" in course.description and "2 người" in course.description


def test_draft_class_needs_post_center_staff_and_a_real_topic(client, answers):
    assert client.post(DRAFT, {"topic": "kind:it"}).status_code == 302  # to the login page
    client.force_login(school_staff())
    assert client.post(DRAFT, {"topic": "kind:it"}).status_code == 403
    client.force_login(center_staff())
    assert client.get(DRAFT, {"topic": "kind:it"}).status_code == 405
    response = client.post(DRAFT, {"topic": "kind:astrology"})
    assert response.url == DEMAND
    assert not Course.objects.exists()


# --- People who want to be told ---


def test_interested_list_shows_only_consenting_contacts_for_the_topic(client, answers):
    answer("Xóm 4", ["law"], "", [], [], "Người Khác Chủ Đề", "0912000099")
    client.force_login(center_staff())
    html = client.get(INTERESTED, {"chu-de": "kind:technical"}).content.decode()
    assert "Lê Văn Một" in html and "0912000001" in html and "Xóm 1" in html
    assert "0912000003" in html  # a phone without a name still counts as contact
    assert "Người Khác Chủ Đề" not in html
    it = list(interested(("kind", "it")))
    assert [r.full_name for r in it] == ["Lê Văn Một"]  # the anonymous ones are not listed


def test_interested_list_is_staff_only_and_needs_a_topic(client, answers):
    url = f"{INTERESTED}?chu-de=kind:it"
    assert client.get(url).status_code == 302
    client.force_login(school_staff())
    assert client.get(url).status_code == 403
    client.force_login(center_staff())
    assert client.get(INTERESTED, {"chu-de": "nonsense"}).status_code == 404
    assert client.get(url)["Cache-Control"].startswith("max-age=0")


# --- Retention ---


def test_old_survey_contacts_are_erased_and_the_answers_still_count(settings):
    settings.LEARNER_RETENTION_YEARS = 2
    today = timezone.localdate()
    old = answer(
        "Xóm 1",
        ["it"],
        "",
        ["evening"],
        [],
        "Lê Văn Cũ",
        "0912000077",
        answered_on=today - datetime.timedelta(days=3 * 365),
    )
    recent = answer("Xóm 1", ["it"], "", [], [], "Lê Văn Mới", "0912000078")
    out = io.StringIO()
    call_command("erase_expired_survey_contacts", "--dry-run", stdout=out)
    assert "1 survey contact(s) would be erased" in out.getvalue()
    assert SurveyResponse.objects.get(pk=old.pk).phone == "0912000077"
    call_command("erase_expired_survey_contacts", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.full_name, old.phone) == ("", "") and old.contact_erased_at is not None
    assert recent.phone == "0912000078"
    assert SurveyChoice.objects.filter(response=old).count() == 2
    assert demand(None).answers == 2
    assert "Lê Văn Cũ" not in str(list(interested(("kind", "it"))))


def test_demo_survey_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert SurveyResponse.objects.count() == 40
    assert SurveyResponse.objects.filter(source="paper").exists()
    assert demand(None).topics[0].label == "Tin học"
