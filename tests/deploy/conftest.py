"""The portal deployed as the README tells it, on loopback: the shipped nginx site in front of
gunicorn started with the shipped deploy/gunicorn.conf.py and production settings (DEBUG off,
HTTPS redirect on, DJANGO_PROXY_COUNT=1), against the test database (the tests are
`transaction=True`, so gunicorn sees the rows they commit)."""

import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.deploy.nginx import DEPLOY, Nginx, start_nginx
from tests.scaleout import servers

ADMINS = "Quản trị viên <quantri@example.vn>"


@dataclass
class Deployment:
    nginx: Nginx
    gunicorn: servers.Process
    media_root: Path

    def gunicorn_log(self, containing="", timeout=5.0) -> str:
        """gunicorn's stderr and stdout (the journal, on a server), once it holds `containing`
        (a worker writes it just after answering)."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.gunicorn.log.read_text(errors="replace")
            if containing in log or time.monotonic() > deadline:
                return log
            time.sleep(0.05)


@pytest.fixture(scope="module")
def deployed(django_db_setup, django_db_blocker, tmp_path_factory):
    scratch = tmp_path_factory.mktemp("deploy")
    media_root = scratch / "media"
    media_root.mkdir()
    with django_db_blocker.unblock():
        database_url = servers.instance_database_url()
    env = servers.production_env(
        DJANGO_SETTINGS_MODULE="tests.deploy.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        DJANGO_STATIC_ROOT=str(scratch / "static"),
        DJANGO_MEDIA_ROOT=str(media_root),
        # Production's defaults, which production_env turns off for gunicorn without nginx.
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_PROXY_COUNT="1",
        DJANGO_ADMINS=ADMINS,
        WEB_CONCURRENCY="2",
    )
    servers.collectstatic(env)
    gunicorn, port = servers.start_gunicorn(
        "gunicorn", scratch, env, options=("--config", str(DEPLOY / "gunicorn.conf.py"))
    )
    try:
        nginx = start_nginx(scratch / "nginx", upstream_port=port, media_root=media_root)
    except BaseException:
        gunicorn.stop()
        raise
    yield Deployment(nginx, gunicorn, media_root)
    nginx.stop()
    gunicorn.stop()
