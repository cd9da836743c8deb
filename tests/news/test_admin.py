import datetime

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import center_staff, school_staff
from tests.news.factories import ArticleFactory, category

pytestmark = pytest.mark.django_db

XSS_BODY = (
    '<p onclick="steal()">Nội dung</p><script>alert(document.cookie)</script>'
    '<a href="javascript:alert(1)">bấm vào đây</a><img src="x" onerror="alert(1)">'
    '<iframe src="https://evil.example"></iframe>'
)


def form_data(**overrides):
    now = timezone.localtime()
    data = {
        "title": "Thông báo tuyển sinh lớp mộc mỹ nghệ",
        "category": category("thong-bao").pk,
        "summary": "Nhận đăng ký đến hết tháng.",
        "body": "<p>Nội dung</p>",
        "cover_alt": "",
        "video_url": "",
        "status": "published",
        "published_at_0": now.strftime("%d/%m/%Y"),
        "published_at_1": now.strftime("%H:%M"),
        "expires_at_0": "",
        "expires_at_1": "",
        "byline": "TTHTCĐ xã Tiên Tân",
        "slug": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    return {**data, **overrides}


@pytest.fixture
def staff_client(client):
    user = center_staff()
    client.force_login(user)
    client.user = user
    return client


def test_center_staff_publish_an_article_in_the_admin(staff_client):
    response = staff_client.post("/admin/news/article/add/", form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.slug == "thong-bao-tuyen-sinh-lop-moc-my-nghe"
    assert article.created_by == staff_client.user == article.updated_by
    assert staff_client.get(article.get_absolute_url()).status_code == 200


def test_the_admin_cannot_plant_script_for_readers(staff_client, client):
    staff_client.post("/admin/news/article/add/", form_data(body=XSS_BODY))
    body = Article.objects.get().body
    for bad in ("<script", "onclick", "javascript:", "onerror", "<iframe"):
        assert bad not in body
    assert "Nội dung" in body


def test_day_first_dates_are_read_in_the_admin(staff_client):
    staff_client.post(
        "/admin/news/article/add/",
        form_data(published_at_0="05/06/2025", published_at_1="07:30"),
    )
    local = timezone.localtime(Article.objects.get().published_at)
    assert (local.day, local.month, local.year, local.hour) == (5, 6, 2025, 7)


def test_expiry_before_publication_gets_a_vietnamese_error_and_no_row(staff_client):
    response = staff_client.post(
        "/admin/news/article/add/",
        form_data(
            published_at_0="05/06/2025",
            published_at_1="07:30",
            expires_at_0="01/06/2025",
            expires_at_1="07:30",
        ),
    )
    assert response.status_code == 200
    assert "Thời điểm hết hạn phải sau thời điểm đăng" in response.content.decode()
    assert not Article.objects.exists()


def test_list_shows_status_and_scheduled_time(staff_client):
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + datetime.timedelta(days=2))
    ArticleFactory(title="Bài nháp", status=Article.Status.DRAFT)
    html = staff_client.get("/admin/news/article/").content.decode()
    assert "hẹn đăng lúc" in html and "Bản nháp" in html


def test_admin_search_ignores_accents(staff_client):
    ArticleFactory(title="Tập huấn kỹ thuật trồng lúa")
    ArticleFactory(title="Lớp tin học")
    html = staff_client.get("/admin/news/article/", {"q": "trong lua"}).content.decode()
    assert "Tập huấn kỹ thuật trồng lúa" in html and "Lớp tin học" not in html


def test_bulk_publish_and_unpublish(staff_client):
    drafts = ArticleFactory.create_batch(3, status=Article.Status.DRAFT)
    staff_client.post(
        "/admin/news/article/",
        {"action": "publish", "_selected_action": [a.pk for a in drafts]},
    )
    assert Article.objects.published().count() == 3
    staff_client.post(
        "/admin/news/article/",
        {"action": "unpublish", "_selected_action": [drafts[0].pk]},
    )
    assert Article.objects.published().count() == 2


def test_school_staff_cannot_edit_news(client):
    client.force_login(school_staff())
    assert client.get("/admin/news/article/").status_code == 403
    assert client.post("/admin/news/article/add/", form_data()).status_code == 403
    assert not Article.objects.exists()
