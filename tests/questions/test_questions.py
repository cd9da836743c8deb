"""/hoi-dap/ (issue 16, part 1): villagers ask, staff answer in the admin and choose what is
published, the asker gets the answer by e-mail once; contact details never public."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from core.models import Center, CenterHost
from core.tenancy import use_center
from questions.models import Question
from tests.factories import center_staff, school_staff

pytestmark = pytest.mark.django_db

ASK = "/hoi-dap/gui/"


def ask_data(**overrides):
    data = {
        "title": "Khi nào mở lớp tin học cho người cao tuổi?",
        "body": "Tôi 65 tuổi, muốn học dùng điện thoại.\nCó mất tiền không?",
        "asker_name": "",
        "phone": "",
        "email": "",
        "website": "",
    }
    data.update(overrides)
    return data


def published(**values):
    now = timezone.now()
    defaults = {
        "title": "Lớp trồng cây cảnh có cấp giấy chứng nhận không?",
        "body": "Học xong có giấy không?",
        "answer": "Học viên dự đủ buổi được cấp giấy chứng nhận.",
        "status": Question.Status.PUBLISHED,
        "published_at": now - datetime.timedelta(hours=1),
        "answered_at": now,
    }
    defaults.update(values)
    return Question.objects.create(**defaults)


def test_the_urls_are_the_fixed_ones():
    assert reverse("questions:question-list") == "/hoi-dap/"


def test_a_villager_asks_without_giving_anything_else(client):
    response = client.post(ASK, ask_data())
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == Question.Status.DRAFT
    assert question.body == "Tôi 65 tuổi, muốn học dùng điện thoại.\nCó mất tiền không?"
    assert question.consent_text == ""
    thanks = client.get(response["Location"])
    assert "Đã nhận câu hỏi" in thanks.content.decode()
    # Not public until answered and published.
    assert client.get(question.get_absolute_url()).status_code == 404
    assert "người cao tuổi" not in client.get("/hoi-dap/").content.decode()


def test_contact_details_need_consent(client):
    response = client.post(ASK, ask_data(phone="0912 345 678", email="ba@example.vn"))
    assert response.status_code == 400
    assert "đánh dấu vào ô đồng ý" in response.content.decode()
    assert Question.objects.count() == 0
    response = client.post(ASK, ask_data(phone="0912 345 678", email="ba@example.vn", consent="on"))
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.phone == "0912345678"
    assert question.email == "ba@example.vn"
    assert "Tôi đồng ý" in question.consent_text


def test_the_database_refuses_contact_without_consent():
    with pytest.raises(IntegrityError):
        Question.objects.create(title="T", body="B", phone="0912345678")


def test_the_honeypot_refuses_and_stores_nothing(client):
    response = client.post(ASK, ask_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "Chưa gửi được câu hỏi" in response.content.decode()
    assert Question.objects.count() == 0


def test_the_rate_limit_has_its_own_setting(client, settings):
    settings.ENROLL_RATE_LIMIT = "0"
    settings.QUESTION_RATE_LIMIT = "2/h"
    for n in range(2):
        assert client.post(ASK, ask_data(title=f"Câu hỏi {n}")).status_code == 302
    response = client.post(ASK, ask_data(title="Câu hỏi thứ ba"))
    assert response.status_code == 429
    assert "Quá nhiều câu hỏi" in response.content.decode()
    assert Question.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Cần điền ô này"),
        ("title", "x" * 201, "tối đa"),
        ("body", "a" * 3001, "tối đa"),
        ("body", "Xin hỏi\u202e lớp nào", "ký tự ẩn"),
        ("asker_name", "<script>alert(1)</script>", "Họ tên"),
        ("phone", "gọi tôi", "không phải số điện thoại"),
        ("email", "khong-phai-thu", "địa chỉ thư điện tử"),
    ],
)
def test_hostile_input_gets_a_vietnamese_message(client, field, value, message):
    response = client.post(ASK, ask_data(**{field: value}, consent="on"))
    assert response.status_code == 400
    body = response.content.decode()
    assert message.lower() in body.lower()
    assert "<script>alert" not in body
    assert Question.objects.count() == 0


def test_a_body_that_is_not_utf8_is_no_500(client):
    response = client.generic(
        "POST", ASK, b"title=%FF%FE&body=%C3", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "không đọc được" in response.content.decode()
    assert Question.objects.count() == 0


def test_markup_in_a_question_is_shown_as_text(client):
    question = published(body="<b>đậm</b> <script>alert(1)</script>")
    body = client.get(question.get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in body
    assert "<script>alert" not in body


def test_published_answers_are_listed_and_shown_without_contact(client):
    question = published(
        asker_name="Nguyễn Thị Hỏi", phone="0912345678", email="hoi@example.vn", consent_text="x"
    )
    listing = client.get("/hoi-dap/").content.decode()
    assert question.title in listing
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Học viên dự đủ buổi" in page
    for private in ("Nguyễn Thị Hỏi", "0912345678", "hoi@example.vn"):
        assert private not in page and private not in listing
    # With the asker's leave, the name (never the contact).
    question.show_name = True
    question.save()
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Nguyễn Thị Hỏi" in page and "0912345678" not in page


def test_a_scheduled_answer_appears_at_its_time(client):
    question = published(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(question.get_absolute_url()).status_code == 404
    question.published_at = timezone.now() - datetime.timedelta(minutes=1)
    question.save()
    assert client.get(question.get_absolute_url()).status_code == 200


def test_the_page_cache_knows_when_a_scheduled_answer_appears():
    from core.cache import next_change
    from questions.selectors import next_change as questions_next_change

    now = timezone.now()
    at = now + datetime.timedelta(hours=3)
    published(published_at=at)
    published(published_at=now + datetime.timedelta(days=2))
    assert questions_next_change(now) == at
    assert next_change(now) <= at


def test_the_public_list_changes_as_soon_as_staff_publish(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert "Lớp trồng cây cảnh" not in client.get("/hoi-dap/").content.decode()
    published()
    assert "Lớp trồng cây cảnh" in client.get("/hoi-dap/").content.decode()


def test_an_unanswered_question_cannot_be_published():
    with pytest.raises(IntegrityError):
        Question.objects.create(
            title="T", body="B", status=Question.Status.PUBLISHED, published_at=timezone.now()
        )


def test_the_list_finds_answers_without_diacritics(client):
    published()
    published(title="Khi nào có lớp phòng bệnh cho lợn?", answer="Tháng sau.")
    body = client.get("/hoi-dap/", {"q": "cay canh"}).content.decode()
    assert "trồng cây cảnh" in body
    assert "phòng bệnh cho lợn" not in body
    assert "không tìm thấy" not in body.lower()


@pytest.mark.parametrize("q", ["x" * 5000, "\x00\x01", "' OR 1=1 --", "<script>"])
def test_hostile_searches_are_no_500(client, q):
    assert client.get("/hoi-dap/", {"q": q, "page": "abc"}).status_code == 200


def test_the_site_search_and_sitemap_carry_published_answers_only(client):
    question = published()
    Question.objects.create(title="Câu hỏi chưa trả lời về cây cảnh", body="Chưa")
    search = client.get("/tim-kiem/", {"q": "cay canh"}).content.decode()
    assert question.get_absolute_url() in search
    assert "chưa trả lời về cây cảnh" not in search
    sitemap = client.get("/sitemap.xml").content.decode()
    assert question.get_absolute_url() in sitemap


def _admin_post(client, question, **changes):
    data = {
        "title": question.title,
        "body": question.body,
        "asker_name": question.asker_name,
        "answer": question.answer,
        "status": question.status,
        "published_at_0": "",
        "published_at_1": "",
    }
    data.update(changes)
    url = reverse("admin:questions_question_change", args=[question.pk])
    return client.post(url, data)


def test_staff_answer_and_the_asker_is_mailed_once(client):
    staff = center_staff(username="canbo-hoidap")
    client.force_login(staff)
    question = Question.objects.create(
        title="Hỏi về lớp", body="Khi nào?", email="hoi@example.vn", consent_text="đồng ý"
    )
    response = _admin_post(
        client, question, answer="Tháng 12 mở lớp.", status=Question.Status.PUBLISHED
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    question.refresh_from_db()
    assert question.is_published()
    assert question.answered_by == staff and question.answered_at and question.answer_mailed_at
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoi@example.vn"]
    assert "Tháng 12 mở lớp." in message.body
    assert f"http://testserver{question.get_absolute_url()}" in message.body
    # A later edit does not mail again.
    _admin_post(client, question, answer="Tháng 12 mở lớp, buổi tối.", status="published")
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_keeps_the_answer_and_the_next_save_mails(client, monkeypatch):
    import smtplib

    import questions.services

    client.force_login(center_staff(username="canbo-hoidap3"))
    question = Question.objects.create(
        title="Hỏi về lớp", body="Khi nào?", email="hoi@example.vn", consent_text="đồng ý"
    )

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    with monkeypatch.context() as patch:
        patch.setattr(questions.services, "send_mail", refuse)
        response = _admin_post(client, question, answer="Tháng 12 mở lớp.")
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Tháng 12 mở lớp." and question.answer_mailed_at is None
    messages = client.get(response.url).content.decode()
    assert "Chưa gửi được câu trả lời qua thư điện tử" in messages
    # A title with a line break typed into the admin: still one mail, one subject line.
    _admin_post(client, question, title="Hỏi về\r\nlớp", answer="Tháng 12 mở lớp.")
    question.refresh_from_db()
    assert question.answer_mailed_at is not None
    assert len(mail.outbox) == 1 and "\n" not in mail.outbox[0].subject


def test_staff_cannot_publish_without_an_answer(client):
    client.force_login(center_staff(username="canbo-hoidap2"))
    question = Question.objects.create(title="Hỏi", body="?")
    response = _admin_post(client, question, status=Question.Status.PUBLISHED)
    assert response.status_code == 200
    assert "viết câu trả lời trước khi đăng" in response.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.DRAFT


def test_the_staff_home_counts_questions_waiting(client):
    client.force_login(center_staff(username="canbo-hoidap3"))
    Question.objects.create(title="Hỏi 1", body="?")
    Question.objects.create(title="Hỏi 2", body="?")
    body = client.get(reverse("staff-home")).content.decode()
    assert "2 câu hỏi đang chờ trả lời" in body


def test_school_staff_do_not_see_questions(client):
    client.force_login(school_staff(username="gv-hoidap"))
    assert client.get(reverse("admin:questions_question_changelist")).status_code == 403


def test_another_centers_questions_are_not_shown(client):
    other = Center.objects.create(name="Trung tâm học tập cộng đồng xã Khác", slug="khac")
    CenterHost.objects.create(center=other, host="khac.test")
    with use_center(other):
        there = published(title="Câu hỏi của xã khác")
    assert client.get(there.get_absolute_url()).status_code == 404
    assert "xã khác" not in client.get("/hoi-dap/").content.decode()
    assert client.get(there.get_absolute_url(), HTTP_HOST="khac.test").status_code == 200


def test_the_list_makes_the_same_queries_for_many_answers(client, django_assert_max_num_queries):
    for n in range(3):
        published(title=f"Câu hỏi số {n}")
    client.get("/hoi-dap/")
    for n in range(3, 12):
        published(title=f"Câu hỏi số {n}")
    with django_assert_max_num_queries(8):
        client.get("/hoi-dap/")


def test_the_contact_page_and_the_footer_link_here(client):
    assert 'href="/hoi-dap/"' in client.get("/").content.decode()
    assert 'href="/hoi-dap/gui/"' in client.get("/lien-he/").content.decode()
