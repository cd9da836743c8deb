import datetime

import factory
from django.utils import timezone

from news.models import Article, Category


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")


SEEDED = {
    "tin-tuc-su-kien": "Tin tức - Sự kiện",
    "thong-bao": "Thông báo",
    "hoat-dong-tthtcd": "Hoạt động TTHTCĐ",
    "video-clip": "Video clip",
    "bai-giang": "Bài giảng",
}


def category(slug="tin-tuc-su-kien"):
    """One of the categories the migration seeds (made again after a transactional test's
    flush has emptied the table)."""
    return Category.objects.get_or_create(slug=slug, defaults={"name": SEEDED[slug]})[0]


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Tin hoạt động số {n} của xã Tiên Tân")
    category = factory.LazyFunction(category)
    summary = "Tóm tắt ngắn gọn của bài viết."
    body = "<p>Nội dung bài viết về lớp học nghề mộc.</p>"
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    byline = "TTHTCĐ xã Tiên Tân"
