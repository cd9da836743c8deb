"""Writes on learners, enrollments and marks. Views, admin and imports call these."""

import datetime
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance import cleaning
from attendance.models import (
    AttendanceMark,
    Enrollment,
    Learner,
    new_reference,
)
from classes.models import Course
from core.cache import bump_content_version
from core.retention import retention_cutoff


class EnrollmentRefusedError(ValidationError):
    """The class cannot take this enrollment (closed or full); nothing was written."""


@dataclass(frozen=True)
class EnrollmentResult:
    enrollment: Enrollment
    created: bool  # False: the same person (or the same submission) was already enrolled


def courses_lock(*course_ids) -> dict:
    """Lock the classes' rows (SELECT … FOR UPDATE) until the transaction ends, in key order,
    so two writers that need the same two classes never wait on each other crosswise. Every
    write that changes which enrollments hold a seat takes this lock first: then the seat
    count it makes cannot be overtaken, whichever entry path (public form, admin, import,
    staff page, command) the other writer came through. {id: Course}."""
    ids = sorted({pk for pk in course_ids if pk is not None})
    return {c.pk: c for c in Course.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def course_recount(*, course: Course) -> int:
    """Store how many seats the class's enrollments hold. Call with the class row locked."""
    taken = Enrollment.objects.active().filter(course=course).count()
    Course.objects.filter(pk=course.pk).update(seats_taken=taken)
    bump_content_version()  # seats left are on public pages; update() sends no signal
    course.seats_taken = taken
    return taken


def _find_or_create_learner(
    *, full_name, birth_year, sex, hamlet, phone, guardian_name, guardian_phone
):
    learner = (
        Learner.objects.matching(
            full_name=full_name, birth_year=birth_year, phone=phone, hamlet=hamlet
        )
        .order_by("pk")
        .first()
    )
    if learner is None:
        learner = Learner.objects.create(
            full_name=full_name,
            birth_year=birth_year,
            sex=sex,
            hamlet=hamlet,
            phone=phone,
            guardian_name=guardian_name,
            guardian_phone=guardian_phone,
        )
    else:
        # Fill what the earlier record lacked; never overwrite what staff confirmed.
        changed = False
        for field, value in (
            ("phone", phone),
            ("guardian_name", guardian_name),
            ("guardian_phone", guardian_phone),
            ("sex", sex),
        ):
            if value and not getattr(learner, field):
                setattr(learner, field, value)
                changed = True
        if changed:
            learner.save()
    return learner


@transaction.atomic
def enrollment_create(
    *,
    course: Course,
    full_name: str,
    birth_year: int,
    sex: str,
    hamlet,
    phone: str = "",
    guardian_name: str = "",
    guardian_phone: str = "",
    note: str = "",
    consent_text: str = "",
    source: str = Enrollment.Source.ONLINE,
    submission_token=None,
    check_window: bool = True,
    today: datetime.date | None = None,
) -> EnrollmentResult:
    """Enroll a person in a class: the public form, the Excel import and the demo loader.

    The learner's details go through `cleaning.clean_learner` (the forms call it first, for
    their messages; a ValidationError here means a caller skipped it). The class row is
    locked (`courses_lock`) for the whole check-and-insert, so concurrent submissions for
    the last seat queue up, whether they come from this form or the admin: exactly one gets
    it, the others are refused. The same lock makes the duplicate check safe: the same person
    (folded name, birth year, and phone or hamlet) enrolling twice gets their first enrollment
    back, and a double-clicked submit (same `submission_token`) creates one row.
    """
    details = cleaning.clean_learner(
        {
            "full_name": full_name,
            "birth_year": birth_year,
            "phone": phone,
            "guardian_name": guardian_name,
            "guardian_phone": guardian_phone,
        },
        today=today,
    )
    course = courses_lock(course.pk)[course.pk]
    if submission_token is not None:
        earlier = Enrollment.objects.filter(submission_token=submission_token).first()
        if earlier is not None:
            return EnrollmentResult(earlier, created=False)
    if check_window and not course.enrollment_window_open(today):
        raise EnrollmentRefusedError(
            _("Enrollment for this class is closed. Contact the center for the next class."),
            code="closed",
        )
    learner = _find_or_create_learner(sex=sex, hamlet=hamlet, **details)
    existing = Enrollment.objects.filter(learner=learner, course=course).first()
    if existing is not None and existing.holds_seat:
        return EnrollmentResult(existing, created=False)
    if Enrollment(course=course, pk=existing and existing.pk).seat_refusal():
        raise EnrollmentRefusedError(
            _("Sorry, this class is full. Contact the center to join the next one."),
            code="full",
        )
    consent_at = timezone.now() if consent_text else None
    if existing is not None:  # withdrawn earlier, enrolling again
        existing.status = Enrollment.Status.PENDING
        existing.note, existing.consent_text, existing.consent_at = note, consent_text, consent_at
        existing.submission_token = submission_token
        existing.save()
        enrollment = existing
    else:
        for _attempt in range(5):  # a reference code collision is rare; draw again
            try:
                with transaction.atomic():
                    enrollment = Enrollment.objects.create(
                        learner=learner,
                        course=course,
                        source=source,
                        note=note,
                        consent_text=consent_text,
                        consent_at=consent_at,
                        submission_token=submission_token,
                        reference=new_reference(),
                    )
                break
            except IntegrityError:
                continue
        else:
            raise IntegrityError("Could not draw a free reference code")
    course_recount(course=course)
    return EnrollmentResult(enrollment, created=True)


@transaction.atomic
def enrollment_save(*, enrollment: Enrollment, user=None) -> Enrollment:
    """Save an enrollment staff added or changed (the admin's form): its class, status, note.

    Its class, and the class it leaves when moved, are locked (`courses_lock`) before the seat
    is counted, and both classes' `seats_taken` recounted after the write. A class without a
    seat for it raises EnrollmentRefusedError and writes nothing. The admin's form takes the
    same lock while it validates (`lock_for`), so its message and this check agree.
    """
    before = None
    if enrollment.pk:
        before = Enrollment.objects.filter(pk=enrollment.pk).values("course_id", "status").first()
    old_course_id = before["course_id"] if before else None
    locked = courses_lock(enrollment.course_id, old_course_id)
    refusal = enrollment.seat_refusal()
    if refusal:
        raise EnrollmentRefusedError(refusal, code="full")
    if before is None or before["status"] != enrollment.status:
        enrollment.status_changed_by = user
    enrollment.save()
    for course in locked.values():
        course_recount(course=course)
    return enrollment


def lock_for(*, enrollment: Enrollment, course_id) -> None:
    """Take the locks `enrollment_save` will take for `enrollment` going to class
    `course_id`, for a form that validates inside the transaction that then saves (the
    admin's add and change views run in one): the seats it counts cannot change before the
    save."""
    old = Enrollment.objects.filter(pk=enrollment.pk).values_list("course_id", flat=True)
    courses_lock(course_id, old.first() if enrollment.pk else None)


@transaction.atomic
def enrollment_set_status(*, enrollments, status: str, user=None) -> tuple[int, int]:
    """Confirm, withdraw or complete enrollments, keeping each class's seat count right:
    (changed, refused). Re-activating a withdrawn enrollment in a full class is refused for
    that one; the others go ahead."""
    pks = [e.pk for e in enrollments]
    course_ids = Enrollment.objects.filter(pk__in=pks).values_list("course_id", flat=True)
    locked = courses_lock(*course_ids)
    changed = refused = 0
    # Read again under the locks: the rows the caller holds may be stale.
    for enrollment in Enrollment.objects.filter(pk__in=pks).order_by("pk"):
        if enrollment.status == status:
            continue
        enrollment.status = status
        if enrollment.seat_refusal():
            refused += 1
            continue
        enrollment.status_changed_by = user
        enrollment.save(update_fields=["status", "status_changed_by", "updated_at"])
        changed += 1
    for course in locked.values():
        course_recount(course=course)
    return changed, refused


@transaction.atomic
def enrollment_delete(*, enrollments) -> int:
    """Delete enrollments (with their attendance marks) and recount their classes' seats, under
    the classes' locks: the admin's delete page and its bulk "delete selected" action. Returns
    how many were deleted."""
    pks = [e.pk for e in enrollments]
    locked = courses_lock(
        *Enrollment.objects.filter(pk__in=pks).values_list("course_id", flat=True)
    )
    deleted = Enrollment.objects.filter(pk__in=pks).delete()[1].get(Enrollment._meta.label, 0)
    for course in locked.values():
        course_recount(course=course)
    return deleted


@transaction.atomic
def attendance_record(*, session, marks: dict, user) -> int:
    """Save one session's marks: {enrollment_id: status}. One mark per learner per session;
    saving again updates the marks and who made them."""
    valid = set(
        Enrollment.objects.active()
        .filter(course_id=session.course_id, pk__in=list(marks))
        .values_list("pk", flat=True)
    )
    existing = {
        m.enrollment_id: m
        for m in AttendanceMark.objects.select_for_update().filter(
            session=session, enrollment_id__in=valid
        )
    }
    now = timezone.now()
    to_create, to_update = [], []
    for enrollment_id, status in marks.items():
        if enrollment_id not in valid or status not in AttendanceMark.Status.values:
            continue
        mark = existing.get(enrollment_id)
        if mark is None:
            to_create.append(
                AttendanceMark(
                    enrollment_id=enrollment_id, session=session, status=status, marked_by=user
                )
            )
        else:
            mark.status, mark.marked_by, mark.marked_at = status, user, now
            to_update.append(mark)
    AttendanceMark.objects.bulk_create(to_create)
    AttendanceMark.objects.bulk_update(to_update, ["status", "marked_by", "marked_at"])
    return len(to_create) + len(to_update)


@transaction.atomic
def learner_merge(*, keep: Learner, others) -> int:
    """Merge duplicate learner records into `keep`: their enrollments move over (an enrollment
    in a class `keep` already has is folded into it, its marks moving where free), then the
    duplicates are deleted. Returns how many records were merged."""
    merged = 0
    for other in others:
        if other.pk == keep.pk:
            continue
        for enrollment in other.enrollments.select_related("course"):
            target = Enrollment.objects.filter(learner=keep, course=enrollment.course).first()
            if target is None:
                enrollment.learner = keep
                enrollment.save(update_fields=["learner", "updated_at"])
                continue
            course = courses_lock(target.course_id)[target.course_id]
            taken = set(target.marks.values_list("session_id", flat=True))
            enrollment.marks.exclude(session_id__in=taken).update(enrollment=target)
            enrollment.marks.all().delete()
            enrollment.delete()
            course_recount(course=course)
        for field in ("phone", "sex", "guardian_name", "guardian_phone"):
            if not getattr(keep, field) and getattr(other, field):
                setattr(keep, field, getattr(other, field))
        other.delete()
        merged += 1
    keep.save()
    return merged


def learner_data(*, learner: Learner) -> dict:
    """Everything the portal holds about one learner, for a request to see their data."""
    return {
        "full_name": learner.full_name,
        "birth_year": learner.birth_year,
        "sex": learner.get_sex_display(),
        "hamlet": str(learner.hamlet or ""),
        "phone": learner.phone,
        "guardian_name": learner.guardian_name,
        "guardian_phone": learner.guardian_phone,
        "created_at": learner.created_at.isoformat(),
        "enrollments": [
            {
                "class": e.course.title,
                "start_date": e.course.start_date.isoformat(),
                "reference": e.reference,
                "status": e.get_status_display(),
                "source": e.get_source_display(),
                "note": e.note,
                "consent_at": e.consent_at.isoformat() if e.consent_at else None,
                "consent_text": e.consent_text,
                "attendance": [
                    {"session": str(m.session), "status": m.get_status_display()}
                    for m in e.marks.all()
                ],
            }
            for e in learner.enrollments.select_related("course").prefetch_related("marks__session")
        ],
    }


@transaction.atomic
def learner_erase(*, learner: Learner) -> Learner:
    """Erase a learner's personal data on request. The row and its enrollments stay,
    anonymous, so the classes' learner counts (and counts by sex) do not change."""
    learner = Learner.objects.select_for_update().get(pk=learner.pk)
    learner.full_name = ""
    learner.birth_year = None
    learner.hamlet = None
    learner.phone = ""
    learner.guardian_name = ""
    learner.guardian_phone = ""
    learner.erased_at = timezone.now()
    learner.save()
    learner.enrollments.update(note="", submission_token=None)
    # The admin's history keeps each object's name as it was: forget it there too.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Learner), object_id=str(learner.pk)
    ).update(object_repr=str(learner), change_message="")
    return learner


def learners_past_retention(*, years: int, today=None):
    """Learners whose every class ended more than `years` years ago (and who still have
    personal data). A class without an end date counts by its start date."""
    cutoff = retention_cutoff(years=years, today=today)
    recent = Q(enrollments__course__end_date__gte=cutoff) | Q(
        enrollments__course__end_date__isnull=True,
        enrollments__course__start_date__gte=cutoff,
    )
    return (
        Learner.objects.filter(erased_at__isnull=True, enrollments__isnull=False)
        .exclude(recent)
        .distinct()
    )


def learners_erase_expired(*, years: int, today=None) -> int:
    """Erase the personal data of every learner past the retention period; counts stay."""
    erased = 0
    for learner in learners_past_retention(years=years, today=today):
        learner_erase(learner=learner)
        erased += 1
    return erased
