from django.views.generic import TemplateView


class ArticleListView(TemplateView):
    """All news, newest first. The articles themselves arrive with the News issue."""

    template_name = "news/article_list.html"
