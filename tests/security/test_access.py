"""Who may open what: every URL of the site, walked from the URL resolver, as each role.

The table below is the access-control table of docs/security.md. A URL added to the site
without a row here fails `test_every_url_is_in_the_table`, so none can escape the check.
"""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import administrator, center_staff, school_staff

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "school", "center", "admin")
EVERYONE = dict.fromkeys(ROLES, 200)
LOGIN = 302  # sent to the login page


def staff_only(*allowed, anonymous=LOGIN, denied=403):
    return {
        "anonymous": anonymous,
        **{role: (200 if role in allowed or role == "admin" else denied) for role in ROLES[1:]},
    }


# URL name → (how to build the URL, expected status per role). Builders get a `data` fixture.
TABLE = {
    "home": (lambda d: reverse("home"), EVERYONE),
    "search": (lambda d: reverse("search") + "?q=tien+tan", EVERYONE),
    "about": (lambda d: reverse("about"), EVERYONE),
    "privacy": (lambda d: reverse("privacy"), EVERYONE),
    "healthz": (lambda d: reverse("healthz"), EVERYONE),
    "robots-txt": (lambda d: reverse("robots-txt"), EVERYONE),
    # --- reading comfort (issue 16 part 6): the text-size switch remembers and goes back ---
    "text-size": (lambda d: reverse("text-size") + "?c=lon&next=/", dict.fromkeys(ROLES, 302)),
    "sitemap": (lambda d: reverse("sitemap"), EVERYONE),
    "favicon": (lambda d: "/favicon.ico", dict.fromkeys(ROLES, 301)),
    "news:article-list": (lambda d: reverse("news:article-list"), EVERYONE),
    "news:feed": (lambda d: reverse("news:feed"), EVERYONE),
    "news:category": (lambda d: d["article"].category.get_absolute_url(), EVERYONE),
    "news:article-detail": (lambda d: d["article"].get_absolute_url(), EVERYONE),
    "news:draft-detail": (
        lambda d: d["draft"].get_absolute_url(),
        {"anonymous": 404, "school": 404, "center": 200, "admin": 200},
    ),
    "classes:class-list": (lambda d: reverse("classes:class-list"), EVERYONE),
    "classes:class-detail": (lambda d: d["course"].get_absolute_url(), EVERYONE),
    "classes:schedule-feed": (lambda d: reverse("classes:schedule-feed"), EVERYONE),
    "disclosures:document-list": (lambda d: reverse("disclosures:document-list"), EVERYONE),
    "disclosures:compliance": (lambda d: reverse("disclosures:compliance"), EVERYONE),
    "disclosures:document-detail": (lambda d: d["document"].get_absolute_url(), EVERYONE),
    "disclosures:document-download": (
        lambda d: reverse("disclosures:document-download", args=[d["document"].slug]),
        EVERYONE,
    ),
    # The staff's preview of a (school) document's public page, its file, and the page that
    # confirms a first publication (issue 15 item 4): the school's staff only.
    "admin:disclosures_disclosuredocument_preview": (
        lambda d: reverse("admin:disclosures_disclosuredocument_preview", args=[d["draft_doc"].pk]),
        staff_only("school", denied=404),
    ),
    "admin:disclosures_disclosuredocument_preview_file": (
        lambda d: reverse(
            "admin:disclosures_disclosuredocument_preview_file", args=[d["draft_doc"].pk]
        ),
        staff_only("school", denied=404),
    ),
    "admin:disclosures_disclosuredocument_publish": (
        lambda d: reverse("admin:disclosures_disclosuredocument_publish", args=[d["draft_doc"].pk]),
        staff_only("school", denied=404),
    ),
    "attendance:statistics": (lambda d: reverse("attendance:statistics"), EVERYONE),
    "attendance:statistics-download": (
        lambda d: reverse("attendance:statistics-download", kwargs={"fmt": "csv"}),
        EVERYONE,
    ),
    "attendance:enroll": (
        lambda d: reverse("attendance:enroll", args=[d["course"].slug]),
        EVERYONE,
    ),
    # A villager's own enrollment, by code and phone (POSTed; a GET shows the empty form).
    "attendance:enrollment-lookup": (lambda d: reverse("attendance:enrollment-lookup"), EVERYONE),
    # Issue 16: questions and answers. Without a question just sent there is no thank-you.
    "questions:question-list": (lambda d: reverse("questions:question-list"), EVERYONE),
    "questions:question-detail": (lambda d: d["question"].get_absolute_url(), EVERYONE),
    "questions:question-ask": (lambda d: reverse("questions:question-ask"), EVERYONE),
    "questions:question-asked": (
        lambda d: reverse("questions:question-asked"),
        dict.fromkeys(ROLES, 302),
    ),
    "documents:document-list": (lambda d: reverse("documents:document-list"), EVERYONE),
    "documents:document-detail": (lambda d: d["legal"].get_absolute_url(), EVERYONE),
    "agenda:week": (lambda d: reverse("agenda:week"), EVERYONE),
    "agenda:feed": (lambda d: reverse("agenda:feed"), EVERYONE),
    # Issue 16, part 2: photo albums.
    "gallery:album-list": (lambda d: reverse("gallery:album-list"), EVERYONE),
    "gallery:album-detail": (lambda d: d["album"].get_absolute_url(), EVERYONE),
    "gallery:photo-detail": (lambda d: d["album"].get_absolute_url() + "1/", EVERYONE),
    # Without a just-made enrollment in the visitor's session there is nothing to confirm.
    "attendance:enroll-done": (
        lambda d: reverse("attendance:enroll-done", args=[d["course"].slug]),
        dict.fromkeys(ROLES, 302),
    ),
    # The staff home page lists what each staff member may open: any staff account.
    "staff-home": (lambda d: reverse("staff-home"), staff_only("school", "center")),
    # Staff pages outside the admin (/quan-ly/): center staff only.
    "attendance:course-pick": (lambda d: reverse("attendance:course-pick"), staff_only("center")),
    "attendance:session-pick": (
        lambda d: reverse("attendance:session-pick", args=[d["course"].slug]),
        staff_only("center"),
    ),
    "attendance:take-attendance": (
        lambda d: reverse("attendance:take-attendance", args=[d["course"].slug, d["session"].pk]),
        staff_only("center"),
    ),
    "attendance:print-sheet": (
        lambda d: reverse("attendance:print-sheet", args=[d["course"].slug]),
        staff_only("center"),
    ),
    "attendance:class-list-export": (
        lambda d: reverse("attendance:class-list-export", args=[d["course"].slug]),
        staff_only("center"),
    ),
    "attendance:attendance-export": (
        lambda d: reverse("attendance:attendance-export", args=[d["course"].slug]),
        staff_only("center"),
    ),
    "attendance:certificate": (
        lambda d: reverse("attendance:certificate", args=[d["enrollment"].reference]),
        staff_only("center"),
    ),
    "attendance:learner-import": (
        lambda d: reverse("attendance:learner-import"),
        staff_only("center"),
    ),
    "attendance:import-template": (
        lambda d: reverse("attendance:import-template"),
        staff_only("center"),
    ),
    "attendance:learner-data": (
        lambda d: reverse(
            "attendance:learner-data", kwargs={"pk": d["enrollment"].learner_id, "fmt": "json"}
        ),
        staff_only("center"),
    ),
    "attendance:learner-erase": (
        lambda d: reverse("attendance:learner-erase", args=[d["enrollment"].learner_id]),
        staff_only("center"),
    ),
    # The yearly report (tienTan_portal/report_views.py): center staff only.
    "report-years": (lambda d: reverse("report-years"), staff_only("center")),
    "report-year": (lambda d: reverse("report-year", args=[2024]), staff_only("center")),
    "report-pdf": (lambda d: reverse("report-pdf", args=[2024]), staff_only("center")),
    # Publishing is a POST; a GET is refused once the login and permission checks pass.
    "report-publish": (
        lambda d: reverse("report-publish", args=[2024]),
        staff_only("center", denied=403) | {"center": 405, "admin": 405},
    ),
    # The admin's "View on site": a redirect to the public page, only for what the person
    # may see in the admin (tests/security/test_bad_requests.py has the drafts).
    "admin-view-on-site": (
        lambda d: "/admin/r/{}/{}/".format(
            ContentType.objects.get_for_model(d["article"]).pk, d["article"].pk
        ),
        {"anonymous": LOGIN, "school": 404, "center": 302, "admin": 302},
    ),
    # Account pages around the admin login.
    "admin_password_reset": (lambda d: reverse("admin_password_reset"), EVERYONE),
    "password_reset_done": (lambda d: reverse("password_reset_done"), EVERYONE),
    "password_reset_complete": (lambda d: reverse("password_reset_complete"), EVERYONE),
    # The center's pages (issue 8).
    "about-board": (lambda d: reverse("about-board"), EVERYONE),
    "about-partners": (lambda d: reverse("about-partners"), EVERYONE),
    "contact": (lambda d: reverse("contact"), EVERYONE),
    # Posters and loudspeaker scripts (issue 8): public like the page they print.
    "news:article-poster": (
        lambda d: reverse("news:article-poster", args=[d["article"].slug]),
        EVERYONE,
    ),
    "news:article-loudspeaker": (
        lambda d: reverse("news:article-loudspeaker", args=[d["article"].slug]),
        EVERYONE,
    ),
    "news:article-loudspeaker-txt": (
        lambda d: reverse("news:article-loudspeaker-txt", args=[d["article"].slug]),
        EVERYONE,
    ),
    "news:draft-poster": (
        lambda d: reverse("news:article-poster", args=[d["draft"].slug]),
        {"anonymous": 404, "school": 404, "center": 200, "admin": 200},
    ),
    "news:draft-loudspeaker-txt": (
        lambda d: reverse("news:article-loudspeaker-txt", args=[d["draft"].slug]),
        {"anonymous": 404, "school": 404, "center": 200, "admin": 200},
    ),
    "classes:class-poster": (
        lambda d: reverse("classes:class-poster", args=[d["course"].slug]),
        EVERYONE,
    ),
    "classes:class-loudspeaker": (
        lambda d: reverse("classes:class-loudspeaker", args=[d["course"].slug]),
        EVERYONE,
    ),
    "classes:class-loudspeaker-txt": (
        lambda d: reverse("classes:class-loudspeaker-txt", args=[d["course"].slug]),
        EVERYONE,
    ),
    # The rich-text editor's picture upload (issue 15): POST only, so every GET is 405;
    # who may post is tested in tests/core/test_rich_text_images.py.
    "rich-text-image-upload": (
        lambda d: reverse("rich-text-image-upload"),
        dict.fromkeys(ROLES, 405),
    ),
    # The learning-community self-assessment (issue 8): the commune's file, center staff only.
    "assessment-list": (lambda d: reverse("assessment-list"), staff_only("center")),
    "assessment-checklist": (
        lambda d: reverse("assessment-checklist", args=[d["assessment"].year]),
        staff_only("center"),
    ),
    "assessment-print": (
        lambda d: reverse("assessment-print", args=[d["assessment"].year]),
        staff_only("center"),
    ),
    # Learning-needs survey (issue 8): the form and the blank paper version are public; the
    # answers only ever reach center staff.
    "attendance:survey": (lambda d: reverse("attendance:survey"), EVERYONE),
    "attendance:survey-thanks": (lambda d: reverse("attendance:survey-thanks"), EVERYONE),
    "attendance:survey-paper": (lambda d: reverse("attendance:survey-paper"), EVERYONE),
    "attendance:survey-demand": (
        lambda d: reverse("attendance:survey-demand"),
        staff_only("center"),
    ),
    "attendance:survey-demand-download": (
        lambda d: reverse("attendance:survey-demand-download", kwargs={"fmt": "csv"}),
        staff_only("center"),
    ),
    "attendance:survey-entry": (lambda d: reverse("attendance:survey-entry"), staff_only("center")),
    "attendance:survey-interested": (
        lambda d: reverse("attendance:survey-interested") + "?chu-de=kind:it",
        staff_only("center"),
    ),
    # POST only: a GET by someone allowed is 405 (tests/survey/test_survey.py posts).
    "attendance:survey-draft-course": (
        lambda d: reverse("attendance:survey-draft-course"),
        {"anonymous": LOGIN, "school": 403, "center": 405, "admin": 405},
    ),
}

# URLs reached only with a one-time token or as a step of a flow tested elsewhere.
NOT_WALKED = {
    "password_reset_confirm": "needs a mailed token; tests/security/test_accounts.py",
}

# Admin: which role's staff may open each app's changelist and add form.
ADMIN_APPS = {
    "news": {"center"},
    "classes": {"center"},
    "attendance": {"center"},
    "survey": {"center"},
    "questions": {"center"},
    "documents": {"center"},
    "agenda": {"center"},
    "gallery": {"center"},
    "organizations": {"school", "center"},
    "disclosures": {"school", "center"},
    "assessment": {"center"},
    "auth": set(),
    "axes": set(),
    # The shared tools: administrators only, but the commune's hamlets (the enrollment
    # form's and the survey's list), which the center keeps.
    "core": set(),
    "core.hamlet": {"center"},
}


def walk(patterns=None, namespace=""):
    """(name, route) of every named URL, admin included."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or entry.pattern}", entry


def site_urls():
    return {name for name, _ in walk() if not name.startswith("admin:")}


@pytest.fixture
def users():
    return {
        "anonymous": None,
        "school": school_staff(),
        "center": center_staff(),
        "admin": administrator(),
    }


@pytest.fixture
def data():
    from django.utils import timezone

    from assessment.models import SelfAssessment
    from documents.models import LegalDocument
    from news.models import Article
    from organizations.models import Organization
    from organizations.seed import ensure_organizations
    from questions.models import Question
    from tests.attendance.factories import EnrollmentFactory
    from tests.classes.factories import CourseFactory, SessionFactory
    from tests.disclosures.factories import DocumentFactory
    from tests.news.factories import ArticleFactory

    ensure_organizations(Organization)
    course = CourseFactory(title="Lớp tin học cơ bản")
    return {
        "article": ArticleFactory(title="Bài công khai"),
        "draft": ArticleFactory(title="Bài nháp", status=Article.Status.DRAFT),
        "course": course,
        "session": SessionFactory(course=course, date=timezone.localdate()),
        "enrollment": EnrollmentFactory(course=course),
        "document": DocumentFactory(),
        "draft_doc": DocumentFactory(status="draft"),
        "assessment": SelfAssessment.objects.create(year=2025),
        "legal": LegalDocument.objects.create(
            title="Luật Giáo dục",
            number="43/2019/QH14",
            issuer="Quốc hội",
            issued_on=timezone.localdate(),
            source_url="https://vbpl.vn/",
            status="published",
            published_at=timezone.now(),
        ),
        "question": Question.objects.create(
            title="Hỏi về lớp",
            body="Khi nào?",
            answer="Tháng sau.",
            status="published",
            published_at=timezone.now(),
        ),
        "album": _album(),
    }


def _album():
    from django.utils import timezone

    from gallery.demo import drawn_photo
    from gallery.models import Album, Photo

    album = Album.objects.create(title="Album ảnh", status="published", published_at=timezone.now())
    Photo.objects.create(album=album, image=drawn_photo("", ("#123", "#456"), 1))
    return album


def test_every_url_is_in_the_table():
    missing = site_urls() - set(TABLE) - set(NOT_WALKED)
    assert not missing, f"add these URLs to the access table: {sorted(missing)}"


def test_every_admin_app_is_in_the_table():
    labels = {model._meta.app_label for model in admin.site._registry}
    assert labels <= set(ADMIN_APPS), sorted(labels - set(ADMIN_APPS))


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says(client, users, data, role):
    if users[role]:
        client.force_login(users[role])
    wrong = {}
    for name, (build, expected) in TABLE.items():
        status = client.get(build(data)).status_code
        if status != expected[role]:
            wrong[name] = (status, expected[role])
    assert not wrong, f"{role}: got/expected {wrong}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_only_its_admin_pages(client, users, role):
    if users[role]:
        client.force_login(users[role])
    wrong = {}
    for model in admin.site._registry:
        meta = model._meta
        allowed = ADMIN_APPS.get(meta.label_lower, ADMIN_APPS[meta.app_label])
        for view in ("changelist", "add"):
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}")
            status = client.get(url).status_code
            if role == "anonymous":
                expected = LOGIN
            elif role == "admin" or role in allowed:
                expected = 200
            else:
                expected = 403
            # Some models are never added by hand (e.g. lock-out records); the admin says so.
            model_admin = admin.site._registry[model]
            if (
                view == "add"
                and status == 403
                and expected == 200
                and not model_admin.has_add_permission(_request(users[role]))
            ):
                continue
            if status != expected:
                wrong[url] = (status, expected)
    assert not wrong, f"{role}: got/expected {wrong}"


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request
