"""What the deploy test's gunicorn loads (DJANGO_SETTINGS_MODULE): the production settings,
unchanged, with the URLs of tests/raising_urls.py, which are the site's plus a page that fails.
Nothing else differs from production."""

from tienTan_portal.settings import *  # noqa: F403

ROOT_URLCONF = "tests.raising_urls"
