"""A class is named once (issue 15, item 11): "mở lớp tin học cơ bản", never "mở lớp Lớp tin
học cơ bản", wherever a sentence names a class — the loudspeaker script, the poster, the
class page, the home page, the enrollment form and its answers, the survey's draft class and
the learner import. One helper does it: core.text.class_named (and class_title for drafts)."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from classes.models import Course
from core.text import class_named, class_title
from tests.attendance.factories import enroll_data, hamlet
from tests.attendance.test_staff import import_file
from tests.classes.factories import CourseFactory, SessionFactory
from tests.factories import center_staff
from tests.survey.test_survey import DRAFT, answer

pytestmark = pytest.mark.django_db

TWICE = re.compile(r"\blớp\s+[“\"]?lớp\b", re.IGNORECASE)


def text(response):
    body = response.content.decode("utf-8-sig")
    return " ".join(unescape(strip_tags(body)).split())


def test_the_helper_names_a_class_once():
    assert class_named("Trồng cây cảnh") == "lớp Trồng cây cảnh"
    assert class_named("Lớp tin học cơ bản") == "lớp tin học cơ bản"
    assert class_named("LỚP MAY CÔNG NGHIỆP") == "LỚP MAY CÔNG NGHIỆP"
    assert class_named("Trồng cây cảnh", quoted=True) == "lớp “Trồng cây cảnh”"
    assert class_named(" Lớp tin học ", quoted=True) == "“Lớp tin học”"
    assert class_named("Lớp học xóa mù chữ") == "lớp học xóa mù chữ"


def test_a_draft_title_says_lop_once():
    assert class_title("Tin học") == "Lớp tin học"
    assert class_title("nấu ăn") == "Lớp nấu ăn"
    assert class_title("lớp nấu ăn") == "Lớp nấu ăn"
    assert class_title("Lớp May") == "Lớp May"
    assert class_title("IT") == "Lớp IT"


@pytest.fixture
def courses():
    """Two classes open for enrollment, one titled "Lớp …", each with a first session."""
    lop = CourseFactory(title="Lớp tin học cơ bản", slug="lop-tin-hoc-co-ban")
    other = CourseFactory(title="Trồng cây cảnh", slug="trong-cay-canh")
    for course in (lop, other):
        SessionFactory(course=course, date=course.start_date + datetime.timedelta(days=1))
    return lop, other


PUBLIC_PAGES = ("{url}", "{url}to-roi/", "{url}loa/", "{url}loa.txt", "{url}dang-ky/")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_the_class_pages_name_the_class_once(client, courses, path):
    lop, other = courses
    seen = text(client.get(path.format(url=lop.get_absolute_url())))
    assert "tin học cơ bản" in seen and not TWICE.search(seen), seen
    # A title without "Lớp" keeps the word: the sentence still says it is a class.
    if path.endswith(("loa/", "loa.txt")):
        assert "xin thông báo mở lớp tin học cơ bản" in seen
        seen = text(client.get(path.format(url=other.get_absolute_url())))
        assert "xin thông báo mở lớp Trồng cây cảnh" in seen
        assert "mở lớp Trồng cây cảnh, khai giảng" in seen
    if path.endswith("dang-ky/"):
        assert "Bà con đang ghi danh “Lớp tin học cơ bản”." in seen
        seen = text(client.get(path.format(url=other.get_absolute_url())))
        assert "Bà con đang ghi danh lớp “Trồng cây cảnh”." in seen


def test_the_home_page_names_each_class_once(client, courses):
    seen = text(client.get("/"))
    assert "Lớp tin học cơ bản" in seen and not TWICE.search(seen)


def test_the_confirmation_names_the_class_once(client, courses):
    lop, other = courses
    url = f"/lop-hoc/{lop.slug}/dang-ky/"
    seen = text(client.get(client.post(url, enroll_data())["Location"]))
    assert "Trung tâm đã nhận đơn ghi danh “Lớp tin học cơ bản”." in seen
    assert not TWICE.search(seen)
    seen = text(client.get(client.post(url, enroll_data())["Location"]))
    assert "Bà con đã ghi danh “Lớp tin học cơ bản” từ trước" in seen
    assert not TWICE.search(seen)
    url = f"/lop-hoc/{other.slug}/dang-ky/"
    seen = text(client.get(client.post(url, enroll_data())["Location"]))
    assert "Trung tâm đã nhận đơn ghi danh lớp “Trồng cây cảnh”." in seen


def test_a_closed_or_full_class_is_named_once(client, courses):
    lop, _other = courses
    Course.objects.filter(pk=lop.pk).update(capacity=1, seats_taken=1)
    seen = text(client.get(f"/lop-hoc/{lop.slug}/dang-ky/"))
    assert "Xin lỗi, “Lớp tin học cơ bản” đã đủ chỗ." in seen and not TWICE.search(seen)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    closed = CourseFactory(title="Lớp may", enrollment_closes=yesterday)
    seen = text(client.get(f"/lop-hoc/{closed.slug}/dang-ky/"))
    assert "Hiện không nhận ghi danh trực tuyến cho “Lớp may”." in seen
    assert not TWICE.search(seen)


def test_a_topic_typed_with_lop_makes_a_draft_titled_lop_once(client):
    answer("Xóm 1", [], "lớp may công nghiệp", ["evening"], ["any"])
    client.force_login(center_staff())
    response = client.post(DRAFT, {"topic": "free:may cong nghiep"}, follow=True)
    course = Course.objects.get()
    assert course.title == "Lớp may công nghiệp"
    seen = text(response)
    assert "Đã tạo bản nháp “Lớp may công nghiệp”." in seen and not TWICE.search(seen)


def test_the_learner_import_names_the_class_once(client, courses):
    lop, _other = courses
    client.force_login(center_staff())
    rows = [["Nguyễn Văn Đúng", 1970, "Nam", hamlet().name, "0912345678", "", ""]]
    response = client.post("/quan-ly/hoc-vien/nhap/", {"course": lop.pk, "file": import_file(rows)})
    seen = text(response)
    assert "và ghi danh vào “Lớp tin học cơ bản”" in seen and not TWICE.search(seen)
