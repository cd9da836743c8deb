import re

import pytest

from tests.factories import PASSWORD, center_staff
from tests.portal.test_settings import PROD, read_setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_like(settings):
    """The HTTPS settings production runs with (tests run over plain HTTP otherwise)."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"


def csp(response):
    """The Content-Security-Policy header as {directive: sources}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, _, sources = part.strip().partition(" ")
        if name:
            policy[name] = sources
    return policy


@pytest.mark.parametrize("url", ["/", "/tin-tuc/", "/tim-kiem/?q=lua", "/khong-co/"])
def test_every_public_response_carries_the_security_headers(client, production_like, url):
    response = client.get(url, secure=True)
    policy = csp(response)
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in str(policy)
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'"
    hsts = response["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_has_inline_script_or_style(client):
    html = client.get("/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)


def test_admin_relaxes_only_styles(client, production_like):
    client.force_login(center_staff())
    policy = csp(client.get("/admin/", secure=True))
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["script-src"] == "'self'"


def test_staff_pages_are_never_cached(client):
    client.force_login(center_staff())
    response = client.get("/admin/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_cookies_are_secure_httponly_samesite_and_host_prefixed(client, production_like):
    response = client.get("/admin/login/", secure=True)
    csrf = response.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax" and csrf["path"] == "/"
    assert not csrf["domain"]
    center_staff(username="lan")
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "lan", "password": PASSWORD},
        secure=True,
        headers={"referer": "https://testserver/admin/login/"},
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["path"] == "/" and not session["domain"]


def test_production_settings_use_host_prefixed_secure_cookies():
    assert read_setting("SESSION_COOKIE_NAME", **PROD) == "__Host-sessionid"
    assert read_setting("CSRF_COOKIE_NAME", **PROD) == "__Host-csrftoken"
    assert read_setting("SESSION_COOKIE_SECURE", **PROD) == "True"
    assert read_setting("CSRF_COOKIE_SECURE", **PROD) == "True"
    assert int(read_setting("SECURE_HSTS_SECONDS", **PROD)) >= 31536000


def test_admin_allows_the_editor_import_map_by_its_hash_only(client):
    import base64
    import hashlib

    client.force_login(center_staff())
    response = client.get("/admin/news/article/add/")
    html = response.content.decode()
    importmap = html.split('<script type="importmap">', 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(importmap.encode()).digest()).decode()
    script_src = csp(response)["script-src"].split()
    assert script_src == ["'self'", f"'sha256-{digest}'"]


def test_favicon_ico_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/static/img/favicon.ico")


def test_privacy_notice_says_what_why_how_long_and_whom_to_ask(client, settings):
    settings.LEARNER_RETENTION_YEARS = 3
    html = client.get("/chinh-sach-rieng-tu/").content.decode()
    for phrase in (
        "Chính sách bảo vệ dữ liệu cá nhân",
        "Thu thập những gì",
        "3 năm",
        "Hỏi ai",
        "91/2025/QH15",
    ):
        assert phrase in html, phrase
    assert 'href="/chinh-sach-rieng-tu/"' in client.get("/").content.decode()
