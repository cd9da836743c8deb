"""The center's key figures for pages of the apps below this one (the About page of
`organizations`), which may not import `attendance`: their templates load this library.

    {% load attendance_figures %}{% key_figures as key_figures %}
"""

from django import template

from attendance import statistics

register = template.Library()


@register.simple_tag
def key_figures():
    """Classes and learners over every year the center has records for
    (`attendance.statistics.totals`), as the home page's box shows them."""
    return statistics.totals()
