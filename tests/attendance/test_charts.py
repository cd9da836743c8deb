"""The statistics charts: labels wrap between words and are never cut."""

import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest

from classes.models import Kind
from core.charts import LABEL_WIDTH, bar_chart, label_lines
from tests.classes.factories import PartnerFactory, historical_course

SVG = "{http://www.w3.org/2000/svg}"
LONG = [
    "Xóa mù chữ và phổ cập giáo dục",
    "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên huyện Duy Tiên",
    "Sau thu hoạch lúa mùa (tháng 11–12)",
]


def label_texts(svg):
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    return [
        [span.text for span in text.iter(f"{SVG}tspan")]
        for text in root.iter(f"{SVG}text")
        if text.get("class") == "chart-label"
    ]


def test_long_labels_wrap_onto_lines_without_losing_a_word():
    svg = str(bar_chart([(label, 10 * i) for i, label in enumerate(LONG, start=1)]))
    assert "…" not in svg
    for label, lines in zip(LONG, label_texts(svg), strict=True):
        assert " ".join(lines) == label
        assert len(lines) > 1
    assert label_lines("Tin học") == ["Tin học"]


def test_rows_grow_with_their_labels_and_never_overlap():
    svg = str(bar_chart([(LONG[1], 5), ("Nam", 3), (LONG[0], 1)]))
    root = ET.fromstring(svg)
    ys = [float(s.get("y")) for s in root.iter(f"{SVG}tspan")]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    rects = [(float(r.get("y")), float(r.get("height"))) for r in root.iter(f"{SVG}rect")]
    assert all(top + h <= below for (top, h), (below, _h) in pairwise(rects))
    height = float(root.get("viewBox").split()[3])
    assert ys[-1] < height and rects[-1][0] + rects[-1][1] <= height


def test_a_word_longer_than_a_line_stays_whole():
    assert label_lines("Nhàtrườngkhôngcódấucách vui") == ["Nhàtrườngkhôngcódấucách", "vui"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chart_labels_fit_on_a_phone(live_server, phone_page, artifacts_dir):
    """At 360×740 every label is drawn inside its chart: nothing is cut at the left edge."""
    partner = PartnerFactory(name=LONG[1], short_name="")
    for year, kind in ((2018, Kind.LITERACY), (2019, Kind.VOCATIONAL), (2019, Kind.TECHNICAL)):
        historical_course(year, 30, kind=kind).partners.add(partner)
    page = phone_page
    page.goto(live_server.url + "/thong-ke/")
    labels = page.locator("svg.chart text.chart-label")
    assert labels.count() >= 6
    for i in range(labels.count()):
        box = labels.nth(i).evaluate("t => { const b = t.getBBox(); return [b.x, b.width]; }")
        assert box[0] >= 0 and box[0] + box[1] <= LABEL_WIDTH, box
    kind_labels = page.locator("#stat-kind ~ .stat-grid svg text.chart-label")
    spoken = [" ".join(t.locator("tspan").all_text_contents()) for t in kind_labels.all()]
    assert str(Kind.LITERACY.label) in spoken  # "Xoá mù chữ và phổ cập", on two lines
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    kinds = page.locator("#stat-kind")
    kinds.scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "statistics-chart-labels-phone.png", full_page=True)
