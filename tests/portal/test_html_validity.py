"""Every public page type, checked by the Nu HTML checker — what the W3C validator runs.

The pages come from the URL resolver: every named URL outside the staff areas (`/admin/`,
`/quan-ly/`, see `settings.STAFF_URL_PREFIXES`) must have a row in `PAGES`, so a page type
added later fails `test_every_public_url_is_validated` until it is checked here too. A row
fetches the page in each state a visitor meets (a form, the same form re-displayed with
errors, its confirmation...). Answers that are not HTML (feeds, .ics, .txt, .xlsx, .csv,
downloads, robots.txt, the sitemap, /healthz) are recognised by their content type and left
out. The pages around them — error pages, the admin's login and lock-out, the password
reset pages — are fetched as a visitor meets them.

The pages are saved to files and checked by ONE run of vnu.jar (a Java start-up costs more
than checking forty pages), together with a canary page whose errors it must report. Errors
fail the test; warnings are reported (as pytest warnings), except those in
`ALLOWED_WARNINGS`, each with its reason. Besides markup, each page's outline is checked
(tests/html_outline.py): one `<h1>`, no heading level skipped, landmarks of one role told
apart by their names.

vnu.jar comes from npm (`tools/vnu/package.json`, pinned in its lock file; `make test` runs
`npm ci` there) and needs a Java runtime (`.ci/run` installs `default-jre-headless` when
`java` is missing). Without either the test FAILS, saying what to install: a skipped
validator would let invalid pages through CI unseen.
"""

import datetime
import io
import json
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image

from core.middleware import is_staff_path
from tests.attendance.factories import enroll_data
from tests.classes.factories import CourseFactory, PartnerFactory, SessionFactory
from tests.core.test_uploads import PDF
from tests.disclosures.factories import DocumentFactory, center
from tests.factories import center_staff
from tests.html_outline import outline_problems
from tests.news.factories import ArticleFactory, category
from tests.survey.test_survey import survey_data

pytestmark = pytest.mark.django_db

VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR",
        Path(settings.BASE_DIR) / "tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar",
    )
)

# Warnings never fail the test (only errors do); each one is reported as a pytest warning
# unless it is listed here with the reason it is accepted. None is listed today: the pages
# give no warning at all, so any that appears is news worth reading.
ALLOWED_WARNINGS: dict[str, str] = {}


# --- What a visitor is shown ---------------------------------------------------------------


def _picture(size=(1600, 900)):
    """A cover wider than the largest rendition (1080 px), as a phone takes it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 93, 59)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="IMG_0001.jpg")


@pytest.fixture
def site():
    """The demo content (every box and page filled), plus an article with a wide cover, a
    video and attachments, and a class open for enrollment with partners and sessions."""
    call_command("load_demo", stdout=io.StringIO())
    article = ArticleFactory(
        title="Khai giảng lớp tin học cho người cao tuổi",
        category=category("tin-tuc-su-kien"),
        summary="Lớp học dùng điện thoại thông minh và Zalo.",
        body="<p>Lớp có <strong>35</strong> học viên.</p><h2>Lịch học</h2><p>Tối thứ Ba.</p>",
        cover=_picture(),
        cover_alt="Học viên lớp tin học",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        published_at=timezone.now().replace(microsecond=654321) - datetime.timedelta(hours=2),
    )
    article.attachments.create(title="Kế hoạch mở lớp", file=ContentFile(PDF, name="ke-hoach.pdf"))
    article.attachments.create(title="Ảnh lớp học", file=_picture((800, 600)))
    course = CourseFactory(title="Lớp tin học cơ bản cho người cao tuổi")
    course.partners.add(PartnerFactory(name="Hội Người cao tuổi xã"), PartnerFactory())
    for days in (7, 9):
        SessionFactory(course=course, date=timezone.localdate() + datetime.timedelta(days=days))
    closed = CourseFactory(
        title="Lớp đã đóng đăng ký",
        enrollment_closes=timezone.localdate() - datetime.timedelta(days=1),
    )
    return {
        "article": article,
        "course": course,
        "closed": closed,
        "document": DocumentFactory(summary="<p>Báo cáo công khai năm học 2025-2026.</p>"),
    }


def _get(url):
    return lambda client, d: [("", client.get(url))]


def _news_category(client, d):
    return [("", client.get(d["article"].category.get_absolute_url()))]


def _search(client, d):
    return [
        ("results", client.get("/tim-kiem/", {"q": "tin hoc"})),
        ("nothing-found", client.get("/tim-kiem/", {"q": "khongcogi"})),
        ("empty", client.get("/tim-kiem/")),
    ]


def _enroll(client, d):
    url = f"/lop-hoc/{d['course'].slug}/dang-ky/"
    return [
        ("form", client.get(url)),
        ("errors", client.post(url, enroll_data(full_name="", consent=""))),
        ("closed", client.get(f"/lop-hoc/{d['closed'].slug}/dang-ky/")),
    ]


def _enroll_done(client, d):
    url = f"/lop-hoc/{d['course'].slug}/dang-ky/"
    done = client.post(url, enroll_data(), follow=True)
    assert done.redirect_chain, "a valid enrollment redirects to its confirmation"
    return [("", done)]


def _enrollment_lookup(client, d):
    done = client.post(f"/lop-hoc/{d['course'].slug}/dang-ky/", enroll_data(), follow=True)
    reference = done.context["reference"]
    return [
        ("form", client.get("/tra-cuu-dang-ky/")),
        (
            "found",
            client.post("/tra-cuu-dang-ky/", {"reference": reference, "phone": "0912345678"}),
        ),
        (
            "not-found",
            client.post("/tra-cuu-dang-ky/", {"reference": "22222A", "phone": "0900000000"}),
        ),
        ("errors", client.post("/tra-cuu-dang-ky/", {"reference": "x", "phone": ""})),
    ]


def _question(client, d):
    from questions.models import Question

    return Question.objects.create(
        title="Khi nào mở lớp tin học?",
        body="Tôi muốn học.\n\nCó mất tiền không?",
        asker_name="Bác Hùng",
        show_name=True,
        answer="Tháng 12.\n\nKhông mất tiền.",
        status="published",
        published_at=timezone.now(),
    )


def _questions(client, d):
    _question(client, d)
    return [
        ("", client.get("/hoi-dap/")),
        ("found", client.get("/hoi-dap/", {"q": "tin hoc"})),
        ("nothing-found", client.get("/hoi-dap/", {"q": "khongcogi"})),
    ]


def _ask(client, d):
    return [
        ("form", client.get("/hoi-dap/gui/")),
        ("errors", client.post("/hoi-dap/gui/", {"title": "", "phone": "x"})),
    ]


def _asked(client, d):
    asked = client.post("/hoi-dap/gui/", {"title": "Hỏi", "body": "Hỏi gì?"}, follow=True)
    assert asked.redirect_chain, "a question sent redirects to the thank-you page"
    return [("", asked)]


def _legal(client, d):
    from documents.models import LegalDocument

    return LegalDocument.objects.create(
        title="Luật Giáo dục",
        number="43/2019/QH14",
        kind="law",
        issuer="Quốc hội",
        issued_on=datetime.date(2019, 6, 14),
        effective_on=datetime.date(2020, 7, 1),
        summary="Giáo dục thường xuyên.\n\nTrung tâm học tập cộng đồng.",
        file=ContentFile(PDF, name="luat.pdf"),
        source_url="https://vbpl.vn/",
        status="published",
        published_at=timezone.now(),
    )


def _documents(client, d):
    _legal(client, d)
    return [
        ("", client.get("/van-ban/")),
        ("filtered", client.get("/van-ban/", {"kind": "law", "year": "2019", "q": "giao duc"})),
        ("bad-filter", client.get("/van-ban/", {"kind": "nope"})),
        ("nothing-found", client.get("/van-ban/", {"q": "khongcogi"})),
    ]


def _agenda(client, d):
    from agenda.models import Event

    today = timezone.localdate()
    Event.objects.create(title="Giao ban tuần", date=today, start_time=datetime.time(7, 30),
                         end_time=datetime.time(9), place="Phòng họp", chaired_by="Giám đốc",
                         participants="Cán bộ", description="Mang sổ.")  # fmt: skip
    Event.objects.create(title="Tuyên truyền", date=today)
    return [
        ("", client.get("/lich-cong-tac/")),
        ("next-week", client.get("/lich-cong-tac/", {"tuan": "2030-W10"})),
        ("bad-week", client.get("/lich-cong-tac/", {"tuan": "x"})),
    ]


def _survey(client, d):
    return [
        ("form", client.get("/khao-sat/")),
        ("errors", client.post("/khao-sat/", survey_data(hamlet="", kinds=[]))),
    ]


def _survey_thanks(client, d):
    thanks = client.post("/khao-sat/", survey_data(), follow=True)
    assert thanks.redirect_chain, "a valid answer redirects to the thank-you page"
    return [("", thanks)]


def _album(client, d):
    """A published album tied to the article and the class, with two photos (made once)."""
    from gallery.demo import drawn_photo
    from gallery.models import Album, Photo

    album = Album.objects.filter(slug="ngay-hoi-doc-sach").first()
    if album is None:
        album = Album.objects.create(
            title="Ngày hội đọc sách",
            description="Bà con cùng đọc sách.\n\nCác cháu đổi truyện.",
            status="published",
            published_at=timezone.now(),
            article=d["article"],
            course=d["course"],
        )
        for n in (1, 2):
            Photo.objects.create(
                album=album, image=drawn_photo("", ("#2e7d32", "#fdd835"), n), caption=f"Ảnh {n}"
            )
    return album


def _albums(client, d):
    album = _album(client, d)
    return [
        ("", client.get("/thu-vien-anh/")),
        ("article-links-album", client.get(d["article"].get_absolute_url())),
        ("class-links-album", client.get(d["course"].get_absolute_url())),
        ("album", client.get(album.get_absolute_url())),
    ]


def _of(key, suffix):
    return lambda client, d: [("", client.get(d[key].get_absolute_url() + suffix))]


# Every public URL name → the page in each state a visitor meets; status 200 unless said.
PAGES = {
    "home": _get("/"),
    "search": _search,
    "about": _get("/gioi-thieu/"),
    "about-board": _get("/gioi-thieu/ban-giam-doc/"),
    "about-partners": _get("/gioi-thieu/doi-tac/"),
    "contact": _get("/lien-he/"),
    "privacy": _get("/chinh-sach-rieng-tu/"),
    "healthz": _get("/healthz"),
    "robots-txt": _get("/robots.txt"),
    "favicon": _get("/favicon.ico"),
    "sitemap": _get("/sitemap.xml"),
    "news:article-list": _get("/tin-tuc/"),
    "news:feed": _get("/tin-tuc/rss/"),
    "news:category": _news_category,
    "news:article-detail": _of("article", ""),
    "news:article-poster": _of("article", "to-roi/"),
    "news:article-loudspeaker": _of("article", "loa/"),
    "news:article-loudspeaker-txt": lambda client, d: [
        ("", client.get(d["article"].get_absolute_url().rstrip("/") + "/loa.txt"))
    ],
    "classes:class-list": lambda client, d: [
        ("", client.get("/lop-hoc/")),
        ("filtered", client.get("/lop-hoc/", {"kind": "it", "open": "on"})),
    ],
    "classes:schedule-feed": _get("/lop-hoc/lich.ics"),
    "classes:class-detail": _of("course", ""),
    "classes:class-poster": _of("course", "to-roi/"),
    "classes:class-loudspeaker": _of("course", "loa/"),
    "classes:class-loudspeaker-txt": lambda client, d: [
        ("", client.get(d["course"].get_absolute_url().rstrip("/") + "/loa.txt"))
    ],
    "attendance:enroll": _enroll,
    "attendance:enroll-done": _enroll_done,
    "attendance:enrollment-lookup": _enrollment_lookup,
    "questions:question-list": _questions,
    "documents:document-list": _documents,
    "agenda:week": _agenda,
    "agenda:feed": _get("/lich-cong-tac/lich.ics"),
    "documents:document-detail": lambda client, d: [
        ("", client.get(_legal(client, d).get_absolute_url()))
    ],
    "questions:question-ask": _ask,
    "questions:question-asked": _asked,
    "questions:question-detail": lambda client, d: [
        ("", client.get(_question(client, d).get_absolute_url()))
    ],
    # Issue 16, part 2: photo albums.
    "gallery:album-list": _albums,
    "gallery:album-detail": lambda client, d: [
        ("", client.get(_album(client, d).get_absolute_url()))
    ],
    "gallery:photo-detail": lambda client, d: [
        ("first", client.get(_album(client, d).get_absolute_url() + "1/")),
        ("last", client.get(_album(client, d).get_absolute_url() + "2/")),
    ],
    "attendance:statistics": _get("/thong-ke/"),
    "attendance:statistics-download": lambda client, d: [
        ("xlsx", client.get("/thong-ke/tai-ve.xlsx")),
        ("csv", client.get("/thong-ke/tai-ve.csv")),
    ],
    "attendance:survey": _survey,
    "attendance:survey-thanks": _survey_thanks,
    "attendance:survey-paper": _get("/khao-sat/in/"),
    "disclosures:document-list": _get("/cong-khai/"),
    "disclosures:compliance": _get("/cong-khai/lich-cong-khai/"),
    "disclosures:document-detail": _of("document", ""),
    "disclosures:document-download": _of("document", "tai-ve/"),
    # --- reading comfort (issue 16 part 6): the switch redirects; a page in large text ---
    "text-size": lambda client, d: [
        ("", Client().get("/co-chu/?c=lon&next=/")),
        ("followed", Client().get("/co-chu/?c=rat-lon&next=/tin-tuc/", follow=True)),
    ],
}

EXPECTED_STATUS = {
    "text-size": 302,
    "favicon": 301,
    "attendance:enroll/errors": 400,
    "attendance:survey/errors": 400,
    "attendance:enrollment-lookup/not-found": 404,
    "questions:question-ask/errors": 400,
    "attendance:enrollment-lookup/errors": 400,
}


def _visitor_pages(client, data):
    """(label, response) of every public page in every state, with its status checked."""
    pages = []
    for name, fetch in PAGES.items():
        for state, response in fetch(client, data):
            label = f"{name}/{state}" if state else name
            assert response.status_code == EXPECTED_STATUS.get(label, 200), label
            pages.append((label, response))
    return pages


def _pages_around(client, monkeypatch, settings):
    """Error pages, the admin's login and lock-out, and the password reset pages."""
    pages = [("404", client.get("/khong-co-trang-nay/"), 404)]
    # A request Django finds malformed (a username longer than any account's, refused before
    # any lookup): the site's 400 page.
    long_name = {"username": "x" * 200, "password": "y"}
    pages.append(("400", client.post("/admin/login/", long_name), 400))
    # A host no center answers at, and no host name at all: the hosting operator's page.
    pages.append(("unknown host", client.get("/", HTTP_HOST="gia-mao.example.com"), 404))
    pages.append(("bad host", client.get("/", HTTP_HOST="gia-mao.example.com:xx"), 400))
    strict = Client(enforce_csrf_checks=True)
    pages.append(("403-csrf", strict.post("/khao-sat/", survey_data()), 403))

    from news import selectors

    def failing(error):
        def fail(*args, **kwargs):
            raise error

        return fail

    monkeypatch.setattr(selectors, "home_context", failing(OperationalError("down")))
    pages.append(("503", client.get("/"), 503))
    monkeypatch.setattr(selectors, "home_context", failing(RuntimeError("bug")))
    quiet = Client(raise_request_exception=False)
    pages.append(("500", quiet.get("/"), 500))
    monkeypatch.undo()

    pages.append(("admin-login", client.get("/admin/login/"), 200))
    wrong = {"username": "lan", "password": "sai-mat-khau"}
    pages.append(("admin-login/errors", client.post("/admin/login/", wrong), 200))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = client.post("/admin/login/", wrong)
    pages.append(("lockout", locked, 429))

    user = center_staff(email="lan@tientan.example.vn")
    pages.append(("password-reset", client.get("/admin/password_reset/"), 200))
    pages.append(("password-reset-done", client.get("/admin/password_reset/done/"), 200))
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    reset = client.get(f"/admin/reset/{uid}/{token}/", follow=True)
    pages.append(("password-reset-confirm", reset, 200))
    pages.append(("password-reset-complete", client.get("/admin/reset/done/"), 200))

    # The staff's preview of a draft disclosure is the public page with a banner.
    staff = Client()
    staff.force_login(user)
    draft = DocumentFactory(status="draft", organization=center())
    preview = f"/admin/disclosures/disclosuredocument/{draft.pk}/preview/"
    pages.append(("disclosure-preview", staff.get(preview), 200))
    return pages


def _html(response):
    return response["Content-Type"].startswith("text/html") and response.content


# --- The Nu HTML checker ---------------------------------------------------------------------


def vnu_command():
    java = shutil.which("java")
    if not java:
        pytest.fail(
            "The Nu HTML checker needs a Java runtime and `java` is not on PATH. Install one "
            "(Debian: apt-get install default-jre-headless); .ci/run does this in CI."
        )
    if not VNU_JAR.is_file():
        pytest.fail(
            f"The Nu HTML checker is missing: {VNU_JAR} does not exist. Run `make test` (it "
            "runs `npm ci --ignore-scripts` in tools/vnu), or run that yourself; VNU_JAR "
            "overrides the path."
        )
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--also-check-svg"]


def run_vnu(files):
    """vnu's messages about `files`, from one Java run: (errors, warnings)."""
    result = subprocess.run(  # noqa: S603 - our own command line, no shell
        [*vnu_command(), *map(str, files)], capture_output=True, text=True, timeout=600
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report (exit {result.returncode}): {result.stderr}")
    errors = [m for m in messages if m.get("type") != "info"]
    warned = [m for m in messages if m.get("type") == "info" and m.get("subType") == "warning"]
    return errors, warned


def describe(message):
    where = message.get("url", "").rsplit("/", 1)[-1]
    line = message.get("lastLine", "?")
    extract = (message.get("extract") or "").strip().replace("\n", " ")[:160]
    return f"{where}:{line}: {message.get('message')}  «{extract}»"


def test_a_missing_java_or_checker_fails_the_suite(monkeypatch, tmp_path):
    """Never a skip: CI must not pass with the validator silently absent."""
    import tests.portal.test_html_validity as module

    monkeypatch.setattr(module, "VNU_JAR", tmp_path / "vnu.jar")
    with pytest.raises(pytest.fail.Exception, match="npm ci --ignore-scripts"):
        vnu_command()
    monkeypatch.setattr(module.shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="default-jre-headless"):
        vnu_command()


# A page with two errors the checker must find, checked in the same run as the site's pages:
# a run that reports nothing about it has not checked anything (a broken jar, a changed
# report format), and the test says so instead of passing.
CANARY = (
    '<!doctype html><html lang="vi"><head><title>x</title></head><body>'
    '<time datetime="2025-12-07T08:30:00.123456+07:00">7/12</time>'
    '<img src="a.jpg" alt="" srcset="a.jpg 1080w, b.jpg 1080w" sizes="100vw">'
    "</body></html>"
)


def test_every_public_page_is_valid_html(client, site, monkeypatch, settings, tmp_path):
    pages = [(label, r, None) for label, r in _visitor_pages(client, site)]
    for label, response, status in _pages_around(client, monkeypatch, settings):
        assert response.status_code == status, label
        pages.append((label, response, status))
    # Too many forms from one address this hour: the pages that say so.
    settings.ENROLL_RATE_LIMIT = "1/h"
    settings.QUESTION_RATE_LIMIT = "1/h"
    course_url = f"/lop-hoc/{site['course'].slug}/dang-ky/"
    for label, url, data in (
        ("enroll-limited", course_url, enroll_data(full_name="Lê Văn Ba")),
        ("survey-limited", "/khao-sat/", survey_data()),
        ("question-limited", "/hoi-dap/gui/", {"title": "Hỏi", "body": "Hỏi gì?"}),
    ):
        client.post(url, data)
        response = client.post(url, data)
        assert response.status_code == 429, label
        pages.append((label, response, 429))

    folder = tmp_path / "pages"
    folder.mkdir()
    files, outline = [], []
    for label, response, _status in pages:
        if not _html(response):
            continue  # a feed, a download, a redirect: not an HTML page
        html = response.content.decode()
        path = folder / (re.sub(r"[^a-z0-9]+", "-", label.lower()) + ".html")
        path.write_text(html, encoding="utf-8")
        files.append(path)
        if not label.startswith(("admin-login", "password-reset")):  # Django's admin pages
            outline += [f"{label}: {problem}" for problem in outline_problems(html)]
    assert len(files) >= 45, f"only {len(files)} HTML pages were fetched"
    files += sorted(Path(settings.BASE_DIR, "static").rglob("*.svg"))
    canary = tmp_path / "canary-invalid.html"
    canary.write_text(CANARY, encoding="utf-8")

    errors, warned = run_vnu([*files, canary])
    caught = [describe(m) for m in errors if m.get("url", "").endswith(canary.name)]
    assert any("datetime" in c for c in caught) and any("srcset" in c for c in caught), (
        f"vnu.jar did not report the canary page's errors, so it checked nothing: {caught}"
    )
    errors = [m for m in errors if not m.get("url", "").endswith(canary.name)]
    for message in warned:
        if message.get("message") not in ALLOWED_WARNINGS:
            warnings.warn(f"vnu: {describe(message)}", stacklevel=1)
    problems = [describe(m) for m in errors] + outline
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


# --- Nothing public escapes -------------------------------------------------------------------


def _routes(patterns=None, prefix="", namespace=""):
    """(name, route) of every named URL, the route with its parents' prefixes."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, route, inner)
        else:
            yield f"{namespace}{entry.name or entry.pattern}", "/" + route


def test_every_public_url_is_validated():
    public = {name for name, route in _routes() if not is_staff_path(route)}
    assert "news:article-detail" in public and "attendance:course-pick" not in public
    missing = public - set(PAGES)
    assert not missing, f"add these public pages to PAGES: {sorted(missing)}"
