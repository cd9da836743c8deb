"""Posters and loudspeaker scripts of articles: /tin-tuc/<slug>/to-roi/, /loa/, /loa.txt."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from organizations.models import Organization
from organizations.seed import ensure_organizations
from tests.factories import center_staff
from tests.news.factories import ArticleFactory, category
from tests.qrdecode import decode_svg, svgs_in

pytestmark = pytest.mark.django_db

NOTICE_BODY = (
    "<p>Trạm y tế xã tổ chức tiêm phòng cho trẻ dưới 5 tuổi vào lúc 7h30 ngày 15/03/2026 "
    "tại nhà văn hoá xóm Đông.</p><ul><li>Mang theo sổ tiêm chủng.</li></ul>"
)


def notice(**kwargs):
    return ArticleFactory(
        title="Thông báo lịch tiêm phòng cho trẻ em",
        category=category("thong-bao"),
        summary="Tiêm phòng cho trẻ dưới 5 tuổi tại nhà văn hoá xóm Đông.",
        body=NOTICE_BODY,
        **kwargs,
    )


def urls(article):
    return {
        name: reverse(f"news:article-{name}", kwargs={"slug": article.slug})
        for name in ("poster", "loudspeaker", "loudspeaker-txt")
    }


def test_the_article_page_links_to_its_poster_and_loudspeaker_script(client):
    article = ArticleFactory(category=category("tin-tuc-su-kien"))  # not only notices
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{urls(article)["poster"]}"' in html
    assert f'href="{urls(article)["loudspeaker"]}"' in html
    assert "In tờ rơi" in html and "Bài đọc loa truyền thanh" in html


def test_the_poster_shows_label_title_text_and_date(client, django_assert_max_num_queries):
    article = notice()
    with django_assert_max_num_queries(2):
        response = client.get(urls(article)["poster"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "THÔNG BÁO" in html
    assert "Thông báo lịch tiêm phòng cho trẻ em" in html
    # A short notice is printed whole: its date and place are in the body.
    assert "7h30 ngày 15/03/2026 tại nhà văn hoá xóm Đông." in html
    assert "<li>" not in html.split('<article class="poster', 1)[1]  # plain text, no editor markup
    local = timezone.localtime(article.published_at)
    assert local.strftime("%d/%m/%Y") in html
    assert "Quét mã để xem chi tiết" in html
    assert '<meta name="robots" content="noindex">' in html


def test_the_poster_qr_code_opens_the_public_article_page(client):
    article = notice()
    html = client.get(urls(article)["poster"]).content.decode()
    (svg,) = svgs_in(html.split('<article class="poster', 1)[1])
    assert decode_svg(svg) == [f"http://testserver/tin-tuc/{article.slug}/"]
    # The address is printed too, for a phone that cannot scan.
    assert f"testserver/tin-tuc/{article.slug}/</span>" in html


def test_behind_https_the_qr_code_uses_the_public_https_address(client, settings):
    settings.ALLOWED_HOSTS = ["tthtcd-tientan.example.vn"]
    article = notice()
    response = client.get(
        urls(article)["poster"],
        headers={"host": "tthtcd-tientan.example.vn", "x-forwarded-proto": "https"},
    )
    (svg,) = svgs_in(response.content.decode().split('<article class="poster', 1)[1])
    assert decode_svg(svg) == [f"https://tthtcd-tientan.example.vn/tin-tuc/{article.slug}/"]


def test_a_long_article_is_printed_by_its_summary_not_its_whole_body(client):
    body = "".join(f"<p>Đoạn văn số {n} kể lại hoạt động của trung tâm.</p>" for n in range(40))
    article = ArticleFactory(summary="Tóm tắt: trung tâm tổng kết năm học.", body=body)
    html = client.get(urls(article)["poster"]).content.decode()
    assert "Tóm tắt: trung tâm tổng kết năm học." in html
    assert "Đoạn văn số 39" not in html


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + datetime.timedelta(days=1)},  # scheduled
        {
            "published_at": timezone.now() - datetime.timedelta(days=10),
            "expires_at": timezone.now() - datetime.timedelta(days=1),  # expired notice
        },
    ],
)
def test_what_readers_cannot_see_has_no_poster_or_script(client, hidden):
    article = notice(**hidden)
    for url in urls(article).values():
        assert client.get(url).status_code == 404, url


def test_staff_preview_a_draft_poster_marked_as_such_and_never_cached(client):
    article = notice(status=Article.Status.DRAFT)
    client.force_login(center_staff())
    for url in urls(article).values():
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-cache" in response["Cache-Control"], url
    html = client.get(urls(article)["poster"]).content.decode()
    assert "BẢN XEM TRƯỚC" in html


def test_the_loudspeaker_page_reads_dates_and_times_in_words(client):
    article = notice()
    response = client.get(urls(article)["loudspeaker"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kính thưa bà con nhân dân trong xã!" in html
    # "xin thông báo: Thông báo…" would stumble: the title's own "Thông báo" is dropped.
    assert "xin thông báo: lịch tiêm phòng cho trẻ em." in html
    assert "lúc 7 giờ 30 ngày 15 tháng 3 năm 2026" in html
    assert "15/03/2026" not in html.split('class="loudspeaker"', 1)[1]
    assert "Xin nhắc lại: Thông báo lịch tiêm phòng cho trẻ em." in html
    assert f'href="{urls(article)["loudspeaker-txt"]}"' in html
    assert "đọc khoảng 1 phút" in html


def test_the_loudspeaker_text_file_is_plain_utf8_text(client):
    article = notice()
    response = client.get(urls(article)["loudspeaker-txt"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{article.slug}-loa.txt"'
    text = response.content.decode("utf-8-sig")
    assert not re.search(r"<[a-z/]", text)  # no HTML
    assert "&" not in text  # nor entities
    assert "ngày 15 tháng 3 năm 2026" in text
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", text)
    assert text.startswith("THÔNG BÁO LỊCH TIÊM PHÒNG CHO TRẺ EM\r\n")
    assert text.count("Thông báo lịch tiêm phòng cho trẻ em") == 1  # the repeat
    assert text.rstrip().endswith("Xin cảm ơn bà con đã chú ý lắng nghe!")


def test_a_news_report_is_read_as_news_with_its_summary_repeated(client):
    article = ArticleFactory(
        title="Liên hoan văn nghệ chào mừng ngày 20/11",
        category=category("tin-tuc-su-kien"),
        summary="Các xóm tham gia liên hoan văn nghệ tại trung tâm xã.",
        body="<p>" + "Nội dung dài. " * 80 + "</p>",
    )
    text = client.get(urls(article)["loudspeaker-txt"]).content.decode("utf-8-sig")
    assert "xin gửi tới bà con bản tin: Liên hoan văn nghệ chào mừng ngày 20 tháng 11." in text
    assert "Xin nhắc lại: Liên hoan văn nghệ chào mừng ngày 20 tháng 11. Các xóm" in text
    assert "Nội dung dài." not in text  # the summary stands in for a long body


def test_posters_and_scripts_give_the_contacts_staff_keep_in_the_admin(client):
    """The center's phone comes from its profile in the admin, not only from the settings."""
    ensure_organizations(Organization)
    center = Organization.objects.get(kind=Organization.Kind.CENTER)
    center.phone = "0226 3777 555"
    center.save()
    article = notice()
    assert "0226 3777 555" in client.get(urls(article)["poster"]).content.decode()
    script = client.get(urls(article)["loudspeaker-txt"]).content.decode("utf-8-sig")
    assert "0226 3777 555" in script
