"""Two production instances of the site sharing one PostgreSQL and one Redis.

The instances are real gunicorn processes with production settings. They must see the rows
the tests write, so they use the test database itself (`connection.settings_dict["NAME"]`),
and the tests are `transaction=True` (rows are committed, not hidden in a test transaction).
"""

import secrets
from dataclasses import dataclass

import pytest

from tests.scaleout import servers


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("scaleout")


@pytest.fixture(scope="module")
def redis_url(scratch):
    server, url = servers.start_redis(scratch)
    yield url
    server.stop()


@dataclass
class Site:
    """What the instances share, and a client per instance."""

    ports: list
    processes: list
    redis_url: str

    def client(self, index):
        return servers.Client(self.ports[index])

    def logs(self):
        return "\n".join(f"--- {p.name}\n{p.log_tail()}" for p in self.processes)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, scratch, redis_url):
    with django_db_blocker.unblock():
        database_url = servers.instance_database_url()
    # Every instance of a deployment shares the secret key (sessions and password-reset
    # links signed by one are checked by another), the database, the cache and the media.
    env = servers.production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        CACHE_URL=redis_url,
        DJANGO_STATIC_ROOT=str(scratch / "static"),
        DJANGO_MEDIA_ROOT=str(scratch / "media"),
    )
    servers.collectstatic(env)
    processes, ports = [], []
    try:
        for name in ("instance-a", "instance-b"):
            process, port = servers.start_gunicorn(name, scratch, env)
            processes.append(process)
            ports.append(port)
        yield Site(ports, processes, redis_url)
    finally:
        for process in processes:
            process.stop()


@pytest.fixture
def shared_cache(settings, site):
    """This test process writes through the same Redis as the instances (as a management
    command on a server would), starting from an empty cache."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": site.redis_url,
        }
    }
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()
