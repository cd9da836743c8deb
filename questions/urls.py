from django.urls import path

from questions import views

app_name = "questions"

urlpatterns = [
    path("", views.QuestionListView.as_view(), name="question-list"),
    path("gui/", views.ask, name="question-ask"),
    path("gui/xong/", views.asked, name="question-asked"),
    path("<int:pk>/", views.QuestionDetailView.as_view(), name="question-detail"),
]
