from django.db import migrations

from core.search import trigram_index

# The categories of the school site this portal grew from. Slugs are fixed: printed links
# and other tools use /tin-tuc/chuyen-muc/<slug>/.
CATEGORIES = [
    ("Tin tức - Sự kiện", "tin-tuc-su-kien", "Tin tức, sự kiện của trung tâm và nhà trường."),
    ("Thông báo", "thong-bao", "Thông báo tuyển sinh, lịch học, lịch họp."),
    ("Hoạt động TTHTCĐ", "hoat-dong-tthtcd", "Hoạt động của Trung tâm học tập cộng đồng."),
    ("Video clip", "video-clip", "Clip hoạt động, phỏng vấn."),
    ("Bài giảng", "bai-giang", "Bài giảng, tài liệu học tập."),
]


def seed_categories(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    for order, (name, slug, description) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [
        migrations.RunPython(seed_categories, migrations.RunPython.noop),
        trigram_index("Article", "news_article"),
    ]
