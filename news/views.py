from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from core.announce import plain_text_response, poster_fit, reading_minutes
from core.pagination import PageMixin
from news import posters
from news.models import Article, Category

PER_PAGE = 12


class ArticleListView(PageMixin, ListView):
    """All published news, newest first."""

    template_name = "news/article_list.html"
    paginate_by = PER_PAGE

    def get_queryset(self):
        return Article.objects.published().for_lists()

    def get_context_data(self, **kwargs):
        return super().get_context_data(categories=Category.objects.all(), **kwargs)


class CategoryView(ArticleListView):
    """One category's published articles."""

    template_name = "news/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class VisibleArticleMixin:
    """One article as readers may see it. Drafts, scheduled and expired articles are 404 for
    readers; staff who may view articles see them as a preview, never cached."""

    queryset = Article.objects.select_related("category")

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        self.preview = not article.is_live
        if self.preview and not self.request.user.has_perm("news.view_article"):
            raise Http404
        return article

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.preview:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


class ArticleDetailView(VisibleArticleMixin, DetailView):
    """One article (with a banner when staff preview one readers cannot see yet)."""

    template_name = "news/article_detail.html"

    def get_context_data(self, **kwargs):
        article = self.object
        related = (
            Article.objects.published()
            .for_lists()
            .filter(category=article.category_id)
            .exclude(pk=article.pk)[:5]
        )
        return super().get_context_data(
            attachments=list(article.attachments.all()),
            related=related,
            **kwargs,
        )


class ArticlePosterView(VisibleArticleMixin, DetailView):
    """An A4 poster of the article for hamlet notice boards, with a QR code to its page."""

    template_name = "news/article_poster.html"

    def get_context_data(self, **kwargs):
        article = self.object
        text = posters.poster_text(article)
        return super().get_context_data(
            poster_title=article.title,
            poster_text=text,
            poster_fit=poster_fit(article.title, [text], rows=2 if article.expires_at else 1),
            page_url=self.request.build_absolute_uri(article.get_absolute_url()),
            back_url=article.get_absolute_url(),
            printed_on=timezone.localdate(),
            **kwargs,
        )


class ArticleLoudspeakerView(VisibleArticleMixin, DetailView):
    """The article as a script for the commune loudspeaker: a page, or a .txt file."""

    template_name = "core/loudspeaker.html"
    as_text = False

    def render_to_response(self, context, **kwargs):
        article = self.object
        paragraphs = posters.loudspeaker_paragraphs(article)
        if self.as_text:
            response = plain_text_response(article.title, paragraphs, f"{article.slug}-loa.txt")
            if self.preview:
                add_never_cache_headers(response)
            return response
        context.update(
            script_title=article.title,
            paragraphs=paragraphs,
            minutes=reading_minutes(paragraphs),
            txt_url=reverse("news:article-loudspeaker-txt", kwargs={"slug": article.slug}),
            back_url=article.get_absolute_url(),
        )
        return super().render_to_response(context, **kwargs)
