from django.views.generic import TemplateView


class StatisticsView(TemplateView):
    """Public statistics (aggregates only). Figures arrive with the Classes issue."""

    template_name = "attendance/statistics.html"
