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


def reset(client, email, address="203.0.113.7"):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=address)


def test_password_reset_mails_to_one_address_are_limited(client, settings):
    center_staff(username="lan", email="lan@tientan.example.vn")
    allowed = int(settings.PASSWORD_RESET_RATE_LIMIT.split("/")[0])
    statuses = [
        reset(client, "lan@tientan.example.vn", f"198.51.100.{n}").status_code for n in range(30)
    ]
    # From 30 different addresses, still only `allowed` mails reach the staff member.
    assert statuses == [302] * allowed + [429] * (30 - allowed)
    assert len(mail.outbox) == allowed
    refused = reset(client, "LAN@tientan.example.vn", "198.51.100.200")
    assert refused.status_code == 429
    assert "Có quá nhiều yêu cầu đặt lại mật khẩu" in refused.content.decode()
    assert len(mail.outbox) == allowed


def test_password_reset_requests_from_one_client_are_limited(client, settings):
    allowed = int(settings.PASSWORD_RESET_RATE_LIMIT.split("/")[0])
    statuses = [reset(client, f"nguoi-{n}@example.vn").status_code for n in range(allowed + 3)]
    assert statuses == [302] * allowed + [429] * 3
    # Somebody else is not held up by it.
    assert reset(client, "khac@example.vn", address="198.51.100.9").status_code == 302


def test_password_reset_answers_before_any_mail_is_built(rf, django_assert_num_queries):
    """Known and unknown addresses do the same work before the answer (one lookup); the mail
    is rendered and sent once the response has been delivered (the server's close())."""
    from django.contrib.sessions.middleware import SessionMiddleware

    from core.accounts import PasswordResetView
    from core.models import Center
    from core.tenancy import use_center

    center_staff(username="lan", email="lan@tientan.example.vn")
    view = PasswordResetView.as_view()
    responses = {}
    for email in ("lan@tientan.example.vn", "ai-do@example.vn"):
        request = rf.post("/admin/password_reset/", {"email": email})
        request._dont_enforce_csrf_checks = True
        SessionMiddleware(lambda r: None).process_request(request)
        # At the center's host, as core.middleware.CenterMiddleware serves it.
        with use_center(Center.objects.get()), django_assert_num_queries(1):
            responses[email] = view(request)
        assert responses[email].status_code == 302
    assert mail.outbox == []
    for response in responses.values():
        response.close()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lan@tientan.example.vn"]
