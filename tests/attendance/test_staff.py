import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from attendance.models import AttendanceMark, Enrollment, Learner
from attendance.services import learner_merge
from tests.attendance.factories import EnrollmentFactory, LearnerFactory, hamlet
from tests.classes.factories import CourseFactory, SessionFactory
from tests.factories import center_staff, school_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    course = CourseFactory(title="Tin học cơ bản", slug="tin-hoc-co-ban")
    session = SessionFactory(course=course, date=timezone.localdate())
    enrollment = EnrollmentFactory(course=course, learner=LearnerFactory(full_name="Lê Thị Mai"))
    return course, session, enrollment


def staff_urls(course, session, enrollment):
    return [
        "/quan-ly/diem-danh/",
        f"/quan-ly/diem-danh/{course.slug}/",
        f"/quan-ly/diem-danh/{course.slug}/buoi-{session.pk}/",
        f"/quan-ly/lop-hoc/{course.slug}/so-diem-danh/",
        f"/quan-ly/lop-hoc/{course.slug}/danh-sach.xlsx",
        f"/quan-ly/lop-hoc/{course.slug}/diem-danh.xlsx",
        f"/quan-ly/giay-chung-nhan/{enrollment.reference}/",
        "/quan-ly/hoc-vien/nhap/",
        "/quan-ly/hoc-vien/mau-nhap.xlsx",
        f"/quan-ly/hoc-vien/{enrollment.learner.pk}/du-lieu.xlsx",
        f"/quan-ly/hoc-vien/{enrollment.learner.pk}/du-lieu.json",
        f"/quan-ly/hoc-vien/{enrollment.learner.pk}/xoa-du-lieu/",
    ]


def test_access_matrix_over_every_staff_url(client, setup):
    urls = staff_urls(*setup)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    client.force_login(school_staff())
    for url in urls:
        assert client.get(url).status_code == 403, url
    client.force_login(center_staff())
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_staff_member_takes_attendance(client, setup):
    course, session, enrollment = setup
    other = EnrollmentFactory(course=course, learner=LearnerFactory(full_name="Phạm Văn Nam"))
    EnrollmentFactory(
        course=course,
        status=Enrollment.Status.WITHDRAWN,
        learner=LearnerFactory(full_name="Người Đã Rút"),
    )
    user = center_staff()
    client.force_login(user)
    url = f"/quan-ly/diem-danh/{course.slug}/buoi-{session.pk}/"
    html = client.get(url).content.decode()
    assert "Lê Thị Mai" in html and "Phạm Văn Nam" in html and "Người Đã Rút" not in html
    # Everyone starts as present.
    assert html.count('value="present"') == 2
    assert html.count("checked") == 2
    response = client.post(url, {f"mark_{enrollment.pk}": "present", f"mark_{other.pk}": "late"})
    assert response.status_code == 302
    marks = {m.enrollment_id: m for m in AttendanceMark.objects.all()}
    assert marks[enrollment.pk].status == "present" and marks[other.pk].status == "late"
    assert marks[other.pk].marked_by == user
    # Saving again updates; still one mark per learner per session.
    client.post(url, {f"mark_{enrollment.pk}": "absent", f"mark_{other.pk}": "late"})
    assert AttendanceMark.objects.count() == 2
    assert AttendanceMark.objects.get(enrollment=enrollment).status == "absent"
    follow = client.get(f"/quan-ly/diem-danh/{course.slug}/").content.decode()
    assert "đã điểm danh" in follow


def test_attendance_with_a_bad_mark_changes_nothing(client, setup):
    course, session, enrollment = setup
    client.force_login(center_staff())
    url = f"/quan-ly/diem-danh/{course.slug}/buoi-{session.pk}/"
    response = client.post(url, {f"mark_{enrollment.pk}": "<script>"})
    assert response.status_code == 400
    assert AttendanceMark.objects.count() == 0


def test_session_of_another_class_is_404(client, setup):
    course, _session, _enrollment = setup
    other = SessionFactory()
    client.force_login(center_staff())
    assert client.get(f"/quan-ly/diem-danh/{course.slug}/buoi-{other.pk}/").status_code == 404


def read(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_class_list_export_reads_back_with_vietnamese_and_harmless_formulas(client, setup):
    course, _session, _enrollment = setup
    EnrollmentFactory(course=course, note="=1+2", learner=LearnerFactory(full_name="Đặng Thị Ơn"))
    learner = LearnerFactory(full_name="Trần Văn Bình")
    # A formula-looking value that slipped in through the admin must still be harmless.
    Learner.objects.filter(pk=learner.pk).update(full_name='=HYPERLINK("http://x","y")')
    EnrollmentFactory(course=course, learner_id=learner.pk)
    client.force_login(center_staff())
    response = client.get(f"/quan-ly/lop-hoc/{course.slug}/danh-sach.xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    ws = read(response)
    values = [cell for row in ws.iter_rows(values_only=True) for cell in row]
    assert "Họ và tên" in values and "Đặng Thị Ơn" in values and "Lê Thị Mai" in values
    assert "'=1+2" in values and '\'=HYPERLINK("http://x","y")' in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_attendance_export_has_learners_by_sessions(client, setup):
    course, session, enrollment = setup
    AttendanceMark.objects.create(
        enrollment=enrollment, session=session, status="excused", marked_by=center_staff()
    )
    client.force_login(center_staff())
    ws = read(client.get(f"/quan-ly/lop-hoc/{course.slug}/diem-danh.xlsx"))
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][2] == f"{session.date:%d/%m/%Y}"
    assert rows[1][1] == "Lê Thị Mai" and rows[1][2] == "Có phép"


def test_print_sheet_and_certificate(client, setup):
    course, session, enrollment = setup
    client.force_login(center_staff())
    html = client.get(f"/quan-ly/lop-hoc/{course.slug}/so-diem-danh/").content.decode()
    assert "Lê Thị Mai" in html and "Ký tên" in html and f"{session.date:%d/%m}" in html
    html = client.get(f"/quan-ly/giay-chung-nhan/{enrollment.reference}/").content.decode()
    assert "chưa được đánh dấu hoàn thành" in html
    enrollment.status = Enrollment.Status.COMPLETED
    enrollment.save()
    page = client.get(f"/quan-ly/diem-danh/{course.slug}/").content.decode()
    assert f'href="/quan-ly/giay-chung-nhan/{enrollment.reference}/"' in page
    html = client.get(f"/quan-ly/giay-chung-nhan/{enrollment.reference}/").content.decode()
    assert "GIẤY CHỨNG NHẬN" in html.upper() and "Lê Thị Mai" in html
    assert "chưa được đánh dấu hoàn thành" not in html


def import_file(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Năm sinh", "Giới tính", "Xóm", "Điện thoại", "GH", "ĐT GH"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "hoc-vien.xlsx"
    return buffer


def test_import_template_downloads(client):
    client.force_login(center_staff())
    ws = read(client.get("/quan-ly/hoc-vien/mau-nhap.xlsx"))
    assert ws["A1"].value == "Họ và tên"


def test_import_shows_row_errors_and_writes_nothing(client):
    client.force_login(center_staff())
    response = client.post(
        "/quan-ly/hoc-vien/nhap/",
        {
            "file": import_file(
                [
                    ["Nguyễn Văn Đúng", 1970, "Nam", "Xóm 1", "0912345678", "", ""],
                    ["=cmd|' /C calc'!A0", 1800, "X", "Xóm 99", "abc", "", ""],
                ]
            )
        },
    )
    html = response.content.decode()
    assert "1 dòng có lỗi" in html
    assert "từ 1900 đến" in html and "Nam" in html and "Xóm 99" in html
    assert Learner.objects.count() == 0


def test_import_dry_run_then_confirm_enrolls_in_a_class(client):
    course = CourseFactory()
    LearnerFactory(full_name="Lê Thị Hoa", birth_year=1985, hamlet=hamlet("Xóm 2"))
    client.force_login(center_staff())
    response = client.post(
        "/quan-ly/hoc-vien/nhap/",
        {
            "course": course.pk,
            "file": import_file(
                [
                    ["Nguyễn Văn Đúng", 1970, "Nam", "xom 1", "+84 912 345 678", "", ""],
                    ["Lê Thị Hoa", "1985", "Nữ", "Xóm 2", None, None, None],
                ]
            ),
        },
    )
    html = response.content.decode()
    assert "Xem trước" in html
    assert html.count("đã có: không thêm lần nữa") == 1 and html.count(">mới<") == 1
    assert Learner.objects.count() == 1  # dry run: nothing written
    response = client.post("/quan-ly/hoc-vien/nhap/", {"confirm": "1"}, follow=True)
    assert Learner.objects.count() == 2
    assert Enrollment.objects.filter(course=course, source="staff").count() == 2
    assert Learner.objects.get(full_name="Nguyễn Văn Đúng").phone == "0912345678"


def test_import_refuses_a_file_that_is_not_excel(client):
    client.force_login(center_staff())
    fake = io.BytesIO(b"<script>alert(1)</script>")
    fake.name = "hoc-vien.xlsx"
    response = client.post("/quan-ly/hoc-vien/nhap/", {"file": fake})
    assert response.status_code == 400
    assert Learner.objects.count() == 0


def test_learner_data_export_and_erasure_keep_the_counts(client, setup):
    course, _session, enrollment = setup
    learner = enrollment.learner
    client.force_login(center_staff())
    data = client.get(f"/quan-ly/hoc-vien/{learner.pk}/du-lieu.json").json()
    assert data["full_name"] == "Lê Thị Mai"
    assert data["enrollments"][0]["reference"] == enrollment.reference
    response = client.post(f"/quan-ly/hoc-vien/{learner.pk}/xoa-du-lieu/", {})
    assert response.status_code == 400
    learner.refresh_from_db()
    assert learner.full_name == "Lê Thị Mai"
    client.post(f"/quan-ly/hoc-vien/{learner.pk}/xoa-du-lieu/", {"confirm": "yes"})
    learner.refresh_from_db()
    assert learner.erased_at and not learner.full_name and learner.birth_year is None
    assert learner.phone == "" and learner.hamlet is None
    from attendance.statistics import compute

    year = course.start_date.year
    course.start_date = timezone.localdate() - datetime.timedelta(days=1)
    course.save()
    figures = compute(year - 1, year + 1)
    assert figures.learners == 1
    assert dict(figures.by_sex)["Nam"] == 1


def test_admin_actions_confirm_withdraw_complete_keep_seats_right(client):
    course = CourseFactory(capacity=5)
    enrollments = [EnrollmentFactory(course=course, status="pending") for _ in range(3)]
    from attendance.services import course_recount

    course_recount(course=course)
    client.force_login(center_staff())
    ids = [e.pk for e in enrollments]
    client.post("/admin/attendance/enrollment/", {"action": "confirm", "_selected_action": ids})
    assert set(Enrollment.objects.values_list("status", flat=True)) == {"confirmed"}
    client.post(
        "/admin/attendance/enrollment/", {"action": "withdraw", "_selected_action": ids[:1]}
    )
    course.refresh_from_db()
    assert course.seats_taken == 2
    client.post(
        "/admin/attendance/enrollment/", {"action": "complete", "_selected_action": ids[1:]}
    )
    assert Enrollment.objects.filter(status="completed").count() == 2
    html = client.get("/admin/attendance/enrollment/").content.decode()
    assert html.count('href="/quan-ly/giay-chung-nhan/') == 2


def test_admin_cannot_overfill_a_class(client):
    course = CourseFactory(capacity=1)
    EnrollmentFactory(course=course)
    learner = LearnerFactory()
    client.force_login(center_staff())
    response = client.post(
        "/admin/attendance/enrollment/add/",
        {
            "learner": learner.pk,
            "course": course.pk,
            "status": "confirmed",
            "source": "staff",
            "note": "",
            "marks-TOTAL_FORMS": "0",
            "marks-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Lớp đã đủ chỗ" in response.content.decode()
    assert Enrollment.objects.count() == 1


def test_duplicate_learners_are_found_and_merged(client):
    course_a, course_b = CourseFactory(), CourseFactory()
    keep = LearnerFactory(full_name="Nguyễn Văn An", birth_year=1960)
    dup = LearnerFactory(full_name="Nguyen van an", birth_year=1960, phone="0912000111")
    LearnerFactory(full_name="Người Khác", birth_year=1960)
    EnrollmentFactory(learner=keep, course=course_a)
    EnrollmentFactory(learner=dup, course=course_a)
    EnrollmentFactory(learner=dup, course=course_b)
    client.force_login(center_staff())
    html = client.get("/admin/attendance/learner/?duplicates=yes").content.decode()
    assert "Nguyễn Văn An" in html and "Nguyen van an" in html and "Người Khác" not in html
    assert learner_merge(keep=keep, others=[dup]) == 1
    assert not Learner.objects.filter(pk=dup.pk).exists()
    assert set(keep.enrollments.values_list("course", flat=True)) == {course_a.pk, course_b.pk}
    keep.refresh_from_db()
    assert keep.phone == "0912000111"


def test_admin_pages_load(client, setup):
    _course, _session, enrollment = setup
    client.force_login(center_staff())
    for url in [
        "/admin/attendance/learner/",
        f"/admin/attendance/learner/{enrollment.learner.pk}/change/",
        "/admin/attendance/enrollment/",
        f"/admin/attendance/enrollment/{enrollment.pk}/change/",
        f"/admin/attendance/enrollment/?q={enrollment.reference}",
        "/admin/attendance/enrollment/?q=le+thi",
        "/admin/attendance/attendancemark/",
        "/admin/core/hamlet/",
    ]:
        assert client.get(url).status_code == 200, url
    assert hamlet("Khác").is_other


def test_admin_holds_learners_to_the_form_rules(client):
    client.force_login(center_staff())
    response = client.post(
        "/admin/attendance/learner/add/",
        {
            "full_name": "<b>Tên</b>",
            "birth_year": "1800",
            "sex": "male",
            "phone": "abc",
            "enrollments-TOTAL_FORMS": "0",
            "enrollments-INITIAL_FORMS": "0",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "chỉ được gồm chữ cái" in html and "từ 1900 đến" in html
    assert "không phải số điện thoại Việt Nam" in html
    assert Learner.objects.count() == 0


def test_erasure_also_clears_the_admin_history(client, setup):
    _course, _session, enrollment = setup
    client.force_login(center_staff())
    learner = enrollment.learner
    client.post(
        f"/admin/attendance/learner/{learner.pk}/change/",
        {
            "full_name": "Lê Thị Mai Hoa",
            "birth_year": "1970",
            "sex": "female",
            "hamlet": learner.hamlet_id,
            "phone": "0912000222",
            "enrollments-TOTAL_FORMS": "1",
            "enrollments-INITIAL_FORMS": "1",
            "enrollments-0-id": enrollment.pk,
            "enrollments-0-learner": learner.pk,
        },
        follow=True,
    )
    from django.contrib.admin.models import LogEntry

    assert LogEntry.objects.filter(object_repr__contains="Lê Thị Mai Hoa").exists()
    client.post(f"/quan-ly/hoc-vien/{learner.pk}/xoa-du-lieu/", {"confirm": "yes"})
    assert not LogEntry.objects.filter(object_repr__contains="Lê Thị Mai").exists()
    html = client.get("/admin/attendance/learner/").content.decode()
    assert "Lê Thị Mai" not in html and "Học viên đã xóa dữ liệu" in html


def test_admin_merge_action(client):
    keep = LearnerFactory(full_name="Nguyễn Văn An", birth_year=1960)
    dup = LearnerFactory(full_name="Nguyen Van An", birth_year=1960)
    client.force_login(center_staff())
    client.post(
        "/admin/attendance/learner/",
        {"action": "merge_into_first", "_selected_action": [keep.pk, dup.pk]},
    )
    assert list(Learner.objects.values_list("pk", flat=True)) == [keep.pk]


def test_attendance_page_query_count_stays_flat(client, setup, django_assert_max_num_queries):
    course, session, _enrollment = setup
    client.force_login(center_staff())
    url = f"/quan-ly/diem-danh/{course.slug}/buoi-{session.pk}/"
    with django_assert_max_num_queries(10):
        client.get(url)
    for _ in range(25):
        EnrollmentFactory(course=course)
    with django_assert_max_num_queries(10):
        assert "Lưu điểm danh" in client.get(url).content.decode()
    data = {f"mark_{e.pk}": "present" for e in Enrollment.objects.filter(course=course)}
    with django_assert_max_num_queries(16):
        client.post(url, data)
    assert AttendanceMark.objects.count() == 26


@pytest.mark.parametrize(
    "url",
    [
        "/quan-ly/diem-danh/khong-co-lop/",
        "/quan-ly/diem-danh/tin-hoc-co-ban/buoi-99999999999999999999/",
        "/quan-ly/hoc-vien/99999999999999999999/du-lieu.json",
        "/quan-ly/hoc-vien/99999999999999999999/xoa-du-lieu/",
        "/quan-ly/giay-chung-nhan/%3Cscript%3E/",
        "/quan-ly/lop-hoc/khong-co-lop/danh-sach.xlsx",
    ],
)
def test_odd_staff_urls_are_404_not_500(client, setup, url):
    client.force_login(center_staff())
    assert client.get(url).status_code == 404


def test_odd_public_input_never_breaks_a_page(client):
    course = CourseFactory()
    for url, params in [
        ("/lop-hoc/", {"year": "99999999999999999999", "kind": "x" * 500, "page": "-1"}),
        ("/thong-ke/", {"start": "99999999999999999999", "end": "-5"}),
        ("/thong-ke/tai-ve.csv", {"start": "abc"}),
        ("/tim-kiem/", {"q": "lop\u202ehoc <script>"}),
    ]:
        assert client.get(url, params).status_code == 200, url
    response = client.post(
        f"/lop-hoc/{course.slug}/dang-ky/",
        {
            "full_name": "A" * 5000,
            "birth_year": "99999999999999999999",
            "phone": "9" * 500,
            "sex": "female",
            "hamlet": "abc",
            "consent": "on",
        },
    )
    assert response.status_code == 400 and Enrollment.objects.count() == 0
