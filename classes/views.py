from django.views.generic import TemplateView


class ClassListView(TemplateView):
    """The class catalogue. Classes arrive with the Classes issue."""

    template_name = "classes/class_list.html"
