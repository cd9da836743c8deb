"""Test settings: production settings with the few changes tests need."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
# The first center's host names (core.centers.make_first_center): the test client's, the live
# server's, and the public name the production-like servers of tests/scaleout are asked at.
os.environ.setdefault(
    "DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1,tthtcd-tientan.example.vn"
)

from tienTan_portal.settings import *  # noqa: F403
from tienTan_portal.settings import BASE_DIR

# Plain HTTP in tests; the security tests switch these on where they assert them.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"  # __Host- cookies need HTTPS, which the live server lacks
CSRF_COOKIE_NAME = "csrftoken"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "core.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
ARTIFACTS_DIR = BASE_DIR / "artifacts"
# Serve static files from the finders, as in development: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The anonymous page cache is off, except in tests/portal/test_page_cache.py, which turns it on.
PAGE_CACHE_SECONDS = 0
