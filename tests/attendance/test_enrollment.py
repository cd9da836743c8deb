import datetime
import threading
import uuid

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from attendance.models import Enrollment, Learner
from attendance.services import EnrollmentRefusedError, enrollment_create
from classes.models import Course
from tests.attendance.factories import enroll_data, hamlet
from tests.classes.factories import CourseFactory

pytestmark = pytest.mark.django_db


def url(course):
    return f"/lop-hoc/{course.slug}/dang-ky/"


def test_villager_enrolls_and_gets_a_reference_code(client):
    course = CourseFactory(capacity=10)
    response = client.post(url(course), enroll_data())
    assert response.status_code == 302
    # Nothing typed goes into the URL: the confirmation page reads the session.
    assert response["Location"] == f"/lop-hoc/{course.slug}/dang-ky/xong/"
    enrollment = Enrollment.objects.get()
    assert enrollment.learner.full_name == "Trần Thị Thử"
    assert enrollment.learner.phone == "0912345678"
    assert enrollment.status == Enrollment.Status.PENDING
    assert enrollment.source == Enrollment.Source.ONLINE
    years = django_settings.LEARNER_RETENTION_YEARS
    assert enrollment.consent_at is not None and f"{years} năm" in enrollment.consent_text
    html = client.get(response["Location"]).content.decode()
    assert enrollment.reference in html and "Các bước tiếp theo" in html
    assert "Trần Thị Thử" not in html
    course.refresh_from_db()
    assert course.seats_taken == 1 and course.seats_left == 9


def test_confirmation_page_without_an_enrollment_goes_back_to_the_class(client):
    course = CourseFactory()
    response = client.get(f"/lop-hoc/{course.slug}/dang-ky/xong/")
    assert response.status_code == 302 and response["Location"] == course.get_absolute_url()


def test_same_person_twice_gets_one_enrollment_and_is_told_so(client):
    course = CourseFactory()
    client.post(url(course), enroll_data())
    # Same person: accents and case differ, same birth year, same hamlet, no phone this time.
    response = client.post(
        url(course), enroll_data(full_name="tran thi THU", phone=""), follow=True
    )
    assert Enrollment.objects.count() == 1 and Learner.objects.count() == 1
    assert "Bà con đã ghi danh lớp này rồi" in response.content.decode()


def test_same_name_and_year_in_another_hamlet_without_phone_is_another_person(client):
    course = CourseFactory()
    client.post(url(course), enroll_data(phone=""))
    client.post(url(course), enroll_data(phone="", hamlet=str(hamlet("Xóm 2").pk)))
    assert Enrollment.objects.count() == 2


def test_double_clicked_submit_creates_one_row(client):
    course = CourseFactory()
    token = str(uuid.uuid4())
    first = client.post(url(course), enroll_data(token=token))
    second = client.post(url(course), enroll_data(token=token, full_name="Trần Thị Thử"))
    assert first.status_code == second.status_code == 302
    assert Enrollment.objects.count() == 1


def test_full_class_refuses_politely(client):
    course = CourseFactory(capacity=1)
    client.post(url(course), enroll_data())
    response = client.post(url(course), enroll_data(full_name="Lê Văn Khác", phone=""))
    assert Enrollment.objects.count() == 1
    assert response.status_code in (200, 409)
    assert "đã đủ chỗ" in response.content.decode()


def test_closed_class_refuses_politely(client):
    today = timezone.localdate()
    course = CourseFactory(
        enrollment_opens=today - datetime.timedelta(days=10),
        enrollment_closes=today - datetime.timedelta(days=1),
    )
    get = client.get(url(course))
    assert get.status_code == 200 and "Không nhận ghi danh" in get.content.decode()
    client.post(url(course), enroll_data())
    assert Enrollment.objects.count() == 0
    not_yet = CourseFactory(enrollment_opens=today + datetime.timedelta(days=2))
    client.post(url(not_yet), enroll_data())
    assert Enrollment.objects.count() == 0


def test_consent_box_starts_unticked_and_is_required(client):
    course = CourseFactory()
    html = client.get(url(course)).content.decode()
    consent = html.split('name="consent"', 1)[1].split(">", 1)[0]
    assert "checked" not in consent
    response = client.post(url(course), enroll_data(consent=""))
    assert response.status_code == 400
    assert "Hãy đánh dấu vào ô đồng ý" in response.content.decode()
    assert Enrollment.objects.count() == 0


def test_learner_under_16_needs_a_guardian(client):
    course = CourseFactory()
    year = str(timezone.localdate().year - 12)
    response = client.post(url(course), enroll_data(birth_year=year))
    assert response.status_code == 400
    assert "người giám hộ" in response.content.decode()
    assert Enrollment.objects.count() == 0
    response = client.post(
        url(course),
        enroll_data(birth_year=year, guardian_name="Trần Văn Bố", guardian_phone="0987654321"),
    )
    assert response.status_code == 302
    assert Learner.objects.get().guardian_phone == "0987654321"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "<script>alert(1)</script>", "chỉ được gồm chữ cái"),
        ("full_name", "Nguyễn\u202eVăn", "ký tự ẩn"),
        ("full_name", '=HYPERLINK("http://x")', "chỉ được gồm chữ cái"),
        ("full_name", "", "bắt buộc"),
        ("birth_year", "1800", "từ 1900 đến"),
        ("birth_year", str(datetime.datetime.now(datetime.UTC).year + 1), "từ 1900 đến"),
        ("birth_year", "abc", "bốn chữ số"),
        ("phone", "không có số", "không phải số điện thoại Việt Nam"),
        ("phone", "0912", "không phải số điện thoại Việt Nam"),
        ("note", "<script>alert(1)</script>", "dấu < và >"),
        ("note", "ghi chú\u202e", "ký tự ẩn"),
        ("hamlet", "999999", "Chọn một xóm"),
        ("sex", "x", "lựa chọn hợp lệ"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_no_row(client, field, value, message):
    course = CourseFactory()
    response = client.post(url(course), enroll_data(**{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html.replace("&lt;", "<").replace("&gt;", ">")
    assert "<script>alert" not in html
    assert Enrollment.objects.count() == 0 and Learner.objects.count() == 0


@pytest.mark.parametrize(
    "typed",
    ["+84 912 345 678", "0084912345678", "０９１２３４５６７８", "091.234.5678", "(091) 234-5678"],
)
def test_phone_numbers_are_normalized(client, typed):
    course = CourseFactory()
    assert client.post(url(course), enroll_data(phone=typed)).status_code == 302
    assert Learner.objects.get().phone == "0912345678"


def test_honeypot_stops_bots_without_a_row(client):
    course = CourseFactory()
    response = client.post(url(course), enroll_data(website="http://spam.example"))
    assert response.status_code == 400
    assert Enrollment.objects.count() == 0


def test_rate_limit_per_address(client, settings):
    settings.ENROLL_RATE_LIMIT = "2/h"
    course = CourseFactory()
    for n in range(2):
        client.post(url(course), enroll_data(full_name=f"Người Thử {'AB'[n]}", phone=""))
    response = client.post(url(course), enroll_data(full_name="Người Thử C", phone=""))
    assert response.status_code == 429
    assert "Quá nhiều" in response.content.decode()
    assert Enrollment.objects.count() == 2
    # Another address is not affected.
    other = client.post(
        url(course), enroll_data(full_name="Người Thử D", phone=""), REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_rate_limit_zero_turns_it_off(client, settings):
    settings.ENROLL_RATE_LIMIT = "0"
    course = CourseFactory(capacity=None)
    for n in range(12):
        client.post(url(course), enroll_data(full_name=f"Người Thử {chr(65 + n)}", phone=""))
    assert Enrollment.objects.count() == 12


def test_a_withdrawn_seat_is_free_again():
    course = CourseFactory(capacity=1)
    args = {"course": course, "birth_year": 1970, "sex": "male", "hamlet": hamlet()}
    first = enrollment_create(full_name="Người Một", **args).enrollment
    with pytest.raises(EnrollmentRefusedError):
        enrollment_create(full_name="Người Hai", **args)
    from attendance.services import enrollment_set_status

    enrollment_set_status(enrollments=[first], status=Enrollment.Status.WITHDRAWN)
    enrollment_create(full_name="Người Hai", **args)
    course.refresh_from_db()
    assert course.seats_taken == 1


@pytest.mark.django_db(transaction=True)
def test_many_people_submitting_for_the_last_seat_get_exactly_one_seat():
    """Concurrent submissions against PostgreSQL: the row lock lets exactly one through."""
    course = CourseFactory(capacity=3)
    h = hamlet()
    for n in range(2):
        enrollment_create(
            course=course, full_name=f"Người Sẵn {'AB'[n]}", birth_year=1970, sex="male", hamlet=h
        )
    results, barrier = [], threading.Barrier(8)

    def submit(n):
        try:
            barrier.wait()
            enrollment_create(
                course=Course(pk=course.pk),
                full_name=f"Người Đua {chr(65 + n)}",
                birth_year=1980,
                sex="female",
                hamlet=h,
            )
            results.append("ok")
        except EnrollmentRefusedError:
            results.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["full"] * 7 + ["ok"]
    assert Enrollment.objects.filter(course=course).count() == 3
    course.refresh_from_db()
    assert course.seats_taken == 3


@pytest.mark.django_db(transaction=True)
def test_the_same_person_submitting_at_once_from_two_phones_gets_one_enrollment():
    course = CourseFactory(capacity=10)
    h = hamlet()
    barrier, results = threading.Barrier(4), []

    def submit():
        try:
            barrier.wait()
            result = enrollment_create(
                course=Course(pk=course.pk),
                full_name="Vũ Thị Lan",
                birth_year=1975,
                sex="female",
                hamlet=h,
                phone="0912000333",
            )
            results.append(result.created)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, False, True]
    assert Learner.objects.count() == 1 and Enrollment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_last_seat_over_http_from_many_phones_at_once(settings):
    """The same race through the real form: one 302 to the confirmation, the rest refused."""
    from django.test import Client

    settings.ENROLL_RATE_LIMIT = "0"
    course = CourseFactory(capacity=1)
    h = str(hamlet().pk)
    barrier, statuses = threading.Barrier(6), []

    def submit(n):
        try:
            client = Client()
            data = enroll_data(full_name=f"Người Gửi {chr(65 + n)}", phone="", hamlet=h)
            barrier.wait()
            statuses.append(client.post(url(course), data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [302] + [409] * 5
    assert Enrollment.objects.filter(course=course).count() == 1


def test_a_token_sent_again_at_another_center_is_a_new_enrollment_there(client):
    """A hostile client replaying one center's form token at another center's host gets an
    enrollment there like anyone else, not a server error (the token is unique per center)."""
    from core.models import Center, CenterHost
    from core.tenancy import use_center

    course = CourseFactory()
    token = str(uuid.uuid4())
    first_data = enroll_data(token=token)
    other = Center.objects.create(name="Trung tâm học tập cộng đồng xã Tiên Hải", slug="hai")
    CenterHost.objects.create(center=other, host="tienhai.example.vn", is_primary=True)
    with use_center(other):
        hamlet_there = hamlet()
        course_there = CourseFactory(slug=course.slug)
    assert client.post(url(course), first_data).status_code == 302
    replayed = {**first_data, "hamlet": str(hamlet_there.pk)}
    response = client.post(url(course_there), replayed, HTTP_HOST="tienhai.example.vn")
    assert response.status_code == 302
    assert Enrollment.all_centers.filter(submission_token=token).count() == 2
    with use_center(other):
        assert Enrollment.objects.get().course == course_there
