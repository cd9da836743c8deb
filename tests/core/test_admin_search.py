"""Every search box and autocomplete picker of the admin ignores accents and case (issue 15,
item 8): "phu nu dong" finds "Hội Phụ nữ Đông …", as the public search does.

The tests walk the admin's registry, so an admin added later is checked too: it fails here
until ROWS says how to make one of its rows holding some text.
"""

import datetime
import itertools

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from agenda.models import Event
from assessment.models import Indicator, LegacyAssessmentResult, SelfAssessment
from attendance.models import AttendanceMark
from core.admin import FoldedSearchMixin
from documents.models import LegalDocument
from gallery.models import Album
from news.models import Category
from organizations.models import Organization
from questions.models import Question
from survey.models import SurveyResponse
from tests.attendance.factories import EnrollmentFactory, LearnerFactory, hamlet
from tests.classes.factories import CourseFactory, PartnerFactory, SessionFactory
from tests.disclosures.factories import DocumentFactory
from tests.factories import UserFactory, administrator
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ACCENTED = "Hội Phụ nữ Đông Hưng"
OTHER = "Hội Nông dân Tây Sơn"
QUERY = "phu nu DONG hung"  # no accents, "d" for "đ", another case

_n = itertools.count(1)


def _attendance_mark(text):
    enrollment = EnrollmentFactory(learner=LearnerFactory(full_name=text))
    session = SessionFactory(course=enrollment.course)
    return AttendanceMark.objects.create(
        enrollment=enrollment, session=session, marked_by=administrator()
    )


def _access(model, text, **extra):
    return model.objects.create(
        username=text, ip_address=f"10.0.0.{next(_n)}", user_agent="Mozilla", path_info="/", **extra
    )


# How to make a row of each registered model whose searched text holds `text`.
ROWS = {
    "auth.group": lambda text: Group.objects.create(name=text),
    # A center's admin lists its own accounts (core/admin_accounts.py): staff of this center.
    "auth.user": lambda text: UserFactory(username=f"canbo{next(_n)}", last_name=text),
    "axes.accessattempt": lambda text: _access(
        AccessAttempt, text, get_data="", post_data="", failures_since_start=1
    ),
    "axes.accesslog": lambda text: _access(AccessLog, text),
    "axes.accessfailurelog": lambda text: _access(AccessFailureLog, text),
    "news.category": lambda text: Category.objects.create(name=text),
    "news.article": lambda text: ArticleFactory(title=text),
    "classes.partner": lambda text: PartnerFactory(name=text),
    "classes.course": lambda text: CourseFactory(title=text),
    "core.hamlet": lambda text: type(hamlet()).objects.create(name=text),
    "attendance.learner": lambda text: LearnerFactory(full_name=text),
    "attendance.enrollment": lambda text: EnrollmentFactory(learner=LearnerFactory(full_name=text)),
    "attendance.attendancemark": _attendance_mark,
    "survey.surveyresponse": lambda text: SurveyResponse.objects.create(
        hamlet=hamlet(), other_topic=text
    ),
    "organizations.organization": lambda text: Organization.objects.create(
        name=text, short_name="Hội", slug=f"to-chuc-{next(_n)}", kind="school"
    ),
    "disclosures.disclosuredocument": lambda text: DocumentFactory(title=text),
    # Issue 16.
    "questions.question": lambda text: Question.objects.create(title=text, body="Hỏi"),
    "documents.legaldocument": lambda text: LegalDocument.objects.create(
        title=text,
        issuer="UBND xã",
        issued_on=datetime.date(2026, 1, 5),
        source_url="https://x.vn/",
    ),
    "agenda.event": lambda text: Event.objects.create(title=text, date=datetime.date(2026, 1, 5)),
    "gallery.album": lambda text: Album.objects.create(title=text),
    "assessment.indicator": lambda text: Indicator.objects.create(
        code=f"9.{next(_n)}", criterion=9, criterion_title=text, wording="Chỉ tiêu thử"
    ),
    "assessment.selfassessment": lambda text: SelfAssessment.objects.create(
        year=2024 + next(_n), notes=text
    ),
    "assessment.legacyassessmentresult": lambda text: LegacyAssessmentResult.objects.create(
        points=80, source_note=text
    ),
}

SEARCHABLE = sorted(
    (model._meta.label_lower, model_admin)
    for model, model_admin in admin.site._registry.items()
    if model_admin.search_fields
)


@pytest.mark.parametrize("label, model_admin", SEARCHABLE, ids=[label for label, _ in SEARCHABLE])
def test_every_admin_search_ignores_accents(client, label, model_admin):
    assert isinstance(model_admin, FoldedSearchMixin)
    assert label in ROWS, f"say in ROWS how to make a {label} row holding some text"
    wanted, other = ROWS[label](ACCENTED), ROWS[label](OTHER)
    client.force_login(administrator())
    opts = model_admin.model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = client.get(url, {"q": QUERY})
    assert response.status_code == 200
    found = list(response.context["cl"].result_list)
    assert wanted in found
    assert other not in found


AUTOCOMPLETES = sorted(
    (source._meta.label_lower, name)
    for model_admin in admin.site._registry.values()
    for source, names in [
        (model_admin.model, model_admin.autocomplete_fields),
        *((inline.model, inline.autocomplete_fields) for inline in model_admin.inlines),
    ]
    for name in names
)


def test_the_walk_finds_the_pickers_staff_use():
    assert {
        ("attendance.enrollment", "learner"),
        ("attendance.enrollment", "course"),
        ("classes.course", "partners"),
        ("disclosures.disclosuredocument", "replaced_by"),
    } <= set(AUTOCOMPLETES)


@pytest.mark.parametrize("source, field_name", AUTOCOMPLETES)
def test_every_autocomplete_picker_ignores_accents(client, source, field_name):
    app_label, model_name = source.split(".")
    # The picker lists rows of the model the field points to.
    target = apps.get_model(source)._meta.get_field(field_name).remote_field.model
    make = ROWS[target._meta.label_lower]
    wanted, other = make(ACCENTED), make(OTHER)
    client.force_login(administrator())
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": QUERY, "app_label": app_label, "model_name": model_name, "field_name": field_name},
    )
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert str(wanted.pk) in ids
    assert str(other.pk) not in ids


def test_an_enrollment_is_found_by_its_reference_code(client):
    # The staff guide: when someone phones, type their 6-character code into the search box.
    wanted, other = EnrollmentFactory(), EnrollmentFactory()
    client.force_login(administrator())
    response = client.get(
        reverse("admin:attendance_enrollment_changelist"), {"q": wanted.reference.lower()}
    )
    assert list(response.context["cl"].result_list) == [wanted]
    assert other.reference != wanted.reference


def test_attendance_marks_are_found_by_the_learners_name(client):
    mark = _attendance_mark("Đỗ Thị Hòa")
    client.force_login(administrator())
    response = client.get(reverse("admin:attendance_attendancemark_changelist"), {"q": "do thi"})
    assert list(response.context["cl"].result_list) == [mark]
