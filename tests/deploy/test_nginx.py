"""The shipped nginx site, run by Debian's nginx in front of gunicorn in production mode: what a
browser on a phone, a monitor and an attacker meet on a server set up as the README says."""

import gzip
import io
import re
import socket
import uuid

import brotli
import pytest
from PIL import Image

from tests.classes.factories import SessionFactory
from tests.deploy.nginx import start_nginx
from tests.factories import center_staff
from tests.news.factories import ArticleFactory
from tests.raising_urls import FAILING_PATH
from tests.scaleout import servers
from tests.security.headers import SECURITY_HEADERS

pytestmark = [pytest.mark.deploy, pytest.mark.django_db(transaction=True)]

HOST = servers.PUBLIC_HOST


def missing_headers(response, names):
    return [name for name in names if response.header(name) is None]


# --- HTTPS -------------------------------------------------------------------------------


def test_plain_http_is_redirected_to_https_but_the_health_check_answers(deployed):
    plain = deployed.nginx.plain_client()
    redirected = plain.get("/tin-tuc/?trang=2")
    assert redirected.status == 301
    assert redirected.header("Location") == f"https://{HOST}/tin-tuc/?trang=2"

    health = plain.get("/healthz")
    assert (health.status, health.body.strip()) == (200, "ok")


def test_https_speaks_http2(deployed):
    context = deployed.nginx.tls(alpn=("h2", "http/1.1"))
    address = ("127.0.0.1", deployed.nginx.https_port)
    with (
        socket.create_connection(address, timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=HOST) as tls,
    ):
        assert tls.selected_alpn_protocol() == "h2"
        assert tls.version() in ("TLSv1.2", "TLSv1.3")


# --- Compression -------------------------------------------------------------------------


def stylesheet_and_icon(page):
    css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', page).group(1)
    svg = re.search(r'href="(/static/img/favicon\.[0-9a-f]+\.svg)"', page)
    return css, svg.group(1) if svg else None


DECODERS = {"br": brotli.decompress, "gzip": gzip.decompress}


def test_pages_stylesheets_feeds_and_calendars_are_compressed(deployed):
    for n in range(6):
        ArticleFactory(summary=f"Bản tin số {n}: lịch tiêm phòng, lớp học nghề và họp xóm.")
    for n in range(6):
        SessionFactory(topic=f"Buổi thực hành số {n}: ghép cây, bón phân, phòng sâu bệnh")
    browser = deployed.nginx.client()
    home = browser.get("/")
    assert home.status == 200, home.body[:2000]
    css, svg = stylesheet_and_icon(home.body)
    paths = ["/", "/tin-tuc/", css, "/lop-hoc/lich.ics", "/sitemap.xml", "/tin-tuc/rss/"]
    if svg:
        paths.append(svg)

    for path in paths:
        plain = browser.get(path, headers={"Accept-Encoding": "identity"})
        assert plain.status == 200, path
        assert plain.header("Content-Encoding") is None, path
        for encoding, decode in DECODERS.items():
            packed = browser.get(path, headers={"Accept-Encoding": encoding})
            assert packed.status == 200, path
            assert packed.header("Content-Encoding") == encoding, (path, encoding)
            assert "Accept-Encoding" in (packed.header("Vary") or ""), path
            text = decode(packed.content)
            assert len(packed.content) < len(text), (path, encoding)
            if path.startswith("/static/"):
                assert text == plain.content, path


def test_a_repeat_visit_through_nginx_costs_a_304(deployed):
    ArticleFactory()
    browser = deployed.nginx.client()
    for encoding in ("br", "gzip"):
        first = browser.get("/tin-tuc/", headers={"Accept-Encoding": encoding})
        etag = first.header("ETag")
        assert etag, f"no ETag with {encoding}"
        again = browser.get(
            "/tin-tuc/", headers={"Accept-Encoding": encoding, "If-None-Match": etag}
        )
        assert again.status == 304, encoding


# --- Uploads -----------------------------------------------------------------------------


def media_file(deployed, folder, suffix, content):
    path = deployed.media_root / folder / f"{uuid.uuid4().hex}{suffix}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return f"/media/{folder}/{path.name}"


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "JPEG")
    return buffer.getvalue()


def test_uploads_are_served_by_nginx_pictures_inline_everything_else_as_a_download(deployed):
    browser = deployed.nginx.client()
    picture = browser.get(media_file(deployed, "news/covers/2026/01", ".jpg", jpeg()))
    assert picture.status == 200
    assert picture.header("Content-Type") == "image/jpeg"
    assert picture.header("Content-Disposition") is None
    assert picture.header("X-Content-Type-Options") == "nosniff"
    assert picture.header("Cache-Control") == "public, max-age=31536000, immutable"

    downloads = {
        ".pdf": b"%PDF-1.4\n%%EOF\n",
        ".docx": b"PK\x03\x04 not really a document",
        ".svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ".html": b"<!doctype html><script>alert(1)</script>",
        ".bin": b"\x00\x01",
    }
    for suffix, content in downloads.items():
        response = browser.get(media_file(deployed, "news/attachments/2026/01", suffix, content))
        assert response.status == 200, suffix
        assert response.header("Content-Disposition") == "attachment", suffix
        assert response.header("X-Content-Type-Options") == "nosniff", suffix
        assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
        assert response.content == content

    missing = browser.get("/media/news/attachments/khong-co.pdf")
    assert missing.status == 404
    assert missing.header("X-Content-Type-Options") == "nosniff"
    assert "immutable" not in (missing.header("Cache-Control") or "")


def multipart(size):
    boundary = "----tientan-deploy-test"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    body = head + b"x" * (size - len(head) - len(tail)) + tail
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def test_an_upload_just_over_the_apps_limit_reaches_the_app(deployed):
    """21 MB is over the app's 20 MB limits (its own Vietnamese message says so): nginx must
    let it through. Here the app answers 403, the form having no CSRF token."""
    body, headers = multipart(21 * 1024 * 1024)
    response = deployed.nginx.client().request("POST", "/admin/login/", body=body, headers=headers)
    assert response.status == 403
    assert not missing_headers(response, SECURITY_HEADERS)


# --- Error pages -------------------------------------------------------------------------


def test_the_apps_error_pages_keep_their_security_headers(deployed):
    browser = deployed.nginx.client()
    not_found = browser.get("/khong-co-trang-nay/")
    assert not_found.status == 404
    assert not missing_headers(not_found, SECURITY_HEADERS)

    failed = browser.get(FAILING_PATH)
    assert failed.status == 500
    assert "Lỗi máy chủ" in failed.body
    assert not missing_headers(failed, SECURITY_HEADERS)


NGINX_PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def assert_nginx_page(response, status, title):
    assert response.status == status
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    assert f"<title>{title}</title>" in response.body
    for name, value in NGINX_PAGE_HEADERS.items():
        assert response.header(name) == value, name
    assert response.header("Server") == "nginx"  # no version number (server_tokens off)


def test_a_body_too_large_gets_nginxs_page_in_vietnamese_with_security_headers(deployed):
    body, headers = multipart(26 * 1024 * 1024)
    response = deployed.nginx.client().request("POST", "/admin/login/", body=body, headers=headers)
    assert_nginx_page(response, 413, "Tệp gửi lên quá lớn")


def test_gunicorn_down_gets_a_503_in_vietnamese_with_security_headers(deployed, tmp_path):
    """nginx in front of a port where nothing listens (gunicorn stopped or restarting)."""
    nobody = servers.free_port()
    nginx = start_nginx(tmp_path / "nginx", upstream_port=nobody, media_root=deployed.media_root)
    try:
        response = nginx.client().get("/")
    finally:
        nginx.stop()
    assert_nginx_page(response, 503, "Trang web tạm thời gián đoạn")
    assert response.header("Retry-After") == "10"


# --- Errors are seen ---------------------------------------------------------------------


def test_a_failing_page_leaves_its_traceback_in_gunicorns_log_and_mails_the_admins(deployed):
    phone = "0987654321"
    response = deployed.nginx.client().post(
        FAILING_PATH, {"full_name": "Lê Văn Tám", "phone": phone}
    )
    assert response.status == 500

    log = deployed.gunicorn_log(containing="quantri@example.vn")
    assert f"Internal Server Error: {FAILING_PATH}" in log
    assert "Traceback (most recent call last)" in log
    assert "tests.raising_urls.DeliberateError: a page failed on purpose" in log
    # The mail (EMAIL_URL unset: Django's console backend, so it lands in the same log).
    assert "To: quantri@example.vn" in log
    assert f"Subject: [{HOST}] ERROR" in log
    assert phone not in log and "Lê Văn Tám" not in log


# --- Lock-out on the real client address -------------------------------------------------

PASSWORD = "mat-khau-dung-cua-chi-lan-2026"


def attempt_login(client, username, password):
    form = client.get("/admin/login/?next=/admin/")
    assert form.status == 200, form.body[:1000]
    return client.post(
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": servers.csrf_token(form.body),
            "username": username,
            "password": password,
            "next": "/admin/",
        },
        referer="/admin/login/?next=/admin/",
    )


def test_the_lock_out_is_keyed_on_the_real_client_address_not_a_forged_header(deployed):
    """Five wrong passwords for one username from 127.0.0.2, each with another forged
    X-Forwarded-For, lock that username out from 127.0.0.2 only: forging a header does not
    escape the lock-out, and a colleague on 127.0.0.3 still logs in."""
    user = servers.set_production_password(center_staff(), PASSWORD)
    attacker = deployed.nginx.client(source="127.0.0.2")
    for n in range(5):
        attacker.forwarded = {"X-Forwarded-For": f"198.51.100.{n + 1}"}
        refused = attempt_login(attacker, user.username, f"doan-sai-{n}")
        # The form again after each of the first four; the fifth locks (axes' 429 page).
        assert refused.status == (429 if n == 4 else 200), (n, refused.status)
        assert "__Host-sessionid" not in attacker.cookies

    for forged in ("127.0.0.3", "203.0.113.9, 127.0.0.3", None):
        attacker.forwarded = {"X-Forwarded-For": forged} if forged else {}
        locked = attempt_login(attacker, user.username, PASSWORD)
        assert locked.status == 429, (forged, locked.status)
        assert "__Host-sessionid" not in attacker.cookies

    colleague = deployed.nginx.client(source="127.0.0.3")
    logged_in = attempt_login(colleague, user.username, PASSWORD)
    assert logged_in.status == 302, logged_in.body[:2000]
    assert logged_in.header("Location") == "/admin/"
