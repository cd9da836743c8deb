"""Errors must be seen: a page that fails gives the site's 500 page (with its security
headers), writes its traceback to the log, and mails it to ADMINS without what the form
posted. Outages and scanners do not flood the administrators' mailbox."""

import io
import logging

import pytest
from django.test import Client

from tests.portal.test_settings import PROD, run_manage
from tests.raising_urls import DATABASE_DOWN_PATH, FAILING_PATH
from tests.security.headers import SECURITY_HEADERS

pytestmark = [pytest.mark.urls("tests.raising_urls"), pytest.mark.django_db]

ADMINS = [("Quản trị viên", "quantri@example.vn"), ("", "kythuat@example.vn")]
# What a villager types into the enrollment form: it must reach no mail and no log line.
POSTED = {"full_name": "Nguyễn Thị Hoà", "phone": "0912345678", "birth_year": "1958"}


@pytest.fixture
def visitor():
    """A browser over HTTPS (as behind nginx) that sees the 500 page instead of the
    exception the test client would raise."""
    return Client(raise_request_exception=False)


@pytest.fixture
def admins(settings):
    settings.ADMINS = ADMINS
    return settings.ADMINS


@pytest.fixture
def console_log():
    """What the console handler (stderr: the journal under systemd) writes."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_failing_page_gives_the_sites_500_page_with_its_security_headers(visitor):
    response = visitor.get(FAILING_PATH, secure=True)
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()
    missing = [name for name in SECURITY_HEADERS if not response.has_header(name)]
    assert not missing, f"the 500 page lacks {missing}"


def test_admins_get_one_mail_with_the_traceback_and_none_of_the_posted_values(
    visitor, admins, mailoutbox, console_log
):
    response = visitor.post(FAILING_PATH, POSTED, secure=True)
    assert response.status_code == 500

    assert len(mailoutbox) == 1, [m.subject for m in mailoutbox]
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["kythuat@example.vn", "quantri@example.vn"]
    assert mail.subject.startswith("[testserver] ")
    assert FAILING_PATH in mail.subject
    assert "Traceback" in mail.body and "DeliberateError" in mail.body
    # Which form failed is told by its field names; what the villager typed is not.
    assert "phone" in mail.body and "full_name" in mail.body
    for value in POSTED.values():
        assert value not in mail.body

    log = console_log.getvalue()
    assert f"Internal Server Error: {FAILING_PATH}" in log
    assert "Traceback (most recent call last)" in log and "DeliberateError" in log
    for value in POSTED.values():
        assert value not in log


def test_a_database_outage_mails_nobody(visitor, admins, mailoutbox):
    """Every visitor of an outage gets the 503 page; the administrators do not get a mail per
    visitor (the outage is in the log, once per request)."""
    for _ in range(3):
        assert visitor.get(DATABASE_DOWN_PATH, secure=True).status_code == 503
    assert mailoutbox == []


def test_a_scanners_bogus_host_mails_nobody(visitor, admins, mailoutbox):
    # No center answers at a bare address: the hosting operator's 404 page (issue 14).
    assert visitor.get("/", HTTP_HOST="203.0.113.7", secure=True).status_code == 404
    assert visitor.get("/", HTTP_HOST="203.0.113.7:x", secure=True).status_code == 400
    assert mailoutbox == []


def read_admins(value):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(repr((settings.ADMINS, settings.SERVER_EMAIL)))",
        **PROD,
        DJANGO_ADMINS=value,
        DJANGO_DEFAULT_FROM_EMAIL="tthtcd-tientan@example.vn",
    )
    return result


def test_admins_come_from_the_environment():
    result = read_admins(
        'Nguyễn Văn An <an@example.vn>, "Trần, Bình" <binh@example.vn>,chi@example.vn,'
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(
        (
            [
                ("Nguyễn Văn An", "an@example.vn"),
                ("Trần, Bình", "binh@example.vn"),
                ("", "chi@example.vn"),
            ],
            "tthtcd-tientan@example.vn",
        )
    )


@pytest.mark.parametrize(
    "value",
    [
        "Trần, Bình <binh@example.vn>",  # a name with an unquoted comma
        "an@example.vn chi@example.vn",  # spaces instead of commas
        "quản trị",
    ],
)
def test_an_unreadable_admins_list_stops_the_start(value):
    result = read_admins(value)
    assert result.returncode != 0
    assert "DJANGO_ADMINS" in result.stderr
