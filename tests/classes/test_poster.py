"""Posters and loudspeaker scripts of classes: /lop-hoc/<slug>/to-roi/, /loa/, /loa.txt."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from classes.models import Course, Kind
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.classes.factories import CourseFactory, PartnerFactory, SessionFactory
from tests.qrdecode import decode_svg, svgs_in

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 12, 9)


@pytest.fixture
def course():
    course = CourseFactory(
        title="Kỹ thuật trồng rau an toàn vụ đông",
        kind=Kind.TECHNICAL,
        place="Nhà văn hoá xóm Đông",
        schedule_note="Sáng Chủ nhật, 7:30–10:30",
        start_date=START,
        end_date=datetime.date(2027, 1, 19),
        capacity=40,
        enrollment_opens=timezone.localdate() - datetime.timedelta(days=1),
        enrollment_closes=datetime.date(2026, 12, 8),
        description="Chọn giống, làm đất, bón phân hữu cơ.",
    )
    course.partners.add(PartnerFactory(name="Hội Nông dân xã Tiên Tân"))
    SessionFactory(course=course, date=datetime.date(2026, 12, 13), start_time=datetime.time(7, 30),
                   end_time=datetime.time(10, 30))  # fmt: skip
    return course


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The class's enrollment window is open on this day."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datetime.date(2026, 12, 1))


def urls(course):
    return {
        name: reverse(f"classes:class-{name}", kwargs={"slug": course.slug})
        for name in ("poster", "loudspeaker", "loudspeaker-txt")
    }


def test_the_class_page_links_to_its_poster_and_loudspeaker_script(client, course):
    html = client.get(course.get_absolute_url()).content.decode()
    assert f'href="{urls(course)["poster"]}"' in html
    assert f'href="{urls(course)["loudspeaker"]}"' in html


def test_the_poster_gives_what_when_where_seats_and_how_to_enroll(
    client, course, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):  # + the center's contacts, then cached
        response = client.get(urls(course)["poster"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "THÔNG BÁO MỞ LỚP · TẬP HUẤN KỸ THUẬT" in html
    assert "Kỹ thuật trồng rau an toàn vụ đông" in html
    assert "09/12/2026 – 19/01/2027" in html
    assert "Sáng Chủ nhật, 7:30–10:30" in html  # the note on the timetable
    # The first session, from the sessions: weekday, date, hours and place.
    assert "Chủ nhật, 13/12/2026, 7:30–10:30, tại Nhà văn hoá xóm Đông" in html
    assert "Nhà văn hoá xóm Đông" in html
    assert "Hội Nông dân xã Tiên Tân" in html
    assert "còn 40 / 40 chỗ" in html
    assert "Hạn ghi danh" in html and "08/12/2026" in html
    assert "Ghi danh: tại UBND xã Tiên Tân" in html and "hoặc quét mã bên dưới." in html
    assert "Trung tâm học tập cộng đồng xã Tiên Tân" in html  # the center, at the bottom


def test_the_poster_qr_code_opens_the_public_class_page(client, course):
    html = client.get(urls(course)["poster"]).content.decode()
    (svg,) = svgs_in(html.split('<article class="poster', 1)[1])
    assert decode_svg(svg) == [f"http://testserver/lop-hoc/{course.slug}/"]


def test_a_full_class_does_not_invite_enrollment(client, course):
    Course.objects.filter(pk=course.pk).update(seats_taken=40)
    html = client.get(urls(course)["poster"]).content.decode()
    assert "40 (đã đủ)" in html
    assert "Ghi danh: tại" not in html
    text = client.get(urls(course)["loudspeaker-txt"]).content.decode("utf-8-sig")
    assert "Lớp đã đủ 40 học viên." in text
    assert "xin ghi danh" not in text


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Course.Status.DRAFT},
        {"published_at": timezone.now() + datetime.timedelta(days=1)},
    ],
)
def test_an_unpublished_class_has_no_poster_or_script(client, hidden):
    course = CourseFactory(**hidden)
    for url in urls(course).values():
        assert client.get(url).status_code == 404, url


def test_the_loudspeaker_script_says_dates_and_times_in_words(client, course):
    response = client.get(urls(course)["loudspeaker-txt"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    assert not re.search(r"<[a-z/]", text)
    assert not re.search(r"\d{1,2}[/:]\d{2}", text)  # no 09/12 nor 7:30
    paragraphs = text.strip().split("\r\n\r\n")
    assert paragraphs[1] == "Kính thưa bà con nhân dân trong xã!"
    assert paragraphs[2] == (
        "Trung tâm học tập cộng đồng xã Tiên Tân xin thông báo mở lớp "
        "Kỹ thuật trồng rau an toàn vụ đông."
    )
    assert "Lớp học từ Thứ Tư, ngày 9 tháng 12 năm 2026 đến ngày 19 tháng 1 năm 2027." in text
    assert "Lịch học: Chủ nhật, ngày 13 tháng 12 năm 2026, 7 giờ 30 đến 10 giờ 30." in text
    assert "Sáng Chủ nhật, 7 giờ 30 đến 10 giờ 30." in text  # the note
    assert "Buổi học đầu tiên vào lúc 7 giờ 30, Chủ nhật, ngày 13 tháng 12 năm 2026." in text
    assert "Địa điểm: Nhà văn hoá xóm Đông." in text
    assert "Lớp nhận 40 học viên, hiện còn 40 chỗ." in text
    assert "xin ghi danh trước ngày 8 tháng 12 năm 2026 tại Ủy ban nhân dân xã Tiên Tân" in text
    reminder = next(p for p in paragraphs if p.startswith("Xin nhắc lại:"))
    assert "khai giảng ngày 9 tháng 12 năm 2026" in reminder
    assert "Hạn ghi danh: ngày 8 tháng 12 năm 2026." in reminder
    assert paragraphs[-1] == "Xin cảm ơn bà con đã chú ý lắng nghe!"
    # About a minute on air, as the brief for announcers asks.
    assert 80 <= len(text.split()) <= 260


def test_the_loudspeaker_page_offers_print_and_the_text_file(client, course):
    html = client.get(urls(course)["loudspeaker"]).content.decode()
    assert "Bài đọc loa truyền thanh" in html
    assert f'href="{urls(course)["loudspeaker-txt"]}" download' in html
    assert "ngày 9 tháng 12 năm 2026" in html


def test_the_phone_number_is_said_when_the_center_has_one(client, course, settings):
    settings.SITE_CONTACT = {**settings.SITE_CONTACT, "phone": "0226 3851 234"}
    text = client.get(urls(course)["loudspeaker-txt"]).content.decode("utf-8-sig")
    assert "số điện thoại 0226 3851 234" in text
    html = client.get(urls(course)["poster"]).content.decode()
    assert "0226 3851 234" in html


def test_the_script_and_poster_give_the_address_staff_keep_in_the_admin(client, course):
    ensure_organizations(Organization)
    center = Organization.objects.get(kind=Organization.Kind.CENTER)
    center.address = "Nhà văn hoá xóm 3"
    center.save()
    script = client.get(urls(course)["loudspeaker-txt"]).content.decode("utf-8-sig")
    assert "Nhà văn hoá xóm 3" in script
    assert "Nhà văn hoá xóm 3" in client.get(urls(course)["poster"]).content.decode()


def test_a_class_with_very_long_details_leaves_its_description_to_the_page(client):
    words = "Trung tâm giáo dục nghề nghiệp huyện " * 10
    course = CourseFactory(
        title=words[:200],
        place=words[:200],
        schedule_note=words[:200],
        instructor=words[:200],
        description="Mô tả riêng của lớp học này.",
    )
    html = client.get(urls(course)["poster"]).content.decode()
    assert '<article class="poster poster-dense"' in html
    assert "Mô tả riêng của lớp học này." not in html
    short = CourseFactory(title="Lớp tin học", description="Mô tả ngắn của lớp.")
    html = client.get(urls(short)["poster"]).content.decode()
    assert '<article class="poster"' in html
    assert "Mô tả ngắn của lớp." in html
