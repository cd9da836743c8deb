"""Bar charts drawn on the server as SVG: no JavaScript, no chart library, a few hundred bytes.

The SVG is decoration for sighted readers (`aria-hidden`): every chart sits beside a table
with the same figures, which screen readers read instead.
"""

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

ROW = 30
LABEL_WIDTH = 150
WIDTH = 340
LABEL_CHARS = 17


def _n(value):
    return number_format(value, force_grouping=True)


def _short(label):
    # The full label is in the table beside the chart; the chart only needs to be legible.
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(rows, *, colour="#0b5d3b"):
    """Horizontal bars for [(label, value)], scaled to the largest value."""
    rows = list(rows)
    if not rows:
        return ""
    top = max(value for _label, value in rows) or 1
    span = WIDTH - LABEL_WIDTH - 50
    bars = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"/>'
        '<text x="{}" y="{}" class="chart-value">{}</text>',
        (
            (
                LABEL_WIDTH - 6,
                i * ROW + 20,
                _short(str(label)),
                LABEL_WIDTH,
                i * ROW + 5,
                max(round(value / top * span), 1 if value else 0),
                ROW - 10,
                colour,
                LABEL_WIDTH + max(round(value / top * span), 0) + 4,
                i * ROW + 20,
                _n(value),
            )
            for i, (label, value) in enumerate(rows)
        ),
    )
    height = len(rows) * ROW + 4
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="presentation" '
        'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        WIDTH,
        height,
        mark_safe(bars),  # noqa: S308 - built by format_html_join above: every label is escaped
    )
