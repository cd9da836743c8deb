from django.urls import path

from attendance import views

app_name = "attendance"

urlpatterns = [
    path("thong-ke/", views.StatisticsView.as_view(), name="statistics"),
]
