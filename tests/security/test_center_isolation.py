"""The isolation walk (issue 14, item 2): every URL of the site, filled with the objects of two
centers, asked at center A's host by every role, must show nothing of center B.

Two centers with every kind of row (tests/security/two_centers.py): everything of B is named
"BRAVOZX", everything of A "ALPHAQW". Each URL pattern of the resolver (the admin's included:
every registered model's list, search, add, change, delete and history pages, every
autocomplete, the custom admin views) is filled with A's objects and with B's, and requested
first at B's host (which warms every cache a page reads: the anonymous page cache is on) and
then at A's host, following redirects. A's answers must not carry "bravozx" in any case — in
the body, a header (Location, Content-Disposition), an .xlsx's sheets, a PDF's text — and
B's answers nothing of A; no answer may be a 500. A URL the walk cannot fill is listed in
NOT_WALKED with the reason; a new URL in neither place fails `test_every_url_is_walked`.
"""

import io
import re
import zipfile
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode

from core.models import Membership
from core.tenancy import CenterOwned, use_center
from core.text import fold
from tests.factories import UserFactory, administrator
from tests.security import two_centers
from tests.security.two_centers import A_HOST, A_MARK, B_MARK

pytestmark = pytest.mark.django_db

B_HOST = "testserver"
OPERATOR_HOST = "quantri.test"


def const(path):
    return ("once", lambda d: [path])


def each(*builders):
    """URLs built from one center's objects (`d`), for A's and for B's."""
    return ("each", lambda d: [b(d) for b in builders])


# URL name → how to fill it. "once": the path has no parameters; "each": once per center.
TABLE = {
    "home": const("/"),
    "search": each(lambda d: f"/tim-kiem/?q={d['term']}", lambda d: f"/tim-kiem/?q={d['name']}"),
    "privacy": const(reverse("privacy")),
    "healthz": const(reverse("healthz")),
    "robots-txt": const(reverse("robots-txt")),
    # --- reading comfort (issue 16 part 6) ---
    "text-size": const(reverse("text-size") + "?c=lon&next=/tin-tuc/"),
    "favicon": const("/favicon.ico"),
    "sitemap": const(reverse("sitemap")),
    "staff-home": const(reverse("staff-home")),
    "report-years": const(reverse("report-years")),
    "report-year": each(lambda d: reverse("report-year", args=[d["year"]])),
    "report-pdf": each(lambda d: reverse("report-pdf", args=[d["year"]])),
    "report-publish": each(lambda d: reverse("report-publish", args=[d["year"]])),
    "news:article-list": const(reverse("news:article-list")),
    "news:feed": const(reverse("news:feed")),
    "news:category": each(lambda d: reverse("news:category", args=[d["category"].slug])),
    "news:article-detail": each(
        lambda d: d["article"].get_absolute_url(), lambda d: d["draft"].get_absolute_url()
    ),
    **{
        f"news:article-{view}": each(
            lambda d, v=view: reverse(f"news:article-{v}", args=[d["article"].slug]),
            lambda d, v=view: reverse(f"news:article-{v}", args=[d["draft"].slug]),
        )
        for view in ("poster", "loudspeaker", "loudspeaker-txt")
    },
    "classes:class-list": const(reverse("classes:class-list")),
    "classes:schedule-feed": const(reverse("classes:schedule-feed")),
    **{
        f"classes:class-{view}": each(
            lambda d, v=view: reverse(f"classes:class-{v}", args=[d["course"].slug])
        )
        for view in ("detail", "poster", "loudspeaker", "loudspeaker-txt")
    },
    "disclosures:document-list": const(reverse("disclosures:document-list")),
    "disclosures:compliance": const(reverse("disclosures:compliance")),
    **{
        f"disclosures:document-{view}": each(
            lambda d, v=view: reverse(f"disclosures:document-{v}", args=[d["document"].slug]),
            lambda d, v=view: reverse(f"disclosures:document-{v}", args=[d["draft_doc"].slug]),
        )
        for view in ("detail", "download")
    },
    "rich-text-image-upload": const(reverse("rich-text-image-upload")),
    "attendance:statistics": const(reverse("attendance:statistics")),
    "attendance:statistics-download": (
        "once",
        lambda d: [
            reverse("attendance:statistics-download", kwargs={"fmt": fmt})
            for fmt in ("xlsx", "csv")
        ],
    ),
    **{
        f"attendance:{name}": each(
            lambda d, n=name: reverse(f"attendance:{n}", args=[d["course"].slug])
        )
        for name in (
            "enroll",
            "enroll-done",
            "session-pick",
            "print-sheet",
            "class-list-export",
            "attendance-export",
        )
    },
    "attendance:course-pick": const(reverse("attendance:course-pick")),
    # Looked up by POST (code and phone): see test_a_lookup_at_one_center_finds_only_its_own.
    "attendance:enrollment-lookup": const(reverse("attendance:enrollment-lookup")),
    "attendance:take-attendance": each(
        lambda d: reverse("attendance:take-attendance", args=[d["course"].slug, d["session"].pk])
    ),
    "attendance:certificate": each(
        lambda d: reverse("attendance:certificate", args=[d["enrollment"].reference])
    ),
    "attendance:learner-import": const(reverse("attendance:learner-import")),
    "attendance:import-template": const(reverse("attendance:import-template")),
    "attendance:learner-data": (
        "each",
        lambda d: [
            reverse("attendance:learner-data", kwargs={"pk": d["learner"].pk, "fmt": fmt})
            for fmt in ("json", "xlsx")
        ],
    ),
    "attendance:learner-erase": each(
        lambda d: reverse("attendance:learner-erase", args=[d["learner"].pk])
    ),
    "attendance:survey": const(reverse("attendance:survey")),
    "attendance:survey-thanks": const(reverse("attendance:survey-thanks")),
    "attendance:survey-paper": const(reverse("attendance:survey-paper")),
    "attendance:survey-demand": const(reverse("attendance:survey-demand")),
    "attendance:survey-demand-download": (
        "once",
        lambda d: [
            reverse("attendance:survey-demand-download", kwargs={"fmt": fmt})
            for fmt in ("xlsx", "csv")
        ],
    ),
    "attendance:survey-entry": const(reverse("attendance:survey-entry")),
    "attendance:survey-draft-course": const(reverse("attendance:survey-draft-course")),
    "attendance:survey-interested": each(
        lambda d: reverse("attendance:survey-interested") + "?chu-de=kind:technical",
        lambda d: reverse("attendance:survey-interested") + f"?chu-de=free:{d['term']}",
    ),
    "admin_password_reset": const(reverse("admin_password_reset")),
    "password_reset_done": const(reverse("password_reset_done")),
    "password_reset_complete": const(reverse("password_reset_complete")),
    # A one-time link mailed to one center's staff member, opened at the other's host.
    "password_reset_confirm": each(
        lambda d: reverse(
            "password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(d["staff"].pk)),
                default_token_generator.make_token(d["staff"]),
            ],
        )
    ),
    "admin-view-on-site": each(
        lambda d: f"/admin/r/{d['content_type'].pk}/{d['article'].pk}/",
        lambda d: f"/admin/r/{d['content_type'].pk}/{d['draft'].pk}/",
    ),
    # Issue 16: questions and answers.
    "questions:question-list": each(
        lambda d: reverse("questions:question-list"),
        lambda d: reverse("questions:question-list") + f"?q={d['term']}",
    ),
    "questions:question-detail": each(
        lambda d: d["question"].get_absolute_url(),
        lambda d: d["waiting_question"].get_absolute_url(),
    ),
    "questions:question-ask": const(reverse("questions:question-ask")),
    "questions:question-asked": const(reverse("questions:question-asked")),
    # Issue 16: the documents library.
    "documents:document-list": each(
        lambda d: reverse("documents:document-list"),
        lambda d: reverse("documents:document-list") + f"?q={d['term']}",
        lambda d: reverse("documents:document-list") + f"?issuer=UBND+xã+{d['mark']}",
    ),
    "documents:document-detail": each(
        lambda d: d["legal"].get_absolute_url(), lambda d: d["legal_draft"].get_absolute_url()
    ),
    # Issue 16: the work calendar.
    "agenda:week": (
        "once",
        lambda d: ["/lich-cong-tac/", "/lich-cong-tac/?tuan=2026-W50", "/lich-cong-tac/?tuan=x"],
    ),
    "agenda:feed": const("/lich-cong-tac/lich.ics"),
    # Issue 16, part 2: photo albums.
    "gallery:album-list": const(reverse("gallery:album-list")),
    "gallery:album-detail": each(
        lambda d: d["album"].get_absolute_url(),
        lambda d: d["draft_album"].get_absolute_url(),
    ),
    "gallery:photo-detail": each(
        lambda d: d["album"].get_absolute_url() + "1/",
        lambda d: d["draft_album"].get_absolute_url() + "1/",
    ),
    "about": const(reverse("about")),
    "about-board": const(reverse("about-board")),
    "contact": const(reverse("contact")),
    "about-partners": const(reverse("about-partners")),
    "assessment-list": const(reverse("assessment-list")),
    "assessment-checklist": each(lambda d: reverse("assessment-checklist", args=[2025])),
    "assessment-print": each(lambda d: reverse("assessment-print", args=[2025])),
    # The admin's own pages beside its per-model ones (those are walked from its registry).
    "admin:index": const("/admin/"),
    "admin:login": const("/admin/login/"),
    "admin:logout": const("/admin/logout/"),  # a GET is refused (405): nobody is signed out
    "admin:jsi18n": const("/admin/jsi18n/"),
    "admin:password_change": const("/admin/password_change/"),
    "admin:password_change_done": const("/admin/password_change/done/"),
    "admin:view_on_site": each(lambda d: f"/admin/r/{d['content_type'].pk}/{d['article'].pk}/"),
    "admin:app_list": (
        "once",
        lambda d: [
            f"/admin/{label}/"
            for label in sorted({m._meta.app_label for m in admin.site._registry})
        ],
    ),
    "admin:(?P<url>.*)$": const("/admin/khong-co-trang-nay/"),
    "admin:autocomplete": ("each", lambda d: autocomplete_urls(d)),
    "admin:classes_course_generate_sessions": each(
        lambda d: reverse("admin:classes_course_generate_sessions", args=[d["course"].pk])
    ),
    "admin:disclosures_compliance": const(reverse("admin:disclosures_compliance")),
    **{
        f"admin:disclosures_disclosuredocument_{view}": each(
            lambda d, v=view: reverse(
                f"admin:disclosures_disclosuredocument_{v}", args=[d["draft_doc"].pk]
            ),
            lambda d, v=view: reverse(
                f"admin:disclosures_disclosuredocument_{v}", args=[d["document"].pk]
            ),
        )
        for view in ("preview", "preview_file", "publish")
    },
}

# Every registered model's own admin pages: walked from `admin.site._registry` below.
ADMIN_MODEL_PAGES = re.compile(
    r"^admin:(\w+_\w+_(changelist|add|change|delete|history)|<path:object_id>/)$"
)

# URLs the walk cannot fill, each with the reason. (None today.)
NOT_WALKED: dict[str, str] = {}


def walk(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or entry.pattern}", entry


def test_every_url_is_walked():
    names = {name for name, _ in walk()}
    missing = {n for n in names if n not in TABLE and n not in NOT_WALKED}
    missing = {n for n in missing if not ADMIN_MODEL_PAGES.match(n)}
    assert not missing, f"walk these URLs in TABLE, or say in NOT_WALKED why not: {sorted(missing)}"
    assert not set(TABLE) - names, "TABLE names URLs that no longer exist"


# -- admin pages from the registry -------------------------------------------------------------


def admin_objects(model, d):
    """The rows of `model` the walk opens in the admin for one center."""
    if issubclass(model, CenterOwned):
        return list(model.all_centers.filter(center=d["center"]).order_by("pk")[:2])
    if model._meta.label == "auth.User":
        return [d["staff"]]
    return list(model._default_manager.order_by("pk")[:1])


def admin_model_urls(d):
    urls = []
    for model in admin.site._registry:
        meta = model._meta
        base = f"/admin/{meta.app_label}/{meta.model_name}/"
        urls += [base, f"{base}?q={d['term']}", f"{base}add/"]
        for obj in admin_objects(model, d):
            urls += [f"{base}{obj.pk}/{page}" for page in ("change/", "delete/", "history/", "")]
    return urls


def autocomplete_urls(d):
    """Every autocomplete the admin serves: each ForeignKey or many-to-many field named in an
    `autocomplete_fields`, with no term (everything) and with each center's marker."""
    urls = []
    for model, model_admin in admin.site._registry.items():
        for field_name in model_admin.get_autocomplete_fields(None) or ():
            for term in ("", d["term"]):
                urls.append(
                    f"/admin/autocomplete/?app_label={model._meta.app_label}&model_name={model._meta.model_name}&field_name={field_name}&term={term}"
                )
    return urls


def all_urls(data):
    urls = []
    for kind, build in TABLE.values():
        if kind == "once":
            urls += build(data["A"])
        else:
            urls += build(data["A"]) + build(data["B"])
    for d in (data["A"], data["B"]):
        urls += admin_model_urls(d)
    return list(dict.fromkeys(urls))


# -- what an answer shows ------------------------------------------------------------------


def readable(response):
    """Everything an answer shows, as text: headers, the body, an .xlsx's parts, a PDF's text."""
    body = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    parts = [f"{k}: {v}" for k, v in response.headers.items()]
    parts.append(body.decode("utf-8", "replace"))
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    if body.startswith(b"%PDF"):
        from pypdf import PdfReader

        parts += [page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages]
    return "\n".join(parts)


def without_address(text, urls):
    """`text` less the addresses asked for, as pages repeat them (the login page's "next", a
    form's action): a URL holding the other center's slug is not a leak by itself."""
    for url in urls:
        for form in {url, quote(url, safe="/"), quote(url, safe=""), quote(url), escape(url)}:
            text = text.replace(form, "")
    return text


def ask(client, url, host, other_mark):
    """GET `url` at `host` following redirects on that host; the problems found."""
    problems, asked = [], []
    for _hop in range(5):
        asked.append(url)
        response = client.get(url, HTTP_HOST=host)
        if response.status_code >= 500:
            problems.append(f"{response.status_code}")
        text = without_address(readable(response), asked)
        if other_mark.lower() in text.lower():
            at = text.lower().index(other_mark.lower())
            problems.append(f"{response.status_code} shows {text[max(0, at - 80) : at + 40]!r}")
        location = response.headers.get("Location")
        if response.status_code not in (301, 302, 303, 307, 308) or not location:
            break
        if location.startswith("//") or "://" in location:
            _scheme, _sep, rest = location.partition("://")
            if not rest.startswith(host + "/"):
                break  # another host (a merged center's): the Location itself was checked
            location = rest[len(host) :]
        url = location
    return problems


# -- the two centers and the roles -----------------------------------------------------------


@pytest.fixture
def centers(settings):
    a, b = two_centers.make_centers()
    # The settings describe the first center (B), as on every upgraded single-center site.
    settings.SITE_NAME = b.name
    settings.SITE_CONTACT = {
        "address": f"Thôn {B_MARK}, xã Tiên Tân",
        "phone": "0226 3999 999",
        "email": f"{B_MARK.lower()}@b.test",
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.OPERATOR_HOSTS = [OPERATOR_HOST]
    return a, b


@pytest.fixture
def data(centers):
    a, b = centers
    groups = two_centers.ensure_groups()
    operator = administrator(username="van-hanh")
    out = {}
    for center, mark in ((a, A_MARK), (b, B_MARK)):
        d = two_centers.fill(center, mark, operator)
        # Staff of this center in every role, named with its marker.
        d["accounts"] = {
            name: UserFactory(
                username=f"{mark.lower()}-{index}",
                first_name=mark,
                email=f"{mark.lower()}{index}@example.vn",
                groups=[group.name],
                center=center,
            )
            for index, (name, group) in enumerate(groups.items())
        }
        d.update(
            center=center,
            mark=mark,
            low=mark.lower(),
            # Searched for: finds every row of the center, and is not its marker itself (a
            # search page shows what was searched for).
            term=mark.lower()[:-1],
            name=f"tin {mark.lower()[:-1]}",
            staff=next(iter(d["accounts"].values())),
        )
        out["A" if center == a else "B"] = d
    out["operator"] = operator
    return out


ROLES = ["anonymous", *two_centers.staff_groups(), "operator"]


@pytest.mark.parametrize("role", ROLES, ids=[fold(r).replace(" ", "-") for r in ROLES])
def test_nothing_of_the_other_center_at_any_url(data, role):
    """At A's host, as `role`: no page, redirect, export or error shows anything of B (and at
    B's host, nothing of A)."""
    client = Client()
    if role == "operator":
        client.force_login(data["operator"])
    elif role != "anonymous":
        client.force_login(data["A"]["accounts"][role])
    assert Membership.objects.filter(center=data["A"]["center"]).exists()
    urls = all_urls(data)
    leaks = {}
    for url in urls:
        # B's page first: whatever a process or the shared cache keeps, B's copy is there.
        for problem in ask(client, url, B_HOST, A_MARK):
            leaks.setdefault(f"{B_HOST}{url}", []).append(problem)
        for problem in ask(client, url, A_HOST, B_MARK):
            leaks.setdefault(f"{A_HOST}{url}", []).append(problem)
    assert len(urls) > 200
    assert not leaks, f"{role}: {len(leaks)} leaks:\n" + "\n".join(
        f"{url}: {problems}" for url, problems in sorted(leaks.items())
    )


def test_a_staff_page_of_each_center_shows_its_own_rows(data):
    """The walk is not blind: at each host, a page lists that center's rows."""
    client = Client()
    client.force_login(data["operator"])
    for host, mark in ((A_HOST, A_MARK), (B_HOST, B_MARK)):
        for url in (
            "/",
            "/admin/news/article/",
            "/admin/attendance/learner/",
            "/thong-ke/tai-ve.xlsx",
        ):
            response = client.get(url, HTTP_HOST=host)
            assert response.status_code == 200, url
            if url != "/thong-ke/tai-ve.xlsx":
                assert mark in response.content.decode(), (host, url)


def test_a_lookup_at_one_center_finds_only_its_own(data):
    """/tra-cuu-dang-ky/ is a POST the walk does not make: B's code and phone asked at A's host
    find nothing (the same answer as a wrong code), and at B's host find B's class."""
    enrollment = data["B"]["enrollment"]
    learner = enrollment.learner
    with use_center(data["B"]["center"]):
        learner.phone = "0912345678"
        learner.save()
    asked = {"reference": enrollment.reference, "phone": "0912 345 678"}
    at_a = Client().post("/tra-cuu-dang-ky/", asked, HTTP_HOST=A_HOST)
    assert at_a.status_code == 404
    assert B_MARK.lower() not in at_a.content.decode().lower()
    at_b = Client().post("/tra-cuu-dang-ky/", asked, HTTP_HOST=B_HOST)
    assert at_b.status_code == 200
    assert enrollment.course.title in at_b.content.decode()


def test_the_operator_host_answers_no_center_page(data):
    """Every URL of a center, at the operator's host: the operator's 404 (as at an unknown
    host), never a center's page nor an error — but for the operator's own pages (its admin,
    the health check, the province overview at "/"), which its URLconf serves."""
    page = render_to_string("unknown_host.html")
    client = Client()
    for user in (None, data["operator"]):
        if user:
            client.force_login(user)
        answered = {}
        for url in all_urls(data):
            if operators_own(url):
                continue
            response = client.get(url, HTTP_HOST=OPERATOR_HOST)
            if response.status_code != 404 or response.content.decode() != page:
                answered[url] = response.status_code
        assert not answered, answered


def operators_own(url):
    try:
        resolve(urlsplit(url).path, urlconf=settings.OPERATOR_URLCONF)
    except Resolver404:
        return False
    return True


def test_an_unknown_host_gets_the_operators_404(data):
    page = render_to_string("unknown_host.html")
    client = Client()
    client.force_login(data["operator"])
    for url in ("/", data["B"]["article"].get_absolute_url(), "/admin/", "/sitemap.xml"):
        response = client.get(url, HTTP_HOST="nobody.example.vn")
        assert response.status_code == 404
        assert response.content.decode() == page


def test_the_admin_is_titled_with_the_centers_name(centers):
    """Not with the first center's name written into the code."""
    a, b = centers
    for host, center, other in ((A_HOST, a, b), (B_HOST, b, a)):
        html = Client().get("/admin/login/", HTTP_HOST=host).content.decode()
        assert f'<a href="/admin/">{center.name}: quản trị</a>' in html
        assert f"<title>Đăng nhập | Quản trị {center.name}</title>" in html
        assert other.name not in html and "Tiên Tân" not in html


def test_a_password_reset_mails_only_this_centers_staff_a_link_to_this_host(data, mailoutbox):
    for account, mailed in ((data["A"]["staff"], True), (data["B"]["staff"], False)):
        mailoutbox.clear()
        response = Client().post(
            "/admin/password_reset/", {"email": account.email}, HTTP_HOST=A_HOST
        )
        assert response.status_code == 302
        assert len(mailoutbox) == int(mailed)
        if mailed:
            body = mailoutbox[0].body
            assert f"http://{A_HOST}/admin/reset/" in body
            assert B_HOST not in body and B_MARK.lower() not in body.lower()
