from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from news.models import Article, Category

PER_PAGE = 12


class ArticleListView(ListView):
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


class ArticleDetailView(DetailView):
    """One article. Drafts, scheduled and expired articles are 404 for readers; staff who
    may view articles see them with a banner (the preview), never cached."""

    template_name = "news/article_detail.html"
    queryset = Article.objects.select_related("category")

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        self.preview = not article.is_live
        if self.preview and not self.request.user.has_perm("news.view_article"):
            raise Http404
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        related = (
            Article.objects.published()
            .for_lists()
            .filter(category=article.category_id)
            .exclude(pk=article.pk)[:5]
        )
        return super().get_context_data(
            preview=self.preview,
            attachments=list(article.attachments.all()),
            related=related,
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.preview:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response
