"""The staff home page (/quan-ly/): each staff member sees the tools they may open."""

import pytest

from tests.factories import center_staff, school_staff

pytestmark = pytest.mark.django_db


def test_center_staff_see_their_tools_and_the_admin(client):
    client.force_login(center_staff())
    html = client.get("/quan-ly/").content.decode()
    assert 'href="/quan-ly/diem-danh/"' in html and 'href="/quan-ly/hoc-vien/nhap/"' in html
    assert 'href="/quan-ly/tu-danh-gia/"' in html and 'href="/quan-ly/khao-sat/"' in html
    assert 'href="/quan-ly/bao-cao-nam/"' in html
    assert 'href="/admin/"' in html


def test_school_staff_are_not_shown_pages_they_cannot_open(client):
    client.force_login(school_staff())
    html = client.get("/quan-ly/").content.decode()
    assert "/quan-ly/diem-danh/" not in html and "/quan-ly/tu-danh-gia/" not in html
    assert "/quan-ly/bao-cao-nam/" not in html
    assert "Tài khoản này chưa có trang cán bộ nào" in html


def test_the_admin_links_to_the_staff_tools(client):
    client.force_login(center_staff())
    html = client.get("/admin/").content.decode()
    assert 'href="/quan-ly/"' in html
