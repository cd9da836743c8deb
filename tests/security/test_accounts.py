import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import PASSWORD, center_staff

pytestmark = pytest.mark.django_db


def login(client, username, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_repeated_failed_logins_lock_the_account_out_in_vietnamese(client, settings):
    center_staff(username="lan")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "lan", "sai-mat-khau").status_code == 200
    locked = login(client, "lan", "sai-mat-khau")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in html and "30 phút" in html
    # Even the right password is refused during the cool-off...
    assert login(client, "lan", PASSWORD).status_code == 429
    # ...but only for that username from that address.
    center_staff(username="hoa")
    assert login(client, "hoa", PASSWORD).status_code == 302
    assert login(client.__class__(), "lan", PASSWORD, address="198.51.100.9").status_code == 302


def test_a_successful_login_before_the_limit_resets_the_count(client, settings):
    center_staff(username="lan")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "lan", "sai-mat-khau")
    assert login(client, "lan", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "lan", "sai-mat-khau").status_code == 200


@pytest.mark.parametrize("password", ["ngan-qua", "password1234", "123456789012"])
def test_weak_passwords_are_refused_in_vietnamese(password):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        validate_password(password)
    assert any(c in str(error.value) for c in ("quá ngắn", "quá phổ biến", "hoàn toàn là số"))


def test_password_reset_does_not_reveal_whether_an_account_exists(client):
    center_staff(username="lan", email="lan@tientan.example.vn")
    known = client.post("/admin/password_reset/", {"email": "lan@tientan.example.vn"})
    unknown = client.post("/admin/password_reset/", {"email": "ai-do@example.vn"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/admin/password_reset/done/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lan@tientan.example.vn"]


def test_the_login_page_offers_password_reset(client):
    assert 'href="/admin/password_reset/"' in client.get("/admin/login/").content.decode()


def test_logging_out_ends_the_session(client):
    client.force_login(center_staff())
    session_cookie = client.cookies["sessionid"].value
    client.post("/admin/logout/")
    client.cookies["sessionid"] = session_cookie  # an old copy of the cookie is worthless
    assert client.get("/admin/").status_code == 302


def test_disabling_a_user_ends_their_sessions(client):
    user = center_staff()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    user.is_active = False
    user.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
