import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from news.models import Attachment
from tests.core.test_uploads import PDF
from tests.html_outline import outline
from tests.news.factories import ArticleFactory, category

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_home_shows_pinned_notices_first_then_latest_news(client):
    ArticleFactory(title="Tin mới nhất")
    ArticleFactory(
        title="Thông báo ghim",
        category=category("thong-bao"),
        pinned=True,
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    html = client.get("/").content.decode()
    assert html.index("Thông báo ghim") < html.index("Tin mới nhất")
    assert "Thông báo" in html


def test_news_list_paginates_newest_first(client):
    now = timezone.now()
    for i in range(15):
        ArticleFactory(title=f"Tin số {i:02d}", published_at=now - datetime.timedelta(days=i + 1))
    first = client.get("/tin-tuc/").content.decode()
    assert first.index("Tin số 00") < first.index("Tin số 01")
    assert "Tin số 14" not in first
    assert 'rel="next" href="?page=2"' in first
    second = client.get("/tin-tuc/?page=2").content.decode()
    assert "Tin số 14" in second
    # A page past the end shows the last one (core.pagination), not a 404.
    assert client.get("/tin-tuc/?page=99").content.decode().count("Tin số 14") == 1


def test_category_page_lists_only_its_articles(client):
    ArticleFactory(title="Thông báo họp", category=category("thong-bao"))
    ArticleFactory(title="Tin sự kiện")
    response = client.get("/tin-tuc/chuyen-muc/thong-bao/")
    html = response.content.decode()
    assert "Thông báo họp" in html and "Tin sự kiện" not in html
    assert client.get("/tin-tuc/chuyen-muc/khong-co/").status_code == 404


def test_article_page_has_breadcrumb_byline_vietnamese_date_and_body(client):
    article = ArticleFactory(
        title="Khai giảng lớp may công nghiệp",
        body="<p>Lớp có <strong>35</strong> học viên.</p>",
        published_at=datetime.datetime(2021, 9, 7, 8, 0, tzinfo=TZ),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    crumb = html.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert "Trang chủ" in crumb and "Tin tức - Sự kiện" in crumb
    assert "Thứ Ba, 07/09/2021" in html
    assert "TTHTCĐ xã Tiên Tân" in html
    assert "<strong>35</strong>" in html


def test_attachments_show_type_and_size(client):
    article = ArticleFactory()
    Attachment.objects.create(
        article=article,
        title="Kế hoạch năm học",
        file=SimpleUploadedFile("ke-hoach.pdf", PDF + b" " * int(2.4 * 1024 * 1024)),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Kế hoạch năm học" in html
    assert "PDF · 2,4 MB" in html


def test_see_also_lists_up_to_five_other_published_articles_of_the_category(client):
    article = ArticleFactory(title="Bài chính")
    others = [ArticleFactory(title=f"Bài cùng chuyên mục {i}") for i in range(7)]
    ArticleFactory(title="Bài chuyên mục khác", category=category("bai-giang"))
    html = client.get(article.get_absolute_url()).content.decode()
    related = html.split('class="related"', 1)[1]
    assert related.count("<li>") == 5
    assert "Bài chính" not in related and "Bài chuyên mục khác" not in related
    assert others[-1].title in related  # newest first


def test_one_set_of_open_graph_tags_with_absolute_urls(client):
    article = ArticleFactory(title="Tập huấn trồng lúa", summary="Kỹ thuật chăm sóc lúa vụ Xuân.")
    html = client.get(article.get_absolute_url()).content.decode()
    for prop in ("og:title", "og:description", "og:image", "og:url", "og:type", "og:locale"):
        assert html.count(f'property="{prop}"') == 1, prop
    assert '<meta property="og:title" content="Tập huấn trồng lúa">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert re.search(
        r'property="og:image" content="http://testserver/static/img/og-default\.jpg"', html
    )
    assert 'property="og:image:width" content="1200"' in html
    assert 'property="article:published_time"' in html
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta name="description" content="Kỹ thuật chăm sóc lúa vụ Xuân.">' in html


def test_share_links_carry_the_article_url_and_load_no_third_party_script(client):
    article = ArticleFactory(title="Chia sẻ bài")
    html = client.get(article.get_absolute_url()).content.decode()
    url = f"http://testserver{article.get_absolute_url()}"
    assert (
        "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver%2Ftin-tuc%2F" in html
    )
    assert f'data-share-url="{url}"' in html
    assert f'id="share-url" class="form-control" type="text" value="{url}"' in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_video_loads_nothing_from_youtube_until_play(client):
    article = ArticleFactory(video_url="https://youtu.be/dQw4w9WgXcQ")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert 'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    assert "<iframe" not in html
    assert not re.search(r'(src|srcset)="https?://[^"]*(youtube|ytimg)', html)


def test_repeat_visit_gets_304(client):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    assert first.status_code == 200 and first.has_header("ETag")
    again = client.get(article.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    "url", ["/", "/tin-tuc/", "/tin-tuc/chuyen-muc/tin-tuc-su-kien/", "ARTICLE"]
)
def test_query_count_does_not_grow_with_articles(client, django_assert_max_num_queries, url):
    articles = ArticleFactory.create_batch(55)
    if url == "ARTICLE":
        url = articles[0].get_absolute_url()
    # The home page also draws the classes box and the key figures: one query each. The
    # footer's contact details cost one more on the first page after a change (then cached).
    with django_assert_max_num_queries(9 if url == "/" else 6):
        assert client.get(url).status_code == 200


def test_an_article_with_its_css_is_under_50_kb_compressed(client):
    import gzip

    from django.conf import settings

    article = ArticleFactory(body="<p>Nội dung bài viết dài.</p>" * 200)
    html = client.get(article.get_absolute_url()).content
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_bytes()
    js = (Path(settings.BASE_DIR) / "static/js/site.js").read_bytes()
    assert len(gzip.compress(html)) + len(gzip.compress(css)) + len(gzip.compress(js)) < 50_000


# HTML's "valid global date and time string", as written by core's `machine_datetime`.
MACHINE_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")


def test_machine_readable_dates_are_valid_html_to_the_second(client):
    """`<time datetime>` and `article:*_time` carried microseconds, which HTML refuses."""
    when = datetime.datetime(2025, 12, 7, 8, 30, 15, 123456, tzinfo=TZ)
    article = ArticleFactory(title="Bài có giờ đăng lẻ", published_at=when)
    ArticleFactory(title="Thông báo ghim", category=category("thong-bao"), pinned=True)
    for url in ("/", "/tin-tuc/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        values = re.findall(r' datetime="([^"]*)"', html)
        values += re.findall(r'property="article:\w+_time" content="([^"]*)"', html)
        assert values, url
        for value in values:
            assert MACHINE_DATETIME.fullmatch(value), (url, value)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<time datetime="2025-12-07T08:30:15+07:00">' in html
    assert 'property="article:published_time" content="2025-12-07T08:30:15+07:00"' in html


def test_no_template_prints_a_datetime_with_microseconds():
    """One home for machine-readable dates: the `machine_datetime` filter, not `date:"c"`."""
    from tests.template_dirs import our_template_dirs

    roots = our_template_dirs()
    offenders = [
        str(path)
        for root in roots
        for path in root.rglob("*.html")
        if re.search(r"""\|date:["']c["']""", path.read_text())
    ]
    assert not offenders


def test_news_lists_go_from_the_page_heading_to_article_headings(client):
    """Each article card is an <h2> under the page's <h1>: no level skipped (they were <h3>)."""
    ArticleFactory(title="Thông báo họp", category=category("thong-bao"))
    for url in ("/tin-tuc/", "/tin-tuc/chuyen-muc/thong-bao/"):
        headings, _landmarks = outline(client.get(url).content.decode())
        assert headings[:2] == [1, 2], url
