"""A hamlet head prints a notice's poster from a phone; the printout is one A4 page whose QR
code, photographed off the screen, opens the notice."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from classes.models import Kind
from tests.classes.factories import CourseFactory, PartnerFactory, SessionFactory
from tests.news.factories import ArticleFactory, category
from tests.qrdecode import decode_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium writes one page object per printed page.
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b(?!s)")


def pdf_pages(pdf: bytes) -> int:
    assert pdf.startswith(b"%PDF-")
    return len(_PAGE_OBJECT.findall(pdf))


def qr_on_screen(page):
    """Decode the poster's QR code from what the browser actually drew."""
    png = page.locator(".poster-qr svg").screenshot()
    return decode_image(Image.open(io.BytesIO(png)).convert("L"))


def test_hamlet_head_prints_a_notice_poster_from_the_article_page(
    live_server, phone_page, artifacts_dir
):
    article = ArticleFactory(
        title="Thông báo lịch tiêm phòng cho trẻ em",
        category=category("thong-bao"),
        body="<p>Tiêm phòng cho trẻ dưới 5 tuổi lúc 7h30 ngày 15/03/2026 tại nhà văn hoá "
        "xóm Đông.</p>",
    )
    page = phone_page
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("link", name="In tờ rơi").click()
    expect(page).to_have_url(live_server.url + f"/tin-tuc/{article.slug}/to-roi/")
    expect(page.locator(".poster h1")).to_have_text("Thông báo lịch tiêm phòng cho trẻ em")
    expect(page.locator(".poster")).to_contain_text("nhà văn hoá xóm Đông")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "poster-phone.png", full_page=True)

    assert qr_on_screen(page) == [live_server.url + article.get_absolute_url()]

    # The "In" button (print.js) opens the browser's print dialog.
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="In", exact=True).click()
    assert page.evaluate("window.printed") is True

    # On paper: no site header, footer or buttons; the QR code about 5 cm wide.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".poster-tools")).to_be_hidden()
    width_mm = page.locator(".poster-qr svg").bounding_box()["width"] / 96 * 25.4
    assert 45 <= width_mm <= 55
    pdf = page.pdf(format="A4", print_background=True)
    (artifacts_dir / "poster-notice.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == 1


def test_the_longest_notice_still_prints_on_one_page(live_server, page):
    title = (
        "Thông báo về việc tổ chức tập huấn kỹ thuật chăm sóc lúa và phòng trừ sâu bệnh vụ Xuân "
        "năm 2026 cho bà con nông dân các xóm Đông, Đoài, Nam, Bắc, Trung, Thượng của xã Tiên Tân, "
        "thành phố Phủ Lý, tỉnh Hà Nam"
    )[:200]  # the longest title an article may have
    article = ArticleFactory(
        title=title,
        category=category("thong-bao"),
        summary="",
        body="<p>" + " ".join(["Bà con mang theo giấy bút và sổ ghi chép."] * 10) + "</p>",
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    page.goto(live_server.url + f"/tin-tuc/{article.slug}/to-roi/")
    assert pdf_pages(page.pdf(format="A4")) == 1


def test_a_class_poster_is_one_page_with_every_detail(live_server, phone_page, artifacts_dir):
    course = CourseFactory(
        title="Lớp đào tạo nghề trồng và chăm sóc cây cảnh, cây ăn quả cho lao động nông thôn "
        "xã Tiên Tân năm 2026",
        kind=Kind.VOCATIONAL,
        topic="Kỹ thuật ghép, chiết cành, tạo dáng cây cảnh và chăm sóc cây ăn quả",
        instructor="Kỹ sư nông nghiệp của Trung tâm giáo dục nghề nghiệp huyện",
        schedule_note="Tối thứ Ba và thứ Năm hằng tuần, 19:00–21:00",
        place="Hội trường Ủy ban nhân dân xã Tiên Tân, thành phố Phủ Lý, tỉnh Hà Nam",
        description=" ".join(
            ["Học viên được cấp chứng chỉ sơ cấp nghề khi hoàn thành khoá học."] * 5
        ),
    )
    course.partners.add(
        PartnerFactory(name="Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên"),
        PartnerFactory(name="Hội Nông dân xã Tiên Tân"),
    )
    SessionFactory(course=course, date=course.start_date)
    page = phone_page
    page.goto(live_server.url + course.get_absolute_url())
    page.get_by_role("link", name="In tờ rơi").click()
    expect(page.locator(".poster")).to_contain_text("Hội trường Ủy ban nhân dân xã Tiên Tân")
    expect(page.locator(".poster")).to_contain_text("Ghi danh: tại")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "poster-class-phone.png", full_page=True)
    assert qr_on_screen(page) == [live_server.url + course.get_absolute_url()]
    pdf = page.pdf(format="A4", print_background=True)
    (artifacts_dir / "poster-class.pdf").write_bytes(pdf)
    assert pdf_pages(pdf) == 1


def test_a_class_with_every_field_at_its_longest_still_prints_on_one_page(live_server, page):
    words = "Trung tâm giáo dục nghề nghiệp huyện " * 10
    course = CourseFactory(
        title=words[:200],
        topic=words[:200],
        instructor=words[:200],
        schedule_note=words[:200],
        place=words[:200],
        description=words * 4,
    )
    for n in range(3):
        course.partners.add(PartnerFactory(name=f"{n}. {words[:120]}"))
    SessionFactory(course=course, date=course.start_date)
    page.goto(live_server.url + f"/lop-hoc/{course.slug}/to-roi/")
    assert pdf_pages(page.pdf(format="A4")) == 1
