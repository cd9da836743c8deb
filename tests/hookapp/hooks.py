"""What the throwaway app offers the top floor (declared in apps.py)."""

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from core.search import SearchHit, SearchSource
from core.staff import StaffTool
from news.models import Article

STAFF_TOOL_TITLE = "Sổ trực xóm"
BOARD_URL = "/bang-tin-xom/"
# When the hamlet meeting's notice goes up; tests set it.
MEETING_NOTICE_AT = None


def home_context(request):
    up = MEETING_NOTICE_AT is not None and timezone.now() >= MEETING_NOTICE_AT
    return {"hookapp_notice": "Họp xóm tối nay lúc 19 giờ" if up else ""}


def search_source():
    """The published articles again, as the hamlet board shows them."""

    def hit(article):
        return SearchHit(
            kind="Bảng tin xóm",
            title=article.title,
            url=f"{BOARD_URL}{article.pk}/",
            summary=article.summary,
        )

    return SearchSource(
        queryset=Article.objects.published().only("title", "summary", "published_at"),
        date_field="published_at",
        hit=hit,
    )


class NoticeBoardSitemap(Sitemap):
    def items(self):
        return [BOARD_URL]

    def location(self, item):
        return item


def next_change(now):
    return MEETING_NOTICE_AT if MEETING_NOTICE_AT and now < MEETING_NOTICE_AT else None


def staff_tools(user):
    if not user.is_staff:
        return []
    return [StaffTool(STAFF_TOOL_TITLE, "Ghi việc trực của xóm.", "/quan-ly/so-truc-xom/")]


def related_links(obj):
    """A link on every article's page to the hamlet's notice board."""
    if obj._meta.label != "news.Article":
        return []
    return [("Bảng tin xóm về bài này", BOARD_URL)]


def load_demo(stdout, demo):
    stdout.write("Bảng tin xóm: không có dữ liệu mẫu.")
