"""One rule for who the client is (core.net.client_ip), used by the admin's lock-out and by
the public forms' rate limits: DJANGO_PROXY_COUNT hops from the right of X-Forwarded-For.

Behind nginx every request reaches gunicorn from 127.0.0.1; a client may send any
X-Forwarded-For it likes, and nginx appends the address it really came from. Forged entries,
fixed or rotating, must neither spread a lock-out to other people nor let anyone escape one.
"""

import itertools

import pytest
from django.test import Client, RequestFactory

from core.checks import check_rate_limits
from core.net import client_ip
from core.ratelimit import parse_rate
from tests.attendance.factories import enroll_data
from tests.classes.factories import CourseFactory
from tests.factories import PASSWORD, center_staff

NGINX = "127.0.0.1"
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.9"
_forged = (f"10.{n // 250}.{n % 250}.1" for n in itertools.count())


def forged():
    """A different made-up address each time: a client rotating its X-Forwarded-For."""
    return next(_forged)


def behind_nginx(real, header=None):
    """The request headers gunicorn sees when `real` talks to nginx (which appends `real` to
    whatever X-Forwarded-For the client sent)."""
    chain = f"{header}, {real}" if header else real
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": chain}


def direct(real, header=None):
    """No proxy: the client is the peer; it may still send a header of its own."""
    meta = {"REMOTE_ADDR": real}
    if header:
        meta["HTTP_X_FORWARDED_FOR"] = header
    return meta


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        # No proxy: the header is the client's own words and is ignored.
        (0, direct(ATTACKER), ATTACKER),
        (0, direct(ATTACKER, "6.6.6.6"), ATTACKER),
        (0, direct(ATTACKER, f"6.6.6.6, {COLLEAGUE}"), ATTACKER),
        # One proxy: the last entry is the one nginx wrote.
        (1, behind_nginx(ATTACKER), ATTACKER),
        (1, behind_nginx(ATTACKER, "6.6.6.6"), ATTACKER),
        (1, behind_nginx(ATTACKER, f"{COLLEAGUE}, 6.6.6.6"), ATTACKER),
        (1, behind_nginx(ATTACKER, "not-an-address, , for=unknown"), ATTACKER),
        (1, behind_nginx("2001:db8::7", "6.6.6.6"), "2001:db8::7"),
        # A request that did not come through the proxy (no header): its peer.
        (1, direct(ATTACKER), ATTACKER),
        # Two proxies (a CDN, then nginx): the second entry from the right.
        (2, behind_nginx("192.0.2.1", f"6.6.6.6, {ATTACKER}"), ATTACKER),
    ],
)  # fmt: skip
def test_client_address_is_proxy_count_hops_from_the_right(settings, proxies, meta, expected):
    settings.PROXY_COUNT = proxies
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_the_lock_out_asks_the_same_function(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "core.net.client_ip"


def login(client, username, password, meta):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, **meta
    )


@pytest.mark.django_db
@pytest.mark.parametrize("proxies", [0, 1])
def test_lock_out_follows_the_real_address_whatever_the_header_says(settings, proxies):
    """Five wrong passwords from one address lock that username out from that address, even
    when every attempt forges a new X-Forwarded-For; the colleague elsewhere logs in."""
    settings.PROXY_COUNT = proxies
    via = behind_nginx if proxies else direct
    center_staff(username="lan")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(Client(), "lan", "sai-mat-khau", via(ATTACKER, forged())).status_code == 200
    assert login(Client(), "lan", "sai-mat-khau", via(ATTACKER, forged())).status_code == 429
    # A new forged address does not escape the lock-out, even with the right password...
    assert login(Client(), "lan", PASSWORD, via(ATTACKER, forged())).status_code == 429
    assert login(Client(), "lan", PASSWORD, via(ATTACKER, COLLEAGUE)).status_code == 429
    # ...and the staff member at her own address is not locked out by it.
    assert login(Client(), "lan", PASSWORD, via(COLLEAGUE, forged())).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("proxies", [0, 1])
@pytest.mark.parametrize("form", ["enroll", "survey"])
def test_public_form_limit_follows_the_real_address(settings, proxies, form):
    settings.PROXY_COUNT = proxies
    settings.ENROLL_RATE_LIMIT = "3/h"
    via = behind_nginx if proxies else direct
    if form == "enroll":
        course = CourseFactory(capacity=100)
        path, data = f"/lop-hoc/{course.slug}/dang-ky/", {**enroll_data(), "full_name": ""}
    else:
        path, data = "/khao-sat/", {}
    statuses = [Client().post(path, data, **via(ATTACKER, forged())).status_code for _ in range(5)]
    # Invalid submissions count too (they are what a flood sends); the fourth is refused.
    assert statuses == [400, 400, 400, 429, 429]
    assert Client().post(path, data, **via(COLLEAGUE, forged())).status_code == 400


def test_rates_are_parsed_and_a_mistyped_one_fails_the_system_check(settings):
    assert parse_rate("10/h") == (10, 3600) and parse_rate("0") is None
    assert parse_rate("30/5m") == (30, 300)
    with pytest.raises(ValueError):
        parse_rate("ten per hour")
    settings.ENROLL_RATE_LIMIT = "10 per hour"
    assert [e.id for e in check_rate_limits(None)] == ["core.E001"]
    settings.ENROLL_RATE_LIMIT = "10/h"
    settings.PASSWORD_RESET_RATE_LIMIT = "three"
    assert [e.id for e in check_rate_limits(None)] == ["core.E001"]
    settings.PASSWORD_RESET_RATE_LIMIT = "3/h"
    assert check_rate_limits(None) == []
