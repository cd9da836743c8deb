import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from classes.models import Course, Kind
from tests.classes.factories import (
    CourseFactory,
    PartnerFactory,
    SessionFactory,
    historical_course,
)
from tests.factories import center_staff

pytestmark = pytest.mark.django_db


def test_catalogue_lists_published_classes_and_hides_drafts(client):
    CourseFactory(title="Lớp may công nghiệp")
    CourseFactory(title="Lớp nháp chưa đăng", status=Course.Status.DRAFT)
    CourseFactory(
        title="Lớp hẹn giờ đăng", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    html = client.get("/lop-hoc/").content.decode()
    assert "Lớp may công nghiệp" in html
    assert "Lớp nháp chưa đăng" not in html
    assert "Lớp hẹn giờ đăng" not in html
    draft = Course.objects.get(title="Lớp nháp chưa đăng")
    assert client.get(f"/lop-hoc/{draft.slug}/").status_code == 404


def test_filters_by_kind_year_and_open_for_enrollment(client):
    CourseFactory(title="Tin học mở", kind=Kind.IT)
    historical_course(2014, 35, title="Mộc mỹ nghệ 2014")
    historical_course(2016, 35, title="May công nghiệp 2016")
    html = client.get("/lop-hoc/", {"kind": "vocational"}).content.decode()
    assert "Mộc mỹ nghệ 2014" in html and "May công nghiệp 2016" in html
    assert "Tin học mở" not in html
    html = client.get("/lop-hoc/", {"year": "2014"}).content.decode()
    assert "Mộc mỹ nghệ 2014" in html and "May công nghiệp 2016" not in html
    html = client.get("/lop-hoc/", {"open": "on"}).content.decode()
    assert "Tin học mở" in html and "Mộc mỹ nghệ 2014" not in html


def test_bad_filter_values_get_a_message_not_an_error(client):
    response = client.get("/lop-hoc/", {"year": "<script>", "kind": "bogus"})
    assert response.status_code == 200
    assert "Bộ lọc không hợp lệ" in response.content.decode()


def test_detail_shows_schedule_place_partner_seats_and_enroll_button(client):
    partner = PartnerFactory(name="Chi cục Bảo vệ thực vật tỉnh Hà Nam")
    course = CourseFactory(title="Trồng lúa", capacity=30, schedule_note="Sáng thứ Bảy")
    course.partners.add(partner)
    SessionFactory(
        course=course, date=timezone.localdate() + datetime.timedelta(days=8), topic="Làm đất"
    )
    html = client.get(course.get_absolute_url()).content.decode()
    for text in ["Sáng thứ Bảy", "Hội trường UBND xã", "Chi cục Bảo vệ thực vật", "Làm đất"]:
        assert text in html
    assert "30 trên 30" in html
    assert f'href="/lop-hoc/{course.slug}/dang-ky/"' in html


def test_full_or_closed_class_has_no_enroll_button(client):
    full = CourseFactory(capacity=1, seats_taken=1)
    closed = CourseFactory(
        enrollment_closes=timezone.localdate() - datetime.timedelta(days=1),
        enrollment_opens=timezone.localdate() - datetime.timedelta(days=9),
    )
    # The class's own enrollment form (the footer's /tra-cuu-dang-ky/ is another page).
    full_page = client.get(full.get_absolute_url()).content.decode()
    assert f"{full.get_absolute_url()}dang-ky/" not in full_page
    html = client.get(closed.get_absolute_url()).content.decode()
    assert f"{closed.get_absolute_url()}dang-ky/" not in html and "đã kết thúc" in html


def test_slug_is_ascii_from_the_vietnamese_title():
    course = CourseFactory(title="Đào tạo nghề mộc")
    assert course.slug == "dao-tao-nghe-moc"
    assert CourseFactory(title="Đào tạo nghề mộc").slug == "dao-tao-nghe-moc-2"


def test_schedule_feed_lists_upcoming_sessions_of_published_classes(client):
    course = CourseFactory(title="Dưỡng sinh", place="Nhà văn hoá xóm 3")
    SessionFactory(course=course, date=timezone.localdate() + datetime.timedelta(days=2))
    SessionFactory(
        course=CourseFactory(title="Lớp nháp", status=Course.Status.DRAFT),
        date=timezone.localdate() + datetime.timedelta(days=2),
    )
    response = client.get("/lop-hoc/lich.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]).startswith("Dưỡng sinh")
    assert str(events[0]["location"]) == "Nhà văn hoá xóm 3"
    assert events[0].decoded("dtstart").hour == 19
    assert str(calendar.walk("VTIMEZONE")[0]["tzid"]) == "Asia/Ho_Chi_Minh"


def test_classes_join_the_site_search_without_accents(client):
    CourseFactory(title="Trồng cây cảnh")
    html = client.get("/tim-kiem/", {"q": "cay canh"}).content.decode()
    assert "<mark>cây</mark> <mark>cảnh</mark>" in html.replace("Trồng ", "")


def test_home_box_lists_classes_open_for_enrollment(client):
    CourseFactory(title="Tin học cho người cao tuổi")
    historical_course(2015, 40, title="Lớp cũ")
    html = client.get("/").content.decode()
    box = html.split('id="box-classes"', 1)[1].split("</section>", 1)[0]
    assert "Tin học cho người cao tuổi" in box and "Lớp cũ" not in box


def test_catalogue_query_count_stays_flat(client, django_assert_max_num_queries):
    for _ in range(3):
        CourseFactory().partners.add(PartnerFactory())
    with django_assert_max_num_queries(8):
        client.get("/lop-hoc/")
    for _ in range(15):
        CourseFactory().partners.add(PartnerFactory())
    with django_assert_max_num_queries(8):
        client.get("/lop-hoc/")


def test_admin_refuses_a_class_that_ends_before_it_starts(client):
    client.force_login(center_staff())
    response = client.post(
        "/admin/classes/course/add/",
        {
            "title": "Lớp sai ngày",
            "kind": "it",
            "start_date": "10/12/2026",
            "end_date": "01/12/2026",
            "status": "published",
            "published_at_0": "01/12/2026",
            "published_at_1": "08:00",
            "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Lớp học không thể kết thúc trước khi bắt đầu" in response.content.decode()
    assert not Course.objects.filter(title="Lớp sai ngày").exists()


def test_admin_copy_action_makes_a_draft_one_year_later(client):
    course = CourseFactory(
        title="May công nghiệp",
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2025, 5, 1),
        enrollment_opens=None,
        enrollment_closes=None,
    )
    course.partners.add(PartnerFactory())
    SessionFactory(course=course, date=datetime.date(2025, 3, 3))
    client.force_login(center_staff())
    response = client.post(
        "/admin/classes/course/",
        {"action": "copy_to_next_year", "_selected_action": [course.pk]},
        follow=True,
    )
    assert response.status_code == 200
    copy = Course.objects.exclude(pk=course.pk).get()
    assert copy.status == Course.Status.DRAFT
    assert copy.start_date == datetime.date(2026, 3, 1)
    assert copy.sessions.get().date == datetime.date(2026, 3, 3)
    assert copy.partners.count() == 1 and copy.slug != course.slug


def test_admin_pages_load_for_center_staff(client):
    course = CourseFactory()
    client.force_login(center_staff())
    for url in [
        "/admin/classes/course/",
        "/admin/classes/course/add/",
        f"/admin/classes/course/{course.pk}/change/",
        "/admin/classes/partner/",
        "/admin/classes/course/?q=trong+lua",
    ]:
        assert client.get(url).status_code == 200, url


def test_sitemap_lists_published_classes_only():
    from classes.sitemaps import CourseSitemap

    shown = CourseFactory(title="Lớp công khai")
    CourseFactory(title="Lớp nháp", status=Course.Status.DRAFT)
    assert list(CourseSitemap().items()) == [shown]
    assert CourseSitemap().location(shown) == f"/lop-hoc/{shown.slug}/"


def test_site_sitemap_lists_published_classes(client):
    shown = CourseFactory(title="Lớp trong sơ đồ trang")
    draft = CourseFactory(title="Lớp nháp ẩn", status=Course.Status.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/lop-hoc/{shown.slug}/</loc>" in xml
    assert f"/lop-hoc/{draft.slug}/" not in xml and "dang-ky" not in xml
