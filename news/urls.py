from django.urls import path
from django.views.decorators.http import require_safe

from news import views
from news.feeds import LatestArticlesFeed

app_name = "news"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article-list"),
    path("rss/", require_safe(LatestArticlesFeed()), name="feed"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("<slug:slug>/to-roi/", views.ArticlePosterView.as_view(), name="article-poster"),
    path("<slug:slug>/loa/", views.ArticleLoudspeakerView.as_view(), name="article-loudspeaker"),
    path(
        "<slug:slug>/loa.txt",
        views.ArticleLoudspeakerView.as_view(as_text=True),
        name="article-loudspeaker-txt",
    ),
]
