"""Issue 15 item 12: what a villager reads first on the register and a document's page is what
the document is, whose, for which year and when, and a download with a size in plain words;
the legal basis, the exact size and the SHA-256 checksum wait under "Chi tiết"."""

import re

import pytest

from core.uploads import describe, reader_size
from disclosures.models import Basis
from tests.disclosures.factories import DocumentFactory, center, pdf_bytes

pytestmark = pytest.mark.django_db

TWO_POINT_FOUR_MB = int(2.4 * 1024 * 1024)
TECHNICAL = ("TT 09/2024", "Thông tư", "SHA-256", "Điều 4", " byte", " B)")


def main(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def split_details(html):
    """(what is shown at once, what is under "Chi tiết")."""
    content = main(html)
    before, rest = content.split('<details class="dc-details">', 1)
    inside, after = rest.split("</details>", 1)
    return before + after, inside


@pytest.fixture
def report():
    return DocumentFactory(
        title="Thông tin chung về nhà trường năm học 2025-2026",
        basis=Basis.TT09_2024_ART4,
        file__data=pdf_bytes() + b"%" * (TWO_POINT_FOUR_MB - len(pdf_bytes())),
        summary="<p>Địa chỉ, cơ cấu tổ chức và người đại diện của nhà trường.</p>",
    )


def test_the_document_page_leads_with_what_it_is_and_the_download(client, report):
    html = client.get(report.get_absolute_url()).content.decode()
    shown, details = split_details(html)
    order = [
        "<h1>Thông tin chung về nhà trường năm học 2025-2026</h1>",
        '<p class="dc-kind">Thông tin chung</p>',
        "<dd>Trường THCS Tiên Tân</dd>",
        "<dd>2025-2026</dd>",
        "<dd>" + report.published_at.astimezone().strftime("%d/%m/%Y") + "</dd>",
        "Tải về (PDF, 2,4 MB)",
        "Địa chỉ, cơ cấu tổ chức",
    ]
    positions = [shown.index(text) for text in order]
    assert positions == sorted(positions), order
    for word in TECHNICAL:
        assert word not in shown, word
    # All of it is still there, one tap away, and opens without JavaScript (<details>).
    assert "<summary>Chi tiết</summary>" in details
    assert "TT 09/2024 Điều 4" in details
    assert "2.516.582 byte" in details
    assert report.file_sha256 in details and "SHA-256" in details
    # Link previews on Zalo show the description: plain words there too.
    head = html.split("</head>", 1)[0]
    assert "TT 09/2024" not in head and "Thông tin chung · Trường THCS Tiên Tân" in head


def test_a_small_file_reads_under_1_kb(client):
    document = DocumentFactory(basis=Basis.TT09_2024_ART14, organization=center())
    assert document.file_size < 1024
    shown, details = split_details(client.get(document.get_absolute_url()).content.decode())
    assert "Tải về (PDF, dưới 1 KB)" in shown and '<p class="dc-kind">Báo cáo thường niên' in shown
    assert f"{document.file_size} byte" in details


def test_the_register_speaks_plain_words(client, report):
    DocumentFactory(title="Báo cáo thường niên năm 2025", organization=center(),
                    basis=Basis.TT09_2024_ART14)  # fmt: skip
    content = main(client.get("/cong-khai/").content.decode())
    for word in TECHNICAL:
        assert word not in content, word
    item = content.split(report.title, 1)[1].split("</li>", 1)[0]
    assert re.search(r"Thông tin chung · đăng ngày \d\d/\d\d/\d{4}", item)
    assert "Tải về <span>(PDF, 2,4 MB)</span>" in item
    assert '<option value="tt09-2024-d14">Báo cáo thường niên</option>' in content
    assert "Loại văn bản" in content


def test_reader_sizes():
    assert reader_size(699) == "dưới 1 KB"
    assert reader_size(1024) == "1 KB"
    assert reader_size(TWO_POINT_FOUR_MB) == "2,4 MB"
    assert describe("PDF", 699) == "PDF · dưới 1 KB"
