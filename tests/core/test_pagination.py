"""One rule for `?page=` on every paginated public list (core.pagination): a page past the
end shows the last page, anything below 1 or not a number shows the first; never a 404."""

import re

import pytest
from django.urls import URLPattern, get_resolver
from django.views.generic.list import MultipleObjectMixin

from core.pagination import PageMixin
from tests.classes.factories import CourseFactory
from tests.disclosures.factories import DocumentFactory
from tests.news.factories import ArticleFactory, category

pytestmark = pytest.mark.django_db

PER_PAGE = 2  # three items make two pages


def _news(monkeypatch):
    from news.views import ArticleListView

    monkeypatch.setattr(ArticleListView, "paginate_by", PER_PAGE)
    for i in range(3):
        ArticleFactory(title=f"Tập huấn nông nghiệp số {i}", category=category("thong-bao"))


def _classes(monkeypatch):
    from classes.views import ClassListView

    monkeypatch.setattr(ClassListView, "paginate_by", PER_PAGE)
    for i in range(3):
        CourseFactory(title=f"Lớp tin học số {i}")


def _search(monkeypatch):
    from portal import views

    monkeypatch.setattr(views, "RESULTS_PER_PAGE", PER_PAGE)
    for i in range(3):
        ArticleFactory(title=f"Tập huấn nông nghiệp số {i}")


def _disclosures(monkeypatch):
    from disclosures import views
    from organizations.models import Organization
    from organizations.seed import ensure_organizations

    monkeypatch.setattr(views, "DOCUMENTS_PER_PAGE", PER_PAGE)
    ensure_organizations(Organization)
    for _ in range(3):
        DocumentFactory()


LISTS = {
    "news": ("/tin-tuc/", _news),
    "category": ("/tin-tuc/chuyen-muc/thong-bao/", _news),
    "classes": ("/lop-hoc/", _classes),
    "search": ("/tim-kiem/?q=tap+huan", _search),
    "disclosures": ("/cong-khai/", _disclosures),
}


def _get(client, url, page):
    joiner = "&" if "?" in url else "?"
    response = client.get(f"{url}{joiner}page={page}")
    html = response.content.decode()
    shown = re.search(r"Trang (\d+) / (\d+)", html)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    return response.status_code, (shown and shown.group(1), shown and shown.group(2)), canonical


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("2", "2"),
        ("999", "2"),  # shared too late, or typed: the last page, not a 404
        ("99999999999999999999999", "2"),
        ("0", "1"),  # below the first page: the first (Django's get_page would show the last)
        ("-3", "1"),
        ("abc", "1"),
        ("2.5", "1"),
        ("", "1"),
    ],
)
def test_every_list_shows_the_nearest_page(client, monkeypatch, name, asked, shown):
    url, make = LISTS[name]
    make(monkeypatch)
    status, (number, total), canonical = _get(client, url, asked)
    assert status == 200
    assert (number, total) == (shown, "2")
    # The canonical address names the page shown, not the number typed.
    path = url.split("?")[0]
    assert canonical == f"http://testserver{path}" + ("?page=2" if shown == "2" else "")


def test_every_paginated_list_view_uses_the_rule():
    """A list view added later with `paginate_by` must use core.pagination's rule too."""

    def views(patterns):
        for entry in patterns:
            if isinstance(entry, URLPattern):
                yield getattr(entry.callback, "view_class", None)
            else:
                yield from views(entry.url_patterns)

    paginated = {
        view
        for view in views(get_resolver().url_patterns)
        if view and issubclass(view, MultipleObjectMixin) and view.paginate_by
    }
    assert paginated, "the news and class lists are paginated list views"
    assert all(issubclass(view, PageMixin) for view in paginated), paginated
