"""Two centers with every kind of row, each row named with its center's marker (issue 14).

Center B is the suite's first center (the one the migration made, answering at testserver,
localhost and 127.0.0.1): the settings' PORTAL_SITE_NAME and PORTAL_CONTACT_* describe it, as
they do on an upgraded single-center site. Center A is a second center at `a.test`. Every
title, name, slug, note and file of B carries "BRAVOZX" (slugs "bravozx"), A's "ALPHAQW": a
page of A that shows "bravozx" in any case has shown something of B.
"""

import io

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from core.demo import minimal_pdf
from core.models import Center, CenterHost, Hamlet, RichTextImage
from core.roles import CENTER_STAFF, SCHOOL_STAFF
from core.tenancy import use_center

A_HOST = "a.test"
A_MARK, B_MARK = "ALPHAQW", "BRAVOZX"


def jpeg(colour=(30, 120, 60), size=(1200, 900)):
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG")
    return buf.getvalue()


def make_centers():
    """(A, B): B the first center renamed with its marker, A a new center at A_HOST."""
    b = Center.objects.order_by("pk").first()
    b.name = f"Trung tâm học tập cộng đồng {B_MARK}"
    b.slug = B_MARK.lower()
    b.save()
    a = Center.objects.create(name=f"Trung tâm học tập cộng đồng {A_MARK}", slug=A_MARK.lower())
    CenterHost.objects.create(center=a, host=A_HOST, is_primary=True)
    return a, b


def fill(center, mark, operator):
    """Every kind of tenant row of `center`, named with `mark`; returns them by name."""
    from assessment.models import Indicator, IndicatorAnswer, LegacyAssessmentResult, SelfAssessment
    from attendance.models import AttendanceMark
    from classes.models import Partner
    from news.models import Article, Attachment, Category
    from organizations.models import Organization, Person
    from survey.models import SurveyChoice, SurveyResponse
    from tests.attendance.factories import EnrollmentFactory, LearnerFactory
    from tests.classes.factories import CourseFactory, SessionFactory
    from tests.disclosures.factories import DocumentFactory
    from tests.news.factories import ArticleFactory

    low = mark.lower()
    now = timezone.now()
    with use_center(center):
        hamlet = Hamlet.objects.create(name=f"Xóm {mark}", position=1)
        category = Category.objects.create(name=f"Chuyên mục {mark}", slug=f"chuyen-muc-{low}")
        picture = RichTextImage.objects.create(
            image=SimpleUploadedFile(f"{low}.jpg", jpeg()), alt=f"Ảnh {mark}"
        )
        article = ArticleFactory(
            title=f"Tin {mark}",
            slug=f"tin-{low}",
            category=category,
            summary=f"Tóm tắt {mark}",
            body=f'<p>Nội dung {mark}</p><p><img src="{picture.image.url}" alt="{mark}"></p>',
            byline=f"Ban biên tập {mark}",
            cover=SimpleUploadedFile(f"{low}.jpg", jpeg()),
            cover_alt=f"Ảnh bìa {mark}",
            pinned=True,
        )
        Attachment.objects.create(
            article=article,
            title=f"Tệp đính kèm {mark}",
            file=SimpleUploadedFile(f"{low}.pdf", minimal_pdf([f"Tep {mark}"])),
        )
        draft = ArticleFactory(
            title=f"Nháp {mark}", slug=f"nhap-{low}", category=category,
            byline=mark, status=Article.Status.DRAFT,
        )  # fmt: skip
        partner = Partner.objects.create(name=f"Hội {mark}", slug=f"hoi-{low}")
        course = CourseFactory(
            title=f"Lớp {mark}",
            slug=f"lop-{low}",
            instructor=f"Thầy {mark}",
            place=f"Nhà văn hóa {mark}",
            description=f"<p>Giới thiệu {mark}</p>",
            cover=SimpleUploadedFile(f"lop-{low}.jpg", jpeg()),
        )
        course.partners.add(partner)
        session = SessionFactory(
            course=course, date=timezone.localdate(), topic=f"Buổi {mark}", place=f"Sân {mark}"
        )
        learner = LearnerFactory(full_name=f"Học viên {mark}", hamlet=hamlet)
        enrollment = EnrollmentFactory(learner=learner, course=course, note=f"Ghi chú {mark}")
        AttendanceMark.objects.create(enrollment=enrollment, session=session, marked_by=operator)
        response = SurveyResponse.objects.create(
            hamlet=hamlet,
            other_topic=f"Chủ đề {mark}",
            full_name=f"Người trả lời {mark}",
            phone="0912345678",
            consent_at=now,
            consent_text="…",
        )
        SurveyChoice.objects.create(response=response, question="time", value="evening")
        school = Organization.objects.create(
            name=f"Trường THCS {mark}", short_name=f"THCS {mark}", slug=f"thcs-{low}",
            kind="school", staff_group=SCHOOL_STAFF, position=1,
            introduction=f"<p>Trường {mark}</p>",
        )  # fmt: skip
        # The center's own profile is left without contact details (a new center's is), so
        # the footer falls back to whatever the settings hold.
        organization = Organization.objects.create(
            name=f"Trung tâm {mark}", short_name=f"TT {mark}", slug=f"tt-{low}",
            kind="center", staff_group=CENTER_STAFF, position=2,
            introduction=f"<p>Giới thiệu {mark}</p>",
        )  # fmt: skip
        person = Person.objects.create(
            organization=organization, full_name=f"Ông {mark}", position="Giám đốc", is_board=True
        )
        document = DocumentFactory(
            title=f"Công khai {mark} năm học 2025-2026",
            organization=school,
            summary=f"<p>Tóm tắt {mark}</p>",
            file=SimpleUploadedFile(f"{low}.pdf", minimal_pdf([f"Bieu mau {mark}"])),
        )
        draft_doc = DocumentFactory(
            title=f"Dự thảo {mark} năm học 2025-2026",
            organization=school,
            status="draft",
            file=SimpleUploadedFile(f"du-thao-{low}.pdf", minimal_pdf([f"Du thao {mark}"])),
        )
        assessment = SelfAssessment.objects.create(year=2025, notes=f"Ghi chú {mark}")
        IndicatorAnswer.objects.create(
            assessment=assessment,
            # The national checklist (a migration seeds it; a transactional test's flush may
            # have emptied the table before this one).
            indicator=Indicator.objects.order_by("pk").first()
            or Indicator.objects.create(
                code="9.1", criterion=9, criterion_title="Tiêu chí thử", wording="Chỉ tiêu thử"
            ),
            result="yes",
            note=f"Minh chứng {mark}",
        )
        LegacyAssessmentResult.objects.create(
            year=2016, points="90.0", classification=f"Tốt {mark}", source_note=f"Nguồn {mark}"
        )
        # Issue 16: villagers' questions, one answered and published, one waiting (with the
        # asker's contact, which no page may show).
        from questions.models import Question

        question = Question.objects.create(
            title=f"Hỏi đáp {mark}",
            body=f"Câu hỏi {mark}",
            answer=f"Trả lời {mark}",
            status=Question.Status.PUBLISHED,
            published_at=now,
        )
        waiting = Question.objects.create(
            title=f"Câu hỏi chờ {mark}",
            body=f"Chưa trả lời {mark}",
            asker_name=f"Người hỏi {mark}",
            email=f"{low}@hoi.test",
            consent_text=f"Đồng ý {mark}",
        )
        # Issue 16: the documents library, one published with its file, one draft.
        from documents.models import LegalDocument

        legal = LegalDocument.objects.create(
            title=f"Văn bản {mark}",
            number=f"1/QĐ-{mark}",
            issuer=f"UBND xã {mark}",
            issued_on=now.date(),
            summary=f"Tóm tắt {mark}",
            file=SimpleUploadedFile(f"{low}.pdf", minimal_pdf([mark])),
            status=LegalDocument.Status.PUBLISHED,
            published_at=now,
        )
        legal_draft = LegalDocument.objects.create(
            title=f"Dự thảo {mark}",
            number=f"2/DT-{mark}",
            issuer=f"UBND xã {mark}",
            issued_on=now.date(),
            source_url=f"https://{low}.test/van-ban",
        )
        # Issue 16: the work calendar, a public meeting and an internal one, this week.
        from agenda.models import Event

        meeting = Event.objects.create(
            title=f"Họp {mark}", date=timezone.localdate(), place=f"Phòng {mark}"
        )
        Event.objects.create(
            title=f"Họp nội bộ {mark}", date=timezone.localdate(), status=Event.Status.DRAFT
        )
        # What the operator did here: the admin's "recent actions" of this center.
        LogEntry.objects.log_actions(
            user_id=operator.pk,
            queryset=[article, course, document],
            action_flag=ADDITION,
        )
    return {
        "hamlet": hamlet,
        "category": category,
        "picture": picture,
        "article": article,
        "draft": draft,
        "partner": partner,
        "course": course,
        "session": session,
        "learner": learner,
        "enrollment": enrollment,
        "response": response,
        "school": school,
        "organization": organization,
        "person": person,
        "document": document,
        "draft_doc": draft_doc,
        "assessment": assessment,
        "question": question,
        "meeting": meeting,
        "legal": legal,
        "legal_draft": legal_draft,
        "waiting_question": waiting,
        "content_type": ContentType.objects.get_for_model(article),
        "year": timezone.localdate().year,
    }


def staff_groups():
    """Every staff role a center's account may hold (core.roles.ROLES): today center staff
    and school staff; the center administrator's group is walked as soon as it exists."""
    from core.roles import ROLES

    return sorted(ROLES)


def ensure_groups():
    from core.roles import apply_roles

    apply_roles()
    return {name: Group.objects.get(name=name) for name in staff_groups()}
