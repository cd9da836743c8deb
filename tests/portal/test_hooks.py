"""Adding an app changes no other file than INSTALLED_APPS: what it declares on its AppConfig
(core.hooks) reaches the home page, the search, the sitemap, the page cache, the staff home
and load_demo; a declaration that does not resolve stops `manage.py check`."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import checks
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from core.checks import check_app_hooks
from tests.factories import center_staff
from tests.hookapp import hooks as hookapp
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_hookapp():
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.hookapp"]):
        yield


@pytest.fixture
def meeting_notice(monkeypatch):
    moment = timezone.now() + datetime.timedelta(minutes=5)
    monkeypatch.setattr(hookapp, "MEETING_NOTICE_AT", moment)
    return moment


def test_a_new_app_is_found_by_the_site_search(client, with_hookapp):
    article = ArticleFactory(title="Lịch tiêm phòng cho gia cầm")
    html = client.get("/tim-kiem/", {"q": "tiem phong gia cam"}).content.decode()
    assert f'href="/bang-tin-xom/{article.pk}/"' in html and "Bảng tin xóm" in html
    assert f'href="{article.get_absolute_url()}"' in html  # the other apps still answer


def test_a_new_app_has_its_section_in_the_sitemap(client, with_hookapp):
    article = ArticleFactory()
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/bang-tin-xom/</loc>" in body
    assert "<loc>http://testserver/tim-kiem/</loc>" in body  # its fixed page
    assert f"<loc>http://testserver{article.get_absolute_url()}</loc>" in body


def test_a_new_app_offers_its_staff_tool_on_the_staff_home(client, with_hookapp):
    client.force_login(center_staff())
    html = client.get("/quan-ly/").content.decode()
    assert 'href="/quan-ly/so-truc-xom/"' in html and hookapp.STAFF_TOOL_TITLE in html
    assert 'href="/quan-ly/diem-danh/"' in html


def test_a_new_app_draws_its_box_on_the_home_page(client, with_hookapp):
    html = client.get("/").content.decode()
    # Every app's box, in INSTALLED_APPS order, the new one last.
    boxes = ['id="box-classes"', 'id="box-disclosures"', 'id="box-figures"', "Bảng tin xóm"]
    assert all(box in html for box in boxes)
    assert sorted(boxes, key=html.index) == boxes
    assert "Chưa có tin." in html


def test_the_page_cache_asks_a_new_app_when_its_pages_change(
    client, with_hookapp, meeting_notice, settings, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 600
    assert "Họp xóm tối nay" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    later = meeting_notice + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Họp xóm tối nay lúc 19 giờ" in response.content.decode()


def test_load_demo_runs_a_new_apps_loader_after_the_others(with_hookapp):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "Bảng tin xóm: không có dữ liệu mẫu." in out.getvalue()
    loaded = (
        "news, classes, organizations, documents, questions, disclosures, attendance, survey, "
        "agenda, assessment, hookapp"
    )
    assert f"Demo content loaded: {loaded}" in out.getvalue()


def test_the_apps_of_the_portal_declare_nothing_that_does_not_resolve():
    assert check_app_hooks(None) == []


def test_the_system_check_names_each_declaration_that_does_not_resolve():
    broken = "tests.hookapp.apps.BrokenHookappConfig"
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, broken]):
        errors = checks.run_checks()
    found = {e.msg for e in errors if e.id == "core.E002"}
    assert len(found) == 5, found
    for value in (
        "hookapp/no_such_box.html",
        "tests.hookapp.hooks.no_such_source",
        "tests.hookapp.nowhere.NoticeBoardSitemap",
        "no-such-page",
        "tests.hookapp.hooks.STAFF_TOOL_TITLE",
    ):
        assert any(value in message for message in found), value
    assert all(e.level == checks.ERROR for e in errors if e.id == "core.E002")
