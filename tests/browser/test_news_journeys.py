import pytest
from playwright.sync_api import expect

from tests.core.test_text import SEED_TITLE
from tests.news.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seed_article():
    return ArticleFactory(
        title=SEED_TITLE,
        summary="Từ năm học 2012 đến 2019, Trung tâm đã mở 50 lớp với 3.554 lượt học viên.",
        body="<p>Khuyến học, khuyến tài đã và đang là động lực thúc đẩy phong trào học tập.</p>",
    )


def test_villager_reads_the_seed_article_from_the_home_page(
    live_server, phone_page, artifacts_dir, seed_article
):
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=SEED_TITLE).first.click()
    expect(page.locator("h1")).to_have_text(SEED_TITLE)
    expect(page.locator(".article-body")).to_contain_text("Khuyến học, khuyến tài")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=artifacts_dir / "news-article-phone.png", full_page=True)


def test_villager_searches_without_diacritics_and_reaches_the_article(
    live_server, phone_page, artifacts_dir, seed_article
):
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Tìm kiếm trên trang").fill("xa hoi hoc tap")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.locator(".result mark").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "news-search-phone.png", full_page=True)
    page.locator(".result a").first.click()
    expect(page.locator("h1")).to_have_text(SEED_TITLE)


def test_the_share_link_carries_the_article_url(
    live_server, phone_page, artifacts_dir, seed_article
):
    page = phone_page
    url = live_server.url + seed_article.get_absolute_url()
    page.goto(url)
    expect(page.locator("#share-url")).to_have_value(url)
    facebook = page.get_by_role("link", name="Chia sẻ lên Facebook")
    assert facebook.get_attribute("href").endswith(
        "sharer.php?u=" + url.replace(":", "%3A").replace("/", "%2F")
    )
    copy = page.get_by_role("button", name="Sao chép liên kết")
    expect(copy).to_be_visible()  # shown by the script, which also works without a clipboard
    copy.click()
    expect(page.locator("#share-status")).to_contain_text("Đã sao chép")
    page.locator(".share").screenshot(path=artifacts_dir / "news-share-phone.png")
