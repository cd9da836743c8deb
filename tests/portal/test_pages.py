import gzip
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.template.loader import render_to_string
from django.urls import reverse

pytestmark = pytest.mark.django_db

NAV = ["Trang chủ", "Tin tức", "Lớp học", "Công khai", "Thống kê", "Giới thiệu"]


def test_home_page_speaks_vietnamese_with_the_main_navigation(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Trung tâm học tập cộng đồng xã Tiên Tân" in html
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert [label for label in NAV if f">{label}</a>" in nav] == NAV


@pytest.mark.parametrize(
    "name",
    [
        "news:article-list",
        "classes:class-list",
        "disclosures:document-list",
        "attendance:statistics",
        "about",
        "search",
    ],
)
def test_every_navigation_target_answers(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'aria-current="page"' in response.content.decode() or name == "search"


def test_fixed_public_urls_are_where_design_says():
    assert reverse("news:article-list") == "/tin-tuc/"
    assert reverse("classes:class-list") == "/lop-hoc/"
    assert reverse("disclosures:document-list") == "/cong-khai/"
    assert reverse("attendance:statistics") == "/thong-ke/"
    assert reverse("search") == "/tim-kiem/"
    assert reverse("healthz") == "/healthz"


def test_layout_is_accessible(client):
    html = client.get("/").content.decode()
    # Landmarks, a skip link to the main content, and one h1.
    assert re.search(r"<header\b", html) and re.search(r"<footer\b", html)
    assert '<main id="main"' in html and '<nav class="site-nav" aria-label=' in html
    assert 'class="skip-link" href="#main"' in html
    assert html.count("<h1") == 1
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    assert ":focus-visible" in css
    assert "font-size: 1.0625rem" in css  # 17px body text


def test_footer_shows_the_centers_contact(client, settings):
    settings.SITE_CONTACT = {
        "address": "Xóm 1, xã Tiên Tân",
        "phone": "0226 3851 234",
        "email": "tthtcd@example.vn",
    }
    html = client.get("/").content.decode()
    footer = html.split("<footer", 1)[1]
    assert "Xóm 1, xã Tiên Tân" in footer
    assert 'href="tel:02263851234"' in footer
    assert "mailto:tthtcd@example.vn" in footer


def test_page_and_stylesheet_are_small_on_the_wire(client):
    html = client.get("/").content
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_bytes()
    assert len(gzip.compress(html)) + len(gzip.compress(css)) < 50 * 1024


def test_favicon_is_linked_and_exists(client):
    html = client.get("/").content.decode()
    for name in ("favicon.svg", "favicon.ico", "apple-touch-icon.png"):
        assert f"/static/img/{name}" in html
        assert (Path(settings.BASE_DIR) / "static/img" / name).stat().st_size > 0


def test_unknown_page_gets_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_error_pages_render_in_vietnamese():
    assert "Lỗi máy chủ" in render_to_string("500.html")
    assert "Không có quyền truy cập" in render_to_string("403.html")
    assert "Yêu cầu không hợp lệ" in render_to_string("400.html")


def test_a_form_sent_without_its_security_code_gets_a_vietnamese_page():
    """Django's own CSRF page is English, unstyled under our CSP: a villager whose form sat
    open for hours, or whose browser blocks cookies, gets the site's page instead."""
    from django.test import Client

    from survey.models import SurveyResponse

    response = Client(enforce_csrf_checks=True).post("/khao-sat/", {"kinds": ["it"]})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="vi">' in html and "Chưa gửi được biểu mẫu" in html
    assert "Chưa có gì được lưu" in html and 'href="/static/css/site.css"' in html
    assert not SurveyResponse.objects.exists()


def test_healthz_answers_ok_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_robots_txt_keeps_crawlers_out_of_staff_pages(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /quan-ly/" in body


def test_search_page_tells_what_to_try_when_nothing_is_found(client):
    html = client.get("/tim-kiem/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "tien tan" in html


def test_admin_is_titled_in_vietnamese(client):
    html = client.get("/admin/login/").content.decode()
    assert "Quản trị Trung tâm học tập cộng đồng xã Tiên Tân" in html  # the center's own name
    assert "Đăng nhập" in html


def test_every_block_of_the_stylesheet_is_closed():
    """site.css is one file that each part appends a `/* === part === */` block to; a block
    left open (a lost `}` in a merge) silently swallows the next part's rules."""
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text(encoding="utf-8")
    depth = 0
    for number, line in enumerate(css.splitlines(), 1):
        code = re.sub(r"/\*.*?\*/|\"[^\"]*\"", "", line)
        if line.startswith("/* === "):
            assert depth == 0, f"line {number} starts a block inside an open one"
        depth += code.count("{") - code.count("}")
        assert depth >= 0, f"line {number} closes more than it opened"
    assert depth == 0
