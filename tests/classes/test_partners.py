"""Partner bodies: what the public partners page needs, and the admin that keeps it."""

import datetime

import pytest
from django.utils import timezone

from classes.models import Course, Partner
from classes.selectors import partners_with_classes
from tests.classes.factories import CourseFactory, PartnerFactory, historical_course
from tests.factories import center_staff

pytestmark = pytest.mark.django_db


def test_partners_come_in_staff_order_with_the_held_published_classes_they_co_ran(
    django_assert_num_queries,
):
    second = PartnerFactory(name="A-Hội Nông dân", position=20)
    first = PartnerFactory(name="Z-Trung tâm Dạy nghề", position=10)
    shared = historical_course(2013, 40)
    shared.partners.add(first, second)
    historical_course(2016, 35).partners.add(first)
    historical_course(2014, 35, status=Course.Status.DRAFT).partners.add(first)
    later = timezone.now() + datetime.timedelta(days=3)
    historical_course(2015, 35, published_at=later).partners.add(first)
    CourseFactory().partners.add(second)  # not started yet
    with django_assert_num_queries(1):
        partners = partners_with_classes()
    assert [p.name for p in partners] == [first.name, second.name]
    assert [p.class_count for p in partners] == [2, 1]
    assert [p.first_start.year for p in partners] == [2013, 2013]


def test_a_partner_without_classes_is_listed_with_zero():
    PartnerFactory(name="Hội Cựu chiến binh xã")
    (partner,) = partners_with_classes()
    assert partner.class_count == 0 and partner.first_start is None


def test_center_staff_describe_a_partner_in_the_admin(client):
    client.force_login(center_staff())
    response = client.post(
        "/admin/classes/partner/add/",
        {
            "name": "Chi cục Bảo vệ thực vật tỉnh",
            "short_name": "Chi cục BVTV",
            "description": "Hướng dẫn kỹ thuật trồng lúa.",
            "website": "bvtv.example.vn",
            "phone": "0226 3852 000",
            "position": 5,
        },
    )
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.website == "https://bvtv.example.vn"
    assert partner.slug == "chi-cuc-bao-ve-thuc-vat-tinh"


def test_a_partner_phone_with_letters_is_refused(client):
    client.force_login(center_staff())
    response = client.post(
        "/admin/classes/partner/add/",
        {"name": "Hội Phụ nữ xã", "phone": "gọi chị Lan", "position": 1},
    )
    assert response.status_code == 200
    assert "Hãy viết số điện thoại chỉ gồm chữ số" in response.content.decode()
    assert not Partner.objects.exists()
