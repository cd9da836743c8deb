"""Fixtures shared by the whole suite."""

import os
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django's ORM would then refuse
# synchronous queries in live-server tests without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",  # root in CI
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def phone_page(page):
    """A page the size of a cheap phone's screen (360×740)."""
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def artifacts_dir():
    path = Path(settings.ARTIFACTS_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploads to its own folder, removed with it."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counters kept in the cache (the enrollment rate limit) start at zero in every test."""
    from django.core.cache import cache

    from core import cache as page_cache

    cache.clear()
    page_cache._memo.clear()
    yield
    cache.clear()
    page_cache._memo.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The first center's hosts known to this process from the start, as on a site that has
    served a request: a test counting a page's queries counts the page's, not the host's
    first lookup (core.centers.center_for_host)."""
    from core.centers import warm_hosts
    from core.models import Center

    with django_db_blocker.unblock():
        for center in Center.objects.all():
            warm_hosts(center)
