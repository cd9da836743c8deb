"""core.qr: a QR code a phone can read, for an absolute URL only, sized by CSS."""

import pytest
from django.template import Context, Template

from core import qr
from tests.qrdecode import decode_svg

URL = "https://tthtcd-tientan.example.vn/tin-tuc/thong-bao-tiem-phong-cho-tre/"


def test_the_svg_decodes_to_the_url():
    assert decode_svg(qr.qr_svg(URL)) == [URL]


def test_a_long_vietnamese_slug_url_still_decodes():
    url = "http://testserver/lop-hoc/" + "ky-thuat-trong-rau-an-toan-vu-dong-" * 3 + "2026/"
    assert decode_svg(qr.qr_svg(url)) == [url]


def test_error_correction_is_q_so_a_worn_poster_still_scans():
    assert qr.make(URL).error == "Q"


def test_the_svg_has_no_fixed_size_and_a_quiet_zone():
    svg = qr.qr_svg(URL)
    size = qr.make(URL).symbol_size(border=qr.QUIET_ZONE)[0]
    assert f'viewBox="0 0 {size} {size}"' in svg
    assert "width=" not in svg.split(">", 1)[0]  # the print CSS sets 5 cm


@pytest.mark.parametrize(
    "bad",
    [
        "/tin-tuc/thong-bao/",  # relative: a phone cannot open it
        "javascript:alert(1)",
        "ftp://example.vn/x",
        "https:///no-host",
        "https://example.vn/a b",
        "",
    ],
)
def test_only_absolute_http_urls_are_encoded(bad):
    with pytest.raises(ValueError):
        qr.qr_svg(bad)


def test_the_title_is_escaped():
    svg = qr.qr_svg(URL, title='<script>alert("x")</script>')
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_the_template_tag_renders_the_code_and_a_scheme_less_url():
    html = Template(
        "{% load posters %}{% qr_svg url %}<span>{{ url|without_scheme }}</span>"
    ).render(Context({"url": URL}))
    assert decode_svg(html) == [URL]
    assert "<span>tthtcd-tientan.example.vn/tin-tuc/thong-bao-tiem-phong-cho-tre/</span>" in html
