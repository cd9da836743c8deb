"""The survey's pages: the public form, its thank-you page and paper twin, and the staff pages.

No `app_name`: these names were made in the "attendance" namespace before the survey became an
app (`attendance:survey`, `attendance:survey-demand`…), and templates, links and bookmarks name
them. The root URLconf serves these patterns in that namespace, beside attendance's own.
"""

from django.urls import path, re_path

from survey import views

urlpatterns = [
    path("khao-sat/", views.survey_form, name="survey"),
    path("khao-sat/cam-on/", views.survey_thanks, name="survey-thanks"),
    path("khao-sat/in/", views.survey_paper, name="survey-paper"),
    path("quan-ly/khao-sat/", views.SurveyDemandView.as_view(), name="survey-demand"),
    re_path(
        r"^quan-ly/khao-sat/tai-ve\.(?P<fmt>xlsx|csv)$",
        views.SurveyDemandDownloadView.as_view(),
        name="survey-demand-download",
    ),
    path("quan-ly/khao-sat/nhap/", views.SurveyEntryView.as_view(), name="survey-entry"),
    path(
        "quan-ly/khao-sat/tao-lop-nhap/",
        views.SurveyDraftCourseView.as_view(),
        name="survey-draft-course",
    ),
    path(
        "quan-ly/khao-sat/nguoi-quan-tam/",
        views.SurveyInterestedView.as_view(),
        name="survey-interested",
    ),
]
