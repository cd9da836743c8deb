"""Bar charts drawn on the server as SVG: no JavaScript, no chart library, a few hundred bytes.

The SVG is decoration for sighted readers (`aria-hidden`): every chart sits beside a table
with the same figures, which screen readers read instead. Labels are never cut: a long one
("Xóa mù chữ và phổ cập giáo dục") wraps onto as many lines as it needs, between words, and
its row grows to hold them.
"""

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 340
LABEL_WIDTH = 150
GAP = 6  # between a label's right edge and its bar
ROW = 30  # the height of a one-line row
LINE = 17  # the distance between two lines of a label
FONT = 14  # .chart-label's font-size in site.css, in the chart's units

# Roughly how wide letters are in a sans-serif font, in ems: enough to wrap before the label
# reaches the left edge, without measuring text on the server.
_NARROW = set("iIjlf.,:;'!|()[]t ")
_WIDE = set("mwMWĐ@%")


def _n(value):
    return number_format(value, force_grouping=True)


def _text_width(text):
    ems = sum(
        0.3 if ch in _NARROW else 0.85 if ch in _WIDE else 0.66 if ch.isupper() else 0.55
        for ch in text
    )
    return ems * FONT


def label_lines(label, width=LABEL_WIDTH - GAP):
    """`label` in lines no wider than `width`, broken between words, never inside one (a word
    longer than a line gets a line of its own)."""
    lines = []
    for word in str(label).split():
        if lines and _text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def bar_chart(rows, *, colour="#0b5d3b"):
    """Horizontal bars for [(label, value)] or [(label, value, estimated)], scaled to the
    largest value. The `estimated` part of a value (figures that are estimates, not records)
    is drawn after the rest as an outline with a dashed border, so it reads apart even
    printed in black and white."""
    rows = [(label_lines(label), value, estimated) for label, value, estimated in map(_row, rows)]
    if not rows:
        return ""
    top = max(value for _lines, value, _estimated in rows) or 1
    span = WIDTH - LABEL_WIDTH - 50
    parts, y = [], 0
    for lines, value, estimated in rows:
        height = max(ROW, len(lines) * LINE + 10)
        middle = y + height / 2
        # The lines of a label, centred on its bar; a baseline sits about 0.35 em below the
        # middle of its line.
        first = middle - (len(lines) - 1) * LINE / 2 + FONT * 0.35
        tspans = format_html_join(
            "",
            '<tspan x="{}" y="{}">{}</tspan>',
            ((LABEL_WIDTH - GAP, _round(first + i * LINE), line) for i, line in enumerate(lines)),
        )
        length = max(round(value / top * span), 1 if value else 0)
        guessed = min(round(estimated / top * span), length) if estimated else 0
        top_edge = _round(middle - (ROW - 10) / 2)
        bars = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"/>',
            LABEL_WIDTH,
            top_edge,
            length - guessed,
            ROW - 10,
            colour,
        )
        if guessed:
            bars += format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#fff" stroke="{}" '
                'stroke-width="2" stroke-dasharray="4 3" class="chart-estimate"/>',
                LABEL_WIDTH + length - guessed + 1,
                _round(top_edge + 1),
                max(guessed - 2, 1),
                ROW - 12,
                colour,
            )
        parts.append(
            format_html(
                '<text text-anchor="end" class="chart-label">{}</text>{}'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                tspans,
                bars,
                LABEL_WIDTH + length + 4,
                _round(middle + FONT * 0.35),
                _n(value),
            )
        )
        y += height
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="presentation" '
        'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        WIDTH,
        y + 4,
        mark_safe("".join(parts)),  # noqa: S308 - each part built by format_html: text escaped
    )


def _row(row):
    label, value, *estimated = row
    return label, value, (estimated[0] if estimated else 0)


def _round(number):
    return round(number, 1) if number % 1 else int(number)
