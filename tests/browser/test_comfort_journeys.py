"""Reading comfort on a phone (360×740): larger letters chosen with a tap and kept, the page
still fitting the screen; dark mode readable (contrast measured); print without the menus."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.news.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"

# Every visible text node's colour against the background actually behind it (the first
# ancestor with an opaque background), WCAG contrast ratio; returns those under 4.5:1.
LOW_CONTRAST = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest("[hidden], .visually-hidden, svg")) continue;
    const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const text = node.textContent.trim().slice(0, 30);
    if (ratio < 4.5) bad.push(`${el.tagName}.${el.className} «${text}» ${ratio.toFixed(2)}`);
  }
  return bad;
}"""


@pytest.fixture
def article():
    return ArticleFactory(
        title="Khai giảng lớp tin học cho người cao tuổi",
        summary="Lớp học miễn phí vào tối thứ Ba và thứ Năm tại nhà văn hóa thôn.",
        body="<p>Bà con đăng ký tại Trung tâm hoặc qua trang <a href='https://tientan.example.vn/'>"
        "của xã</a>. Mỗi lớp 20 người, có máy tính cho người chưa có.</p>",
    )


def save(page, artifacts_dir, name):
    path = artifacts_dir / name
    page.screenshot(path=path, full_page=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SCREENSHOTS / name)


def test_an_elder_makes_the_text_larger_and_it_stays(
    live_server, phone_page, artifacts_dir, article
):
    page = phone_page
    page.goto(live_server.url + article.get_absolute_url())
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("link", name="Rất lớn").click()
    # Back on the same article, with larger letters, at once and after a reload.
    expect(page.locator("h1")).to_have_text(article.title)
    expect(page.locator("html")).to_have_class("text-larger")
    larger = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert larger >= normal * 1.45
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_class("text-larger")
    for path in (
        "/",
        article.get_absolute_url(),
        "/lop-hoc/",
        "/cong-khai/",
        "/van-ban/",
        "/lich-cong-tac/",
    ):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.goto(live_server.url + article.get_absolute_url())
    save(page, artifacts_dir, "large-text-phone.png")
    page.get_by_role("link", name="Thường").click()
    expect(page.locator("html")).not_to_have_class("text-larger")


def test_the_site_follows_the_phones_dark_mode(live_server, phone_page, artifacts_dir, article):
    page = phone_page
    page.emulate_media(color_scheme="dark")
    for path in (
        article.get_absolute_url(),
        "/",
        "/lop-hoc/",
        "/cong-khai/",
        "/van-ban/",
        "/lich-cong-tac/",
    ):
        page.goto(live_server.url + path)
        bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert bg == "rgb(18, 23, 21)", path
        assert page.evaluate(LOW_CONTRAST) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.goto(live_server.url + article.get_absolute_url())
    save(page, artifacts_dir, "dark-phone.png")


def test_the_print_button_prints_a_clean_article(live_server, phone_page, article):
    page = phone_page
    page.goto(live_server.url + article.get_absolute_url())
    button = page.get_by_role("button", name="In trang này")
    expect(button).to_be_visible()  # print.js revealed it
    page.evaluate("window.print = () => { window.printed = true; }")
    button.click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print", color_scheme="dark")
    for hidden in (
        ".site-nav",
        ".site-header",
        ".site-footer",
        ".share",
        ".outreach",
        ".print-tools",
    ):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".article-body")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    )


def test_without_javascript_no_dead_print_button(live_server, browser, article):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("[data-print]")).to_be_hidden()
    page.get_by_role("link", name="Lớn", exact=True).click()
    expect(page.locator("html")).to_have_class("text-large")
    context.close()
