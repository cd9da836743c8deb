"""/tra-cuu-dang-ky/: a villager looks up their own enrollment by reference code and phone
(issue 16, part 4). It shows the class, its next session and the status, nothing else about
anyone; every miss reads the same; tries are limited per client and per code."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from attendance.models import Enrollment
from core.models import Center, CenterHost
from core.tenancy import use_center
from tests.attendance.factories import EnrollmentFactory, LearnerFactory, enroll_data
from tests.classes.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db

URL = "/tra-cuu-dang-ky/"
NOT_FOUND = "Không có lượt ghi danh nào khớp"


@pytest.fixture
def enrollment():
    course = CourseFactory(title="Trồng cây cảnh", place="Nhà văn hoá xóm Đình")
    SessionFactory(
        course=course,
        date=timezone.localdate() + datetime.timedelta(days=3),
        start_time=datetime.time(19, 30),
    )
    learner = LearnerFactory(full_name="Trần Thị Bí Mật", birth_year=1961, phone="0912345678")
    return EnrollmentFactory(learner=learner, course=course, status=Enrollment.Status.PENDING)


def look(client, reference, phone, **extra):
    return client.post(URL, {"reference": reference, "phone": phone}, **extra)


def test_the_url_is_the_fixed_one():
    assert reverse("attendance:enrollment-lookup") == URL


def test_get_shows_the_empty_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tra cứu ghi danh" in body
    assert 'name="reference"' in body and 'name="phone"' in body
    assert 'method="post"' in body


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Enrollment.Status.PENDING, "Chờ xác nhận"),
        (Enrollment.Status.CONFIRMED, "Đã xác nhận"),
        (Enrollment.Status.COMPLETED, "Đã hoàn thành"),
        (Enrollment.Status.WITHDRAWN, "Đã rút"),
    ],
)
def test_found_shows_class_next_session_and_status(client, enrollment, status, words):
    enrollment.status = status
    enrollment.save()
    response = look(client, enrollment.reference, "0912345678")
    assert response.status_code == 200
    body = response.content.decode()
    assert words.lower() in body.lower()
    assert "Trồng cây cảnh" in body
    assert enrollment.course.get_absolute_url() in body
    assert "Nhà văn hoá xóm Đình" in body
    assert "19:30" in body


def test_nothing_else_about_the_learner_is_shown(client, enrollment):
    body = look(client, enrollment.reference, "0912345678").content.decode()
    assert "Bí Mật" not in body
    assert "1961" not in body
    assert "0912" not in body


@pytest.mark.parametrize(
    "phone", ["0912 345 678", "+84 912 345 678", "0912.345.678", "0084912345678"]
)
def test_phone_as_people_type_it(client, enrollment, phone):
    assert look(client, enrollment.reference, phone).status_code == 200


def test_code_as_people_type_it(client, enrollment):
    code = enrollment.reference
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    assert look(client, typed, "0912345678").status_code == 200


def test_a_guardians_phone_finds_a_childs_enrollment(client):
    learner = LearnerFactory(birth_year=2015, guardian_name="Mẹ", guardian_phone="0987654321")
    child = EnrollmentFactory(learner=learner)
    assert look(client, child.reference, "0987 654 321").status_code == 200


@pytest.mark.parametrize("case", ["wrong phone", "wrong code", "no phone"])
def test_every_miss_reads_the_same(client, enrollment, case):
    if case == "wrong phone":
        response = look(client, enrollment.reference, "0912345679")
    elif case == "wrong code":
        other = "22222A" if enrollment.reference != "22222A" else "33333B"
        response = look(client, other, "0912345678")
    else:
        enrollment.learner.phone = ""
        enrollment.learner.save()
        response = look(client, enrollment.reference, "0912345678")
    assert response.status_code == 404
    body = response.content.decode()
    assert NOT_FOUND in body
    assert "Trồng cây cảnh" not in body


def test_another_centers_code_is_not_found_here(client, enrollment):
    other = Center.objects.create(name="Trung tâm học tập cộng đồng xã Khác", slug="khac")
    CenterHost.objects.create(center=other, host="khac.test")
    with use_center(other):
        there = EnrollmentFactory(
            learner=LearnerFactory(phone="0911111111"), course=CourseFactory(title="Lớp nơi khác")
        )
    response = look(client, there.reference, "0911111111")
    assert response.status_code == 404
    assert "Lớp nơi khác" not in response.content.decode()
    # At its own center's host it is found.
    found = look(client, there.reference, "0911111111", HTTP_HOST="khac.test")
    assert found.status_code == 200
    assert "Lớp nơi khác" in found.content.decode()


@pytest.mark.parametrize(
    ("reference", "phone", "message"),
    [
        ("", "", "Cần điền ô này"),
        ("ABC", "0912345678", "6 chữ và số"),
        ("X" * 5000, "0912345678", "tối đa"),
        ("<script>alert(1)</script>", "0912345678", "6 chữ và số"),
        ("' OR 1=1 --", "0912345678", "6 chữ và số"),
        ("AB\x00CDE", "0912345678", "6 chữ và số"),
        ("ABCDEF", "not a phone", "không phải số điện thoại"),
        ("ABCDEF", "0912\u202e345678", "điện thoại"),
    ],
)
def test_hostile_input_gets_a_vietnamese_message(client, enrollment, reference, phone, message):
    response = look(client, reference, phone)
    assert response.status_code == 400
    body = response.content.decode()
    assert message.lower() in body.lower()
    assert "<script>alert" not in body


def test_a_body_that_is_not_utf8_is_no_500(client, enrollment):
    response = client.generic(
        "POST",
        URL,
        b"reference=\xff\xfe&phone=\xc3",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (400, 403)


def test_a_code_and_phone_in_the_query_string_are_not_honoured(client, enrollment):
    response = client.get(f"{URL}?reference={enrollment.reference}&phone=0912345678")
    assert response.status_code == 200
    assert "Trồng cây cảnh" not in response.content.decode()


def test_the_answer_is_private_and_never_cached(client, enrollment, settings):
    response = look(client, enrollment.reference, "0912345678")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    # Another visitor opening the page sees only the form.
    again = type(client)().get(URL)
    assert "Trồng cây cảnh" not in again.content.decode()


def test_the_limit_per_client(client, enrollment, settings):
    settings.LOOKUP_RATE_LIMIT = "3/h"
    for _ in range(3):
        look(client, "22222A", "0912345678")
    response = look(client, enrollment.reference, "0912345678")
    assert response.status_code == 429
    assert "Quá nhiều lần tra cứu" in response.content.decode()
    assert "Trồng cây cảnh" not in response.content.decode()
    # Another connection is not affected.
    assert (
        look(client, enrollment.reference, "0912345678", REMOTE_ADDR="10.0.0.9").status_code == 200
    )


def test_the_limit_per_code_holds_across_many_clients_behind_the_proxy(
    client, enrollment, settings
):
    """Guessing a phone from many addresses: each address is new, the code is counted."""
    settings.LOOKUP_RATE_LIMIT = "3/h"
    settings.PROXY_COUNT = 1
    for n in range(3):
        response = look(
            client,
            enrollment.reference,
            f"091234560{n}",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}",
        )
        assert response.status_code == 404
    right = look(
        client,
        enrollment.reference,
        "0912345678",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.50",
    )
    assert right.status_code == 429
    cache.clear()
    assert look(client, enrollment.reference, "0912345678").status_code == 200


def test_the_confirmation_page_tells_where_to_look_up(client):
    course = CourseFactory()
    client.post(reverse("attendance:enroll", args=[course.slug]), enroll_data())
    body = client.get(reverse("attendance:enroll-done", args=[course.slug])).content.decode()
    assert URL in body
    reference = Enrollment.objects.get().reference
    assert look(client, reference, "0912 345 678").status_code == 200


def test_the_footer_links_to_it(client):
    assert f'href="{URL}"' in client.get("/").content.decode()


# --- Further checks: the page cache switched on, the form's CSRF, fields missing or doubled,
# several clients behind the proxy, log lines, and everything else the learner told the center.


def test_the_page_cache_never_stores_an_answer(client, enrollment, settings):
    """With the anonymous page cache on (as in production), a lookup's answer is neither
    served from it nor stored in it: the next visitor, without cookies, gets a fresh form."""
    settings.PAGE_CACHE_SECONDS = 600
    answer = look(client, enrollment.reference, "0912345678")
    assert answer.status_code == 200
    assert "X-Page-Cache" not in answer
    for _ in range(2):
        stranger = type(client)().get(URL)
        assert stranger.status_code == 200
        assert "Trồng cây cảnh" not in stranger.content.decode()
        assert stranger.get("X-Page-Cache") != "hit"


def test_the_form_is_csrf_protected(enrollment):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, {"reference": enrollment.reference, "phone": "0912345678"})
    assert response.status_code == 403
    assert "Trồng cây cảnh" not in response.content.decode()
    # With the token from the form it works.
    strict.get(URL)
    token = strict.cookies["csrftoken"].value
    found = strict.post(
        URL,
        {"reference": enrollment.reference, "phone": "0912345678", "csrfmiddlewaretoken": token},
    )
    assert found.status_code == 200
    assert "Trồng cây cảnh" in found.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"reference": "ABCDEF"},
        {"phone": "0912345678"},
        {"unexpected": "x"},
    ],
)
def test_missing_fields_get_a_vietnamese_message(client, enrollment, data):
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Cần điền ô này" in response.content.decode()


def test_a_field_sent_twice_or_as_a_file_is_no_500(client, enrollment):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doubled = client.post(
        URL, {"reference": ["ZZZZZZ", enrollment.reference], "phone": ["0", "0912345678"]}
    )
    assert doubled.status_code in (200, 400, 404)
    upload = SimpleUploadedFile("ma.txt", enrollment.reference.encode())
    as_file = client.post(URL, {"reference": upload, "phone": "0912345678"})
    assert as_file.status_code == 400
    assert "Trồng cây cảnh" not in as_file.content.decode()


def test_a_get_never_looks_up_even_with_the_right_pair(client, enrollment):
    """Only a POST answers; a link carrying the code and phone (shared, logged) shows the form."""
    response = client.get(URL, {"reference": enrollment.reference, "phone": "0912 345 678"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trồng cây cảnh" not in body and "Chờ xác nhận" not in body
    assert enrollment.reference not in body
    assert client.put(URL).status_code == 405


def test_the_limit_per_client_behind_the_proxy(client, enrollment, settings):
    """Behind nginx every request comes from 127.0.0.1: the limit counts the address nginx
    names (core.net.client_ip), so one villager's many tries do not lock out another, and a
    forged X-Forwarded-For entry further left changes nothing."""
    settings.LOOKUP_RATE_LIMIT = "3/h"
    settings.PROXY_COUNT = 1
    codes = ["22222A", "33333B", "44444C"]
    for code in codes:
        look(
            client,
            code,
            "0912345678",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    blocked = look(
        client,
        enrollment.reference,
        "0912345678",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",
    )
    assert blocked.status_code == 429
    assert "Quá nhiều lần tra cứu" in blocked.content.decode()
    neighbour = look(
        client,
        enrollment.reference,
        "0912345678",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert neighbour.status_code == 200


def test_no_code_or_phone_reaches_a_log_line(client, enrollment, settings, caplog):
    settings.LOOKUP_RATE_LIMIT = "2/h"
    caplog.set_level("DEBUG")
    for phone in ("0912345678", "0912 345 679", "0912345670"):
        look(client, enrollment.reference, phone)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "rate limit" in logged.lower()
    assert enrollment.reference not in logged
    assert "091234" not in logged and "345 67" not in logged


def test_nothing_about_the_learners_other_enrollments_or_hamlet(client, enrollment):
    other = EnrollmentFactory(
        learner=enrollment.learner, course=CourseFactory(title="Lớp khác của cùng người")
    )
    body = look(client, enrollment.reference, "0912345678").content.decode()
    assert "Lớp khác của cùng người" not in body
    assert other.reference not in body
    assert enrollment.learner.hamlet.name not in body


def test_a_class_taken_off_the_site_is_named_without_a_link(client, enrollment):
    course = enrollment.course
    course.status = type(course).Status.DRAFT
    course.save()
    body = look(client, enrollment.reference, "0912345678").content.decode()
    assert "Trồng cây cảnh" in body
    assert f'href="{course.get_absolute_url()}"' not in body


def test_a_confirmation_without_a_phone_says_to_call_the_center(client):
    course = CourseFactory()
    client.post(reverse("attendance:enroll", args=[course.slug]), enroll_data(phone=""))
    body = client.get(reverse("attendance:enroll-done", args=[course.slug])).content.decode()
    assert "không thể tra cứu trên trang web" in body
    assert f'href="{URL}"' not in body.split("<main", 1)[1].split("</main>", 1)[0]
