"""Demo learners in the current classes, so staff can try attendance (idempotent).

The names are clearly made up ("Thử", "Mẫu", "Ví Dụ"): no real person's data in the demo.
"""

from attendance.forms import consent_text
from attendance.models import Enrollment
from attendance.services import (
    EnrollmentRefusedError,
    enrollment_create,
    enrollment_set_status,
)
from classes.models import Course
from core.hamlets import ensure_defaults
from core.models import Hamlet

LEARNERS = [
    ("Nguyễn Văn Thử", 1956, "male", 1, "0912000001"),
    ("Trần Thị Mẫu", 1960, "female", 2, ""),
    ("Lê Văn Ví Dụ", 1958, "male", 3, "0912000003"),
    ("Phạm Thị Thử Nghiệm", 1962, "female", 4, ""),
    ("Hoàng Văn Mẫu", 1949, "male", 5, "0912000005"),
    ("Vũ Thị Ví Dụ", 1953, "female", 6, ""),
    ("Đỗ Thị Mẫu Hai", 1966, "female", 7, "0912000007"),
    ("Bùi Văn Thử Ba", 1971, "male", 8, ""),
    ("Ngô Thị Demo", 1959, "female", 9, "0912000009"),
    ("Đặng Văn Demo", 1964, "male", 10, ""),
]

DEMO_CLASSES = [
    ("tin-hoc-co-ban-cho-nguoi-cao-tuoi", LEARNERS[:8]),
    ("lop-duong-sinh-mua-dong", LEARNERS[2:]),
    ("ky-thuat-trong-rau-an-toan-vu-dong", LEARNERS[::2]),
]
# The second demo center (Tiên Hải), in its own hamlets (made by load_demo).
TIEN_HAI_LEARNERS = [
    ("Đinh Thị Thử Hải", 1975, "female", 1, "0912000201"),
    ("Lương Thị Mẫu Hải", 1968, "female", 2, ""),
    ("Tạ Thị Ví Dụ Hải", 1981, "female", 3, ""),
    ("Mai Văn Demo Hải", 1970, "male", 4, "0912000204"),
]
TIEN_HAI_CLASSES = [
    ("tin-hoc-cho-hoi-vien-phu-nu", TIEN_HAI_LEARNERS[:3]),
    ("ky-thuat-trong-nam-rom-vu-he", TIEN_HAI_LEARNERS[1:]),
]
DEMOS = {"tien-tan": (LEARNERS, DEMO_CLASSES), "tien-hai": (TIEN_HAI_LEARNERS, TIEN_HAI_CLASSES)}


def load(stdout, demo="tien-tan"):
    learners_made_up, classes = DEMOS[demo]
    ensure_defaults(Hamlet)
    hamlets = {h.position: h for h in Hamlet.objects.filter(is_other=False)}
    made = 0
    for slug, learners in classes:
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            continue
        for name, year, sex, hamlet, phone in learners:
            try:
                result = enrollment_create(
                    course=course,
                    full_name=name,
                    birth_year=year,
                    sex=sex,
                    hamlet=hamlets.get(hamlet) or Hamlet.objects.first(),
                    phone=phone,
                    consent_text=consent_text(),
                    source=Enrollment.Source.STAFF,
                    check_window=False,
                )
            except EnrollmentRefusedError:
                continue
            if result.created:
                enrollment_set_status(
                    enrollments=[result.enrollment], status=Enrollment.Status.CONFIRMED
                )
                made += 1
    stdout.write(f"attendance: {made} demo enrollments added")
    stdout.write(
        f"attendance: what the demo invented — {len(learners_made_up)} learners with made-up "
        f"names (“{learners_made_up[0][0]}”…) enrolled in the current classes; staff pages "
        "only, never public."
    )
