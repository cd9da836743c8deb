"""Scale-out on one machine: two gunicorn instances behind (an imaginary) nginx share one
PostgreSQL and one Redis. What staff do on one is what readers get from the other."""

import time

import pytest

from core.cache import VERSION_MEMO_SECONDS
from news.models import Article
from tests.factories import center_staff
from tests.news.factories import ArticleFactory
from tests.scaleout import servers

pytestmark = [pytest.mark.scaleout, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-hai-may-chu-2026"
PUBLISH_DEADLINE = 1.0  # seconds: a reader never sees a stale page longer than this
POLL_INTERVAL = 0.02


def staff_user():
    return servers.set_production_password(center_staff(), PASSWORD)


def log_in(client, user):
    """Through the admin's login form, as a person does: GET the form, POST it with its token."""
    form = client.get("/admin/login/?next=/admin/")
    assert form.status == 200
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": servers.csrf_token(form.body),
            "username": user.username,
            "password": PASSWORD,
            "next": "/admin/",
        },
    )
    assert response.status == 302, response.body[:2000]
    assert response.header("Location") == "/admin/"
    assert "__Host-sessionid" in client.cookies


def settle_versions():
    """Each worker remembers the content version for VERSION_MEMO_SECONDS: after changes made
    by earlier tests, wait that long so every worker reads the same version (otherwise a
    request may miss the cache another worker filled, which is correct but not what a
    test of sharing wants to see)."""
    time.sleep(VERSION_MEMO_SECONDS + 0.1)


def test_a_publish_on_one_instance_shows_on_the_other_within_a_second(
    site, shared_cache, artifacts_dir
):
    a, b = site.client(0), site.client(1)
    title = "Thông báo khẩn: lịch tiêm phòng cúm gia cầm thôn Lạt Sơn"
    draft = ArticleFactory(title=title, status=Article.Status.DRAFT)
    user = staff_user()
    settle_versions()

    # A reader on instance B: the home page without the draft, now cached (in Redis).
    first = b.get("/")
    assert first.status == 200 and title not in first.body
    assert b.get("/").header("X-Page-Cache") == "hit"

    # Staff log in on instance A and publish with the admin's bulk action.
    staff = site.client(0)
    log_in(staff, user)
    changelist = staff.get("/admin/news/article/")
    assert changelist.status == 200 and title in changelist.body
    published = staff.post(
        "/admin/news/article/",
        {
            "csrfmiddlewaretoken": servers.csrf_token(changelist.body),
            "action": "publish",
            "select_across": "0",
            "index": "0",
            "_selected_action": str(draft.pk),
        },
    )
    assert published.status == 302, published.body[:2000]
    done = time.monotonic()
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED

    # Readers on B (and on A) see it within a second of the publish.
    polls = 0
    while True:
        page = b.get("/")
        polls += 1
        delay = time.monotonic() - done
        if title in page.body or delay > PUBLISH_DEADLINE * 3:
            break
        time.sleep(POLL_INTERVAL)
    (artifacts_dir / "scale-out.txt").write_text(
        f"publish on A -> visible on B's anonymous home page after {delay * 1000:.0f} ms "
        f"({polls} request(s) to B)\n"
    )
    print(f"publish on instance A visible on instance B after {delay * 1000:.0f} ms")  # noqa: T201
    assert title in page.body, f"B still shows the old page after {delay:.2f} s\n{site.logs()}"
    assert delay <= PUBLISH_DEADLINE
    assert title in a.get("/").body
    assert b.get(draft.get_absolute_url()).status == 200


def test_a_session_made_on_one_instance_works_on_the_other(site, shared_cache):
    user = staff_user()
    on_a = site.client(0)
    log_in(on_a, user)

    # The same browser's next request lands on B (no sticky sessions needed).
    on_b = site.client(1)
    on_b.cookies = dict(on_a.cookies)
    admin = on_b.get("/admin/")
    assert admin.status == 200, admin.header("Location")
    assert f"<strong>{user.get_short_name()}</strong>" in admin.body  # "Welcome, Lan"
    assert 'action="/admin/logout/"' in admin.body
    assert on_b.get("/admin/news/article/").status == 200

    # Without the cookie B sends the visitor to the login form: the cookie is what counts.
    stranger = site.client(1).get("/admin/")
    assert stranger.status == 302 and "/admin/login/" in stranger.header("Location")

    # Logging out on B ends the session everywhere.
    index = on_b.get("/admin/")
    token = servers.csrf_token(index.body)
    assert on_b.post("/admin/logout/", {"csrfmiddlewaretoken": token}).status in (200, 302)
    again = site.client(0)
    again.cookies = {"__Host-sessionid": on_a.cookies["__Host-sessionid"]}
    assert again.get("/admin/").status == 302


def test_the_page_cache_is_shared_between_instances(site, shared_cache):
    ArticleFactory(title="Khai giảng lớp tin học cho người cao tuổi")
    settle_versions()
    from_a = site.client(0).get("/tin-tuc/")
    assert from_a.status == 200 and from_a.header("X-Page-Cache") == "miss"
    from_b = site.client(1).get("/tin-tuc/")
    assert from_b.header("X-Page-Cache") == "hit"
    assert from_b.body == from_a.body
    # Staff on B are never served the anonymous copy.
    user = staff_user()
    staff = site.client(1)
    log_in(staff, user)
    assert staff.get("/tin-tuc/").header("X-Page-Cache") is None


def test_cache_url_selects_djangos_own_redis_backend():
    backend = servers.production_setting(
        "settings.CACHES['default']",
        DJANGO_SECRET_KEY="cache-settings-test",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert backend["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert backend["LOCATION"] == "redis://127.0.0.1:6379/1"
