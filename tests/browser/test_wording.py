"""One voice, read where people read it (issue 15, item 11; docs/translation-style.md).

A villager on a 360×740 phone (and on a computer) walks the public pages — forms, their errors
and answers included — and never meets "bạn": the site says "bà con". Staff walk the admin
pages they use, on a computer and on a phone, and meet no pronoun, no "Thêm vào", no "Django".
Every page's visible text is held to all the rules of scripts/wording.py."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from classes.models import Course
from disclosures.models import DisclosureDocument
from news.models import Article
from scripts.wording import describe, problems
from tests.browser.test_staff_editor import DESKTOP, log_in
from tests.conftest import PHONE
from tests.factories import administrator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# What a page says besides its text: buttons drawn by <input> and the hints inside fields.
WORDS_IN_CONTROLS = """() => Array.from(document.querySelectorAll(
  'input[type=submit], input[type=button], [placeholder], [title], [aria-label]'
)).map((e) => [e.value, e.placeholder, e.title, e.getAttribute('aria-label')]
  .filter(Boolean).join('\\n')).join('\\n')"""


def read(page, name, artifacts_dir, where):
    """The page's visible text and the words of its controls, checked; a screenshot of it
    under artifacts/."""
    text = page.locator("body").inner_text() + "\n" + page.evaluate(WORDS_IN_CONTROLS)
    found = problems(text)
    assert not [word for rule, word in found if rule.name == "pronoun"], f"{name}: {text!r}"
    assert not found, f"{name} ({page.url}): {[describe(*p) for p in found]}"
    assert "Django" not in page.title() + text, name
    page.screenshot(path=artifacts_dir / f"wording-{where}-{name}.png", full_page=True)
    return text


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.parametrize(("size", "where"), [(PHONE, "public-phone"), (DESKTOP, "public-desktop")])
def test_a_villager_is_called_ba_con_on_every_public_page(
    live_server, page, artifacts_dir, demo, size, where
):
    page.set_viewport_size(size)
    course = Course.objects.get(slug="tin-hoc-co-ban-cho-nguoi-cao-tuoi")
    article = Article.objects.published().order_by("-published_at").first()
    document = DisclosureDocument.objects.published().first()
    pages = {
        "home": "/",
        "news": "/tin-tuc/",
        "article": article.get_absolute_url(),
        "classes": "/lop-hoc/",
        "class": course.get_absolute_url(),
        "loudspeaker": f"/lop-hoc/{course.slug}/loa/",
        "disclosures": "/cong-khai/",
        "document": document.get_absolute_url(),
        "statistics": "/thong-ke/",
        "about": "/gioi-thieu/",
        "board": "/gioi-thieu/ban-giam-doc/",
        "partners": "/gioi-thieu/doi-tac/",
        "contact": "/lien-he/",
        "privacy": "/chinh-sach-rieng-tu/",
        "search": "/tim-kiem/?q=hoc+tap",
        "search-nothing": "/tim-kiem/?q=khong+co+gi+ca",
        "not-found": "/khong-co-trang-nay/",
        "survey-paper": "/khao-sat/in/",
    }
    for name, url in pages.items():
        page.goto(live_server.url + url)
        read(page, name, artifacts_dir, where)

    # The enrollment form, sent empty: its errors; then sent right: the confirmation.
    page.goto(live_server.url + f"/lop-hoc/{course.slug}/dang-ky/")
    text = read(page, "enroll-form", artifacts_dir, where)
    assert "Bà con đang ghi danh lớp “Tin học cơ bản cho người cao tuổi”." in text
    page.locator(".btn-enroll").click()
    text = read(page, "enroll-errors", artifacts_dir, where)
    assert "Hãy đánh dấu vào ô đồng ý; nếu không, trung tâm không ghi danh được cho bà con." in text
    page.get_by_label("Họ và tên").fill("Trần Thị Thử")
    page.get_by_label("Năm sinh").fill("1958")
    page.get_by_label("Nữ").check()
    page.get_by_label("Xóm").select_option(index=1)
    page.locator("#id_consent").check()
    page.locator(".btn-enroll").click()
    expect(page.locator("h1")).to_have_text("Đã nhận đơn ghi danh")
    text = read(page, "enroll-done", artifacts_dir, where)
    assert "Cảm ơn bà con." in text and "Các bước tiếp theo" in text

    # The survey, sent with nothing ticked, then answered.
    page.goto(live_server.url + "/khao-sat/")
    read(page, "survey", artifacts_dir, where)
    page.get_by_role("button", name="Gửi phiếu trả lời").click()
    text = read(page, "survey-errors", artifacts_dir, where)
    assert "ghi điều bà con muốn học" in text
    page.get_by_label("Tin học").check()
    page.get_by_label("Xóm của bà con").select_option(index=1)
    page.get_by_role("button", name="Gửi phiếu trả lời").click()
    expect(page.locator("h1")).to_have_text("Cảm ơn bà con đã trả lời")
    read(page, "survey-thanks", artifacts_dir, where)


ADMIN_PAGES = {
    "index": "/admin/",
    "classes": "/admin/classes/course/",
    "classes-filtered": "/admin/classes/course/?status__exact=published&kind__exact=it",
    "class": "/admin/classes/course/{course}/change/",
    "class-history": "/admin/classes/course/{course}/history/",
    "article-add": "/admin/news/article/add/",
    "article-delete": "/admin/news/article/{article}/delete/",
    "users": "/admin/auth/user/",
    "user": "/admin/auth/user/{user}/change/",
    "password-change": "/admin/password_change/",
}


@pytest.mark.parametrize(("size", "where"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_staff_read_the_admin_without_a_pronoun_or_a_calque(
    live_server, page, artifacts_dir, demo, size, where
):
    page.set_viewport_size(size)
    where = f"admin-{where}"
    # At the door: the login page, and "Forgotten your password?".
    page.goto(live_server.url + "/admin/login/")
    read(page, "login", artifacts_dir, where)
    page.get_by_role("link", name="Quên thông tin đăng nhập?").click()
    expect(page.locator("h1")).to_have_text("Đặt lại mật khẩu")
    # Titled like the rest of the admin (with the center's name), not with Django's default.
    expect(page.locator("#site-name")).to_have_text(
        "Trung tâm học tập cộng đồng xã Tiên Tân: quản trị"
    )
    expect(page).to_have_title(
        "Đặt lại mật khẩu | Quản trị Trung tâm học tập cộng đồng xã Tiên Tân"
    )
    read(page, "password-reset", artifacts_dir, where)
    page.get_by_label("Địa chỉ thư điện tử:").fill("ai-do@example.vn")
    page.get_by_role("button", name="Đặt lại mật khẩu").click()
    read(page, "password-reset-sent", artifacts_dir, where)
    page.goto(live_server.url + "/admin/reset/MQ/sai-roi/")
    read(page, "password-reset-bad-link", artifacts_dir, where)

    user = administrator()
    log_in(page, live_server, user)
    ids = {
        "course": Course.objects.get(slug="tin-hoc-co-ban-cho-nguoi-cao-tuoi").pk,
        "article": Article.objects.first().pk,
        "user": user.pk,
    }
    for name, url in ADMIN_PAGES.items():
        page.goto(live_server.url + url.format(**ids))
        read(page, name, artifacts_dir, where)

    # The actions bar: a row ticked, an action chosen, "Thực hiện", the confirmation.
    page.goto(live_server.url + "/admin/news/article/")
    page.locator("input.action-select").first.check()
    expect(page.locator(".action-counter")).to_contain_text("Đã chọn 1/")
    page.locator('select[name="action"]').select_option("delete_selected")
    read(page, "articles-action", artifacts_dir, where)
    page.locator(".actions").get_by_role("button", name="Thực hiện").click()
    expect(page.locator("h1")).to_have_text("Xóa nhiều mục")
    text = read(page, "articles-delete-selected", artifacts_dir, where)
    assert "Có, xóa" in text and "Không, quay lại" in text
    # Saving a change form: the message after it.
    page.goto(live_server.url + f"/admin/classes/course/{ids['course']}/change/")
    page.locator('input[name="_continue"]').click()
    expect(page.locator(".messagelist")).to_contain_text("Có thể sửa tiếp ở dưới.")
    read(page, "class-saved", artifacts_dir, where)
    page.locator("#logout-form button").click()
    read(page, "logged-out", artifacts_dir, where)
