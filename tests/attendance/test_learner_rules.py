"""One cleaning step for a learner's details, the under-16 guardian rule included, on every
path a learner arrives by: the public form (tests/attendance/test_enrollment.py), the admin,
the Excel import and the enrollment service itself (the demo loader, commands, the shell)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from attendance.models import Enrollment, Learner
from attendance.services import enrollment_create
from tests.attendance.factories import LearnerFactory, hamlet
from tests.attendance.test_staff import import_file
from tests.classes.factories import CourseFactory
from tests.factories import center_staff

pytestmark = pytest.mark.django_db

NEEDS_GUARDIAN_NAME = "Học viên dưới 16 tuổi cần có người giám hộ: vui lòng gõ tên người giám hộ."
NEEDS_GUARDIAN_PHONE = "Học viên dưới 16 tuổi cần có người giám hộ: vui lòng gõ số điện thoại"


def child_year():
    return timezone.localdate().year - 12


def admin_learner(**overrides):
    data = {
        "full_name": "Phạm Minh Khôi",
        "birth_year": str(child_year()),
        "sex": "male",
        "hamlet": str(hamlet().pk),
        "phone": "",
        "guardian_name": "",
        "guardian_phone": "",
        "enrollments-TOTAL_FORMS": "0",
        "enrollments-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_add_form_refuses_a_child_without_a_guardian_in_vietnamese(client):
    client.force_login(center_staff())
    response = client.post("/admin/attendance/learner/add/", admin_learner())
    html = response.content.decode()
    assert response.status_code == 200
    assert NEEDS_GUARDIAN_NAME in html and NEEDS_GUARDIAN_PHONE in html
    assert Learner.objects.count() == 0

    response = client.post(
        "/admin/attendance/learner/add/",
        admin_learner(guardian_name="phạm   văn bố", guardian_phone="+84 987 654 321"),
    )
    assert response.status_code == 302
    learner = Learner.objects.get()
    # Cleaned as the public form cleans: spaces collapsed, phone as 0xxxxxxxxx.
    assert learner.guardian_name == "phạm văn bố" and learner.guardian_phone == "0987654321"


def test_admin_change_form_holds_an_existing_child_to_the_rule(client):
    learner = LearnerFactory(birth_year=child_year(), guardian_name="", guardian_phone="")
    client.force_login(center_staff())
    response = client.post(
        f"/admin/attendance/learner/{learner.pk}/change/",
        admin_learner(full_name=learner.full_name, phone="0912345678"),
    )
    assert response.status_code == 200 and NEEDS_GUARDIAN_PHONE in response.content.decode()
    learner.refresh_from_db()
    assert learner.phone == ""


def test_admin_leaves_an_adult_and_an_unknown_birth_year_alone(client):
    client.force_login(center_staff())
    for name, year in (("Người Lớn", "1970"), ("Người Không Rõ Tuổi", "")):
        response = client.post(
            "/admin/attendance/learner/add/", admin_learner(full_name=name, birth_year=year)
        )
        assert response.status_code == 302, year
    assert Learner.objects.count() == 2


def test_excel_import_refuses_a_child_row_without_a_guardian(client):
    client.force_login(center_staff())
    response = client.post(
        "/quan-ly/hoc-vien/nhap/",
        {
            "file": import_file(
                [
                    ["Lê Văn Con", child_year(), "Nam", "Xóm 1", "", "", ""],
                    ["Lê Thị Em", child_year(), "Nữ", "Xóm 1", "", "Lê Văn Bố", "0912 000 111"],
                ]
            )
        },
    )
    html = response.content.decode()
    assert "1 dòng có lỗi" in html
    assert NEEDS_GUARDIAN_NAME in html and NEEDS_GUARDIAN_PHONE in html
    assert Learner.objects.count() == 0


def test_the_enrollment_service_cleans_what_no_form_cleaned():
    """The demo loader, management commands and the shell call the service directly."""
    course = CourseFactory()
    args = {"course": course, "sex": "female", "hamlet": hamlet()}
    with pytest.raises(ValidationError) as refused:
        enrollment_create(full_name="Bé Na", birth_year=child_year(), **args)
    assert set(refused.value.message_dict) == {"guardian_name", "guardian_phone"}
    with pytest.raises(ValidationError) as refused:
        enrollment_create(full_name="<b>Na</b>", birth_year=1970, phone="abc", **args)
    assert set(refused.value.message_dict) == {"full_name", "phone"}
    assert Learner.objects.count() == 0 and Enrollment.objects.count() == 0

    result = enrollment_create(
        full_name="  Trần   Thị Na ", birth_year=1970, phone="+84 912 345 678", **args
    )
    assert (result.enrollment.learner.full_name, result.enrollment.learner.phone) == (
        "Trần Thị Na",
        "0912345678",
    )
