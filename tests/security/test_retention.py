import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from attendance.models import Enrollment, Learner
from tests.attendance.factories import EnrollmentFactory, LearnerFactory
from tests.classes.factories import CourseFactory

pytestmark = pytest.mark.django_db


def course_ended(years_ago, **kwargs):
    end = timezone.localdate() - datetime.timedelta(days=int(365.25 * years_ago))
    return CourseFactory(
        start_date=end - datetime.timedelta(days=30),
        end_date=end,
        enrollment_opens=None,
        enrollment_closes=None,
        **kwargs,
    )


@pytest.fixture
def learners():
    old, recent = course_ended(6), course_ended(1)
    gone = EnrollmentFactory(course=old, learner=LearnerFactory(full_name="Người Học Cũ")).learner
    kept = EnrollmentFactory(course=recent, learner=LearnerFactory(full_name="Người Học Mới"))
    both = LearnerFactory(full_name="Người Học Cả Hai", phone="0912345678")
    EnrollmentFactory(course=old, learner=both)
    EnrollmentFactory(course=recent, learner=both)
    return {"gone": gone, "kept": kept.learner, "both": both, "old": old}


def run(*args):
    out = io.StringIO()
    call_command("erase_expired_learners", *args, stdout=out)
    return out.getvalue()


def test_learners_past_retention_are_erased_and_counts_kept(learners, settings):
    settings.LEARNER_RETENTION_YEARS = 5
    old_count = Enrollment.objects.filter(course=learners["old"]).count()
    by_sex = list(Learner.objects.values_list("sex", flat=True).order_by("pk"))
    output = run()
    assert "1 learner" in output and "Người" not in output
    gone = Learner.objects.get(pk=learners["gone"].pk)
    assert gone.full_name == "" and gone.birth_year is None and gone.erased_at
    # Someone still in a recent class keeps their data, as does a recent-only learner.
    assert Learner.objects.get(pk=learners["both"].pk).phone == "0912345678"
    assert Learner.objects.get(pk=learners["kept"].pk).full_name == "Người Học Mới"
    assert Enrollment.objects.filter(course=learners["old"]).count() == old_count
    assert list(Learner.objects.values_list("sex", flat=True).order_by("pk")) == by_sex


def test_dry_run_changes_nothing_and_rerun_finds_nothing(learners):
    assert "1 learner(s)" in run("--dry-run", "--years", "5")
    assert Learner.objects.get(pk=learners["gone"].pk).full_name == "Người Học Cũ"
    run("--years", "5")
    assert "Erased the personal data of 0" in run("--years", "5")


def test_a_longer_retention_keeps_everyone(learners):
    run("--years", "10")
    assert not Learner.objects.filter(erased_at__isnull=False).exists()


def test_the_consent_box_states_the_retention_that_is_applied(client, settings):
    settings.LEARNER_RETENTION_YEARS = 7
    course = CourseFactory()
    html = client.get(f"/lop-hoc/{course.slug}/dang-ky/").content.decode()
    assert "được lưu đến 7 năm sau khi lớp kết thúc" in html
    assert "7 năm" in client.get("/chinh-sach-rieng-tu/").content.decode()
