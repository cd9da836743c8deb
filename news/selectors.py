"""What the news app offers the top floor: its home-page boxes and its search hits."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.search import SearchHit, SearchSource, find
from core.text import fold
from news.models import Article

HOME_LATEST = 6
HOME_NOTICES = 5


def home_context(request):
    """Pinned notices first, then the latest news that is not pinned."""
    published = Article.objects.published().for_lists()
    return {
        "pinned_articles": list(published.filter(pinned=True)[:HOME_NOTICES]),
        "latest_articles": list(published.filter(pinned=False)[:HOME_LATEST]),
    }


def search_source():
    """Published articles, as the site search finds them (`core.search.SearchSource`)."""
    # One reverse() for every hit: the address differs only by its slug.
    url = reverse("news:article-detail", kwargs={"slug": "SLUG"})
    kind = _("News")

    def hit(article):
        return SearchHit(
            kind=kind,
            title=article.title,
            url=url.replace("SLUG", article.slug),
            # Tags are stripped only for the few results shown (core.search.excerpt).
            summary=f"{article.summary} {article.body}",
            date=timezone.localdate(article.published_at),
        )

    return SearchSource(
        queryset=Article.objects.published().only(
            "title", "slug", "summary", "body", "published_at"
        ),
        date_field="published_at",
        hit=hit,
    )


def search(words, query, limit):
    """The best `limit` articles as `core.search.SearchHit`s, and how many match (the site
    search ranks every app's `search_source` together)."""
    return find([search_source()], words, query, limit, cut=False)


def next_change(now):
    """When a page changes by time alone: a scheduled article appears, a notice expires."""
    scheduled = Article.objects.next_publish_time(now)
    expiring = (
        Article.objects.published(now)
        .filter(expires_at__gt=now)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )
    return min((m for m in (scheduled, expiring) if m), default=None)


def published_between(start, end, *, mentioning="", limit=10):
    """Up to `limit` published articles whose publish day lies in [start, end], newest first,
    as (title, url, day); with `mentioning`, only those whose text holds that phrase (accents
    and case ignored). One query. For the learning-community self-assessment."""
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    articles = Article.objects.published().filter(published_at__gte=since, published_at__lt=until)
    if mentioning:
        articles = articles.filter(search_text__contains=fold(mentioning))
    url = reverse("news:article-detail", kwargs={"slug": "SLUG"})
    return [
        (title, url.replace("SLUG", slug), timezone.localdate(published_at))
        for title, slug, published_at in articles.order_by("-published_at").values_list(
            "title", "slug", "published_at"
        )[:limit]
    ]
