import datetime

import factory
from django.utils import timezone

from news.models import Article, Category
from news.seed import ensure_categories


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")


def category(slug="tin-tuc-su-kien"):
    """One of the categories the migration seeds (made again after a transactional test's
    flush has emptied the table)."""
    ensure_categories(Category)
    return Category.objects.get(slug=slug)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Tin hoạt động số {n} của xã Tiên Tân")
    category = factory.LazyFunction(category)
    summary = "Tóm tắt ngắn gọn của bài viết."
    body = "<p>Nội dung bài viết về lớp học nghề mộc.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    byline = "TTHTCĐ xã Tiên Tân"
