"""One server set up as the README says: production settings, no CACHE_URL, several gunicorn
workers behind nginx (DJANGO_PROXY_COUNT=1). The workers must share the cache by default, so
the page cache works and every limit counts all workers' requests together; the lock-out and
the limits must follow the client's real address, not what it writes in X-Forwarded-For.
"""

import itertools
import secrets

import pytest

from tests.factories import center_staff
from tests.scaleout import servers

pytestmark = [pytest.mark.scaleout, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-mot-may-chu-2026"
WORKERS = 3
LIMIT = 4
ATTACKER, COLLEAGUE = "203.0.113.7", "198.51.100.9"
_forged = (f"10.0.{n // 250}.{n % 250}" for n in itertools.count())


@pytest.fixture(scope="module")
def one_server(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("one-server")
    with django_db_blocker.unblock():
        database_url = servers.instance_database_url()
    env = servers.production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        DJANGO_DATA_DIR=str(folder / "data"),
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_ENROLL_RATE_LIMIT=f"{LIMIT}/h",
    )
    assert "CACHE_URL" not in env
    servers.collectstatic(env)
    process, port = servers.start_gunicorn(
        "one-server", folder, env, options=("--workers", str(WORKERS), "--timeout", "30")
    )
    yield port, process, folder
    process.stop()


def client(port, real, forged=None):
    """A browser at address `real`, as gunicorn sees it behind nginx."""
    forged = forged if forged is not None else next(_forged)
    return servers.Client(
        port, forwarded={**servers.NGINX_HEADERS, "X-Forwarded-For": f"{forged}, {real}"}
    )


def post_form(port, real, path, data):
    browser = client(port, real)
    token = servers.csrf_token(browser.get(path).body)
    return browser.post(path, {"csrfmiddlewaretoken": token, **data}).status


def test_the_workers_share_one_cache_folder_by_default(one_server):
    port, _process, folder = one_server
    first = client(port, ATTACKER).get("/")
    assert first.status == 200
    # Whichever worker answers next, the page comes from the shared cache.
    hits = [client(port, ATTACKER).get("/").header("X-Page-Cache") for _ in range(3 * WORKERS)]
    assert set(hits) == {"hit"}, hits
    assert any((folder / "data" / "cache").iterdir())


def test_the_survey_limit_counts_every_worker_and_follows_the_real_address(one_server):
    port, process, _folder = one_server
    statuses = [post_form(port, ATTACKER, "/khao-sat/", {}) for _ in range(3 * LIMIT)]
    # Per-worker counting would let up to WORKERS × LIMIT through.
    assert statuses == [400] * LIMIT + [429] * (2 * LIMIT), process.log_tail()
    assert post_form(port, COLLEAGUE, "/khao-sat/", {}) == 400


def test_the_lock_out_follows_the_real_address_across_workers(one_server, settings):
    port, _process, _folder = one_server
    servers.set_production_password(center_staff(username="lan"), PASSWORD)

    def login(real, password):
        return post_form(port, real, "/admin/login/", {"username": "lan", "password": password})

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(ATTACKER, "sai-mat-khau") == 200
    assert login(ATTACKER, "sai-mat-khau") == 429
    assert login(ATTACKER, PASSWORD) == 429
    assert login(COLLEAGUE, PASSWORD) == 302
