"""The news categories: configuration, not demo content.

Migration 0002 creates them on the first deploy; `ensure_categories` is also what the demo
loader and the tests call after a database flush (which empties what migrations added).
Slugs are fixed: printed links and other tools use /tin-tuc/chuyen-muc/<slug>/.
"""

CATEGORIES = [
    ("Tin tức - Sự kiện", "tin-tuc-su-kien", "Tin tức, sự kiện của trung tâm và nhà trường."),
    ("Thông báo", "thong-bao", "Thông báo tuyển sinh, lịch học, lịch họp."),
    ("Hoạt động TTHTCĐ", "hoat-dong-tthtcd", "Hoạt động của Trung tâm học tập cộng đồng."),
    ("Video clip", "video-clip", "Clip hoạt động, phỏng vấn."),
    ("Bài giảng", "bai-giang", "Bài giảng, tài liệu học tập."),
]


def ensure_categories(category_model):
    """Create the categories that are missing; never change ones staff have edited."""
    for order, (name, slug, description) in enumerate(CATEGORIES):
        category_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )


def center_defaults():
    """Every center starts with these categories (core.onboarding)."""
    from news.models import Category

    ensure_categories(Category)
