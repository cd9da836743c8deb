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
]
