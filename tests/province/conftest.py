"""Centers of two provinces with hand-made records, and the accounts that read them at the
hosting operator's host."""

import datetime
import zoneinfo
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from classes.models import Course, FiguresSource
from core.models import Center, CenterHost, Membership
from core.tenancy import use_center
from disclosures.models import Basis, DisclosureDocument
from organizations.models import Organization
from tests.attendance.factories import EnrollmentFactory, LearnerFactory
from tests.classes.factories import historical_course
from tests.disclosures.factories import DocumentFactory
from tests.factories import PASSWORD, administrator

OPERATOR = "tinh.test"
TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
SCHOOL_YEAR = "2025-2026"  # deadline 30/06/2026
LEARNER_NAME = "Phạm Thị Riêng Tư"


@pytest.fixture(autouse=True)
def operator_host(settings):
    settings.OPERATOR_HOSTS = [OPERATOR]


def at(*args):
    return datetime.datetime(*args, tzinfo=TZ)


def make_center(slug, *, province, host, name=None):
    center = Center.objects.create(
        name=name or f"TTHTCĐ xã {slug.title()}", slug=slug, commune=slug.title(), province=province
    )
    CenterHost.objects.create(center=center, host=host, is_primary=True)
    return center


def organizations(center):
    """The center and the school of its commune, as `create_center` makes them."""
    with use_center(center):
        return (
            Organization.objects.create(
                name=f"TTHTCĐ {center.commune}", short_name="TTHTCĐ", slug=f"tthtcd-{center.slug}",
                kind=Organization.Kind.CENTER, position=1,
            ),
            Organization.objects.create(
                name=f"Trường THCS {center.commune}", short_name="THCS", slug=f"thcs-{center.slug}",
                kind=Organization.Kind.SCHOOL, position=2,
            ),
        )  # fmt: skip


def document(organization, basis, published_at, **kwargs):
    """A document uploaded on the day it was published."""
    with use_center(organization.center):
        made = DocumentFactory(
            organization=organization,
            basis=basis,
            school_year=SCHOOL_YEAR,
            published_at=published_at,
            **kwargs,
        )
        DisclosureDocument.objects.filter(pk=made.pk).update(created_at=published_at)
    return made


def enrolled_class(year, learners, **kwargs):
    course = historical_course(year, 99, **kwargs)  # its enrollments count, not the 99
    for n in range(learners):
        EnrollmentFactory(course=course, learner=LearnerFactory(full_name=f"{LEARNER_NAME} {n}"))
    EnrollmentFactory(course=course, status="withdrawn")
    return course


@dataclass
class Province:
    an_khang: Center  # Ninh Bình
    binh_minh: Center  # Ninh Bình
    cat_tuong: Center  # Hưng Yên

    @property
    def hosts(self):
        return {self.an_khang: "an-khang.test", self.binh_minh: "binh-minh.test",
                self.cat_tuong: "cat-tuong.test"}  # fmt: skip


@pytest.fixture
def province():
    """Three centers, two provinces. Classes and learners (worked out by hand):

    - An Khang: 2023 two old classes (30 + 25); 2024 one class with 3 learners enrolled (one
      more withdrew; its reported 99 does not count), one estimated class of 40, a draft;
    - Bình Minh: 2024 one old class of 50; 2025 one of 12;
    - Cát Tường (Hưng Yên): 2024 one of 70.

    Disclosure items for 2025-2026: An Khang's center two on time and one late, its school
    one on time; Bình Minh nothing; Cát Tường's center one on time.
    """
    a = make_center("an-khang", province="Ninh Bình", host="an-khang.test")
    b = make_center("binh-minh", province="Ninh Bình", host="binh-minh.test")
    c = make_center("cat-tuong", province="Hưng Yên", host="cat-tuong.test")
    with use_center(a):
        historical_course(2023, 30)
        historical_course(2023, 25)
        enrolled_class(2024, 3)
        historical_course(2024, 40, figures_source=FiguresSource.ESTIMATE)
        historical_course(2024, 500, status=Course.Status.DRAFT)
    with use_center(b):
        historical_course(2024, 50)
        historical_course(2025, 12)
    with use_center(c):
        historical_course(2024, 70)
    a_center, a_school = organizations(a)
    organizations(b)
    c_center, _c_school = organizations(c)
    document(a_center, Basis.TT09_2024_ART4, at(2025, 10, 1, 8))
    document(a_center, Basis.TT09_2024_ART10, at(2026, 6, 30, 20))
    document(a_center, Basis.TT09_2024_ART11, at(2026, 7, 2, 8))  # late
    document(a_school, Basis.TT09_2024_ART8, at(2026, 3, 1, 8))
    document(c_center, Basis.TT09_2024_ART5, at(2026, 1, 5, 8))
    return Province(a, b, c)


@pytest.fixture
def operator():
    return administrator(username="van-hanh")


def province_account(province_name="Ninh Bình", username="so-gd-ninh-binh"):
    """The province's read-only account (the role itself is another part of issue 14)."""
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    Membership.objects.create(user=user, province=province_name)
    return user
