"""Requests a browser never sends still get the site's own error pages, with its headers:
never a 500, never gunicorn's bare error page, never Django's English technical page."""

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from classes.models import Course
from disclosures.models import DisclosureDocument
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.classes.factories import CourseFactory
from tests.disclosures.factories import DocumentFactory, center
from tests.factories import PASSWORD, center_staff, school_staff

pytestmark = pytest.mark.django_db

FORMS = ["/admin/login/", "/admin/password_reset/", "/khao-sat/", "ENROLL"]


def form_path(path):
    if path == "ENROLL":
        return f"/lop-hoc/{CourseFactory(capacity=10).slug}/dang-ky/"
    return path


def with_token(client, path):
    """GET the form as a browser would: the CSRF cookie and the token of the page."""
    html = client.get(path).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def assert_site_error_page(response, status, words):
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="vi"' in html and words in html
    # The site's headers, as on every page.
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", FORMS)
def test_a_form_sent_in_another_charset_gets_the_400_page(path):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=True)
    path = form_path(path)
    token = with_token(browser, path)
    response = browser.post(
        path,
        f"csrfmiddlewaretoken={token}&username=lan&password=x&email=a@b.vn",
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )
    assert_site_error_page(response, 400, "Yêu cầu không hợp lệ")


@pytest.mark.parametrize("path", FORMS)
def test_too_many_fields_or_too_large_a_body_gets_the_400_page(path, settings):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=True)
    path = form_path(path)
    token = with_token(browser, path)
    many = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = browser.post(
        path,
        f"csrfmiddlewaretoken={token}&{many}",
        content_type="application/x-www-form-urlencoded",
    )
    assert_site_error_page(response, 400, "Yêu cầu không hợp lệ")
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = browser.post(
        path,
        f"csrfmiddlewaretoken={token}&note={big}",
        content_type="application/x-www-form-urlencoded",
    )
    assert_site_error_page(response, 400, "Yêu cầu không hợp lệ")


def test_a_username_longer_than_any_account_gets_the_400_page():
    center_staff(username="lan")
    browser = Client(raise_request_exception=True)
    response = browser.post(
        "/admin/login/?next=/admin/", {"username": "a" * 300, "password": "sai-mat-khau"}
    )
    assert_site_error_page(response, 400, "Yêu cầu không hợp lệ")
    assert not AccessAttempt.objects.exists() and not AccessFailureLog.objects.exists()
    # The longest real username still logs in.
    center_staff(username="b" * 150)
    response = browser.post(
        "/admin/login/?next=/admin/", {"username": "b" * 150, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_a_form_without_its_token_gets_a_vietnamese_page():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/khao-sat/", {})
    assert_site_error_page(response, 403, "Chưa gửi được biểu mẫu")


# "View on site" in the admin (/admin/r/<content type>/<id>/).


def view_on_site(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return f"/admin/r/{content_type.pk}/{obj.pk}/"


def test_view_on_site_redirects_only_for_what_the_person_may_see(client):
    ensure_organizations(Organization)
    draft = DocumentFactory(
        organization=center(),
        title="Báo cáo chưa công bố của trung tâm",
        status=DisclosureDocument.Status.DRAFT,
    )
    own = DocumentFactory(title="Biểu mẫu của trường")
    client.force_login(school_staff())
    # Another organization's draft: not found, and its slug goes nowhere.
    response = client.get(view_on_site(draft))
    assert response.status_code == 404 and draft.slug not in response.content.decode()
    assert "Location" not in response
    # A class: school staff have no right to classes at all.
    course = CourseFactory(status=Course.Status.DRAFT)
    response = client.get(view_on_site(course))
    assert response.status_code == 404 and course.slug not in response.content.decode()
    # The school's own document: the public page.
    response = client.get(view_on_site(own))
    assert response.status_code == 302 and response["Location"].endswith(own.get_absolute_url())
    # Center staff see their own draft's address.
    client.force_login(center_staff())
    response = client.get(view_on_site(draft))
    assert response.status_code == 302 and draft.slug in response["Location"]


def test_view_on_site_of_an_unknown_type_or_object_is_not_found(client):
    client.force_login(center_staff())
    assert client.get("/admin/r/999999/1/").status_code == 404
    course = CourseFactory()
    content_type = ContentType.objects.get_for_model(course)
    assert client.get(f"/admin/r/{content_type.pk}/999999/").status_code == 404
