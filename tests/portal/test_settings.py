"""Settings come from the environment, with safe defaults. Each case starts a fresh Python
process, because settings are read once at import."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PROD = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "tthtcd-tientan.example.vn",
}


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "tienTan_portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_setting(name, **env):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(settings.{name})",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_debug_is_off_unless_asked():
    assert read_setting("DEBUG", **PROD) == "False"
    assert read_setting("DEBUG", DJANGO_DEBUG="1") == "True"


def test_refuses_to_start_without_a_secret_key_in_production():
    result = run_manage("check", DJANGO_ALLOWED_HOSTS="example.vn")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_refuses_to_start_without_allowed_hosts_in_production():
    result = run_manage("check", DJANGO_SECRET_KEY=PROD["DJANGO_SECRET_KEY"])
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_deploy_check_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PROD)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ssl_redirect_defaults_on_in_production_and_can_be_turned_off():
    assert read_setting("SECURE_SSL_REDIRECT", **PROD) == "True"
    assert read_setting("SECURE_SSL_REDIRECT", DJANGO_SECURE_SSL_REDIRECT="0", **PROD) == "False"


def test_database_is_postgresql_whatever_the_environment_says():
    """PostgreSQL everywhere: unset, the machine's own server (its Unix socket); anything that
    is not PostgreSQL stops the start with a message."""
    assert read_setting("DATABASES['default']['ENGINE']", **PROD) == "django.db.backends.postgresql"
    assert read_setting("DATABASES['default']['NAME']", **PROD) == "portal"
    result = run_manage("check", DATABASE_URL="sqlite:///var/portal.sqlite3", **PROD)
    assert result.returncode != 0 and "must name a PostgreSQL database" in result.stderr


def test_postgres_connections_are_kept_and_health_checked():
    url = {"DATABASE_URL": "postgres://u:p@db.example:5432/portal"}
    assert read_setting("DATABASES['default']['CONN_MAX_AGE']", **PROD, **url) == "60"
    assert read_setting("DATABASES['default']['CONN_HEALTH_CHECKS']", **PROD, **url) == "True"


def test_production_without_cache_url_shares_a_folder_cache_between_workers(tmp_path):
    """A server set up as the README says (no CACHE_URL) is fast by default: the cache is a
    folder all its workers share, under the data folder, with atomic counters."""
    assert read_setting("CACHES['default']['BACKEND']", **PROD) == "core.filecache.FileCache"
    assert read_setting(
        "CACHES['default']['LOCATION']", DJANGO_DATA_DIR=str(tmp_path), **PROD
    ) == str(tmp_path / "cache")
    # A filecache:// URL gets the same atomic counters.
    assert (
        read_setting("CACHES['default']['BACKEND']", CACHE_URL="filecache:///tmp/x", **PROD)
        == "core.filecache.FileCache"
    )


def test_cache_url_selects_the_cache_backend():
    assert "LocMemCache" in read_setting(
        "CACHES['default']['BACKEND']", CACHE_URL="locmemcache://", **PROD
    )
    redis = read_setting(
        "CACHES['default']['BACKEND']", CACHE_URL="redis://127.0.0.1:6379/1", **PROD
    )
    assert "redis" in redis.lower()


def test_media_and_static_roots_come_from_the_environment(tmp_path):
    env = {
        **PROD,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "m"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "s"),
    }
    assert read_setting("MEDIA_ROOT", **env) == str(tmp_path / "m")
    assert read_setting("STATIC_ROOT", **env) == str(tmp_path / "s")


def test_page_cache_is_on_by_default_in_production_only_with_a_shared_cache():
    assert read_setting("PAGE_CACHE_SECONDS", **PROD) == "600"
    assert read_setting("PAGE_CACHE_SECONDS", CACHE_URL="filecache:///tmp/x", **PROD) == "600"
    assert read_setting("PAGE_CACHE_SECONDS", CACHE_URL="locmemcache://", **PROD) == "0"
    assert read_setting("PAGE_CACHE_SECONDS", DJANGO_DEBUG="1") == "0"
