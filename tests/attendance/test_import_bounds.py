"""The learner import bounds its work by the workbook's size before reading (issue 12, item 2).

A 700 KB .xlsx can declare 5,000,000 rows, skip to row 5,000,000 (openpyxl then makes up every
row in between), or unpack to hundreds of megabytes. Each hostile workbook below is built
here, posted to the staff import page as center staff, and must get a Vietnamese message that
says the limit and what to do, with the work counted: rows openpyxl yielded, or whether the
workbook was opened at all.
"""

import io
import re
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.worksheet import _read_only

from attendance import excel
from attendance.models import Learner
from tests.attendance.factories import hamlet
from tests.factories import center_staff

pytestmark = pytest.mark.django_db

URL = "/quan-ly/hoc-vien/nhap/"
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"


def template(rows=()):
    """A workbook as staff fill the template (header, then learners)."""
    wb = Workbook()
    ws = wb.active
    ws.append(excel.IMPORT_HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def with_parts(data, **parts):
    """The workbook with some parts replaced or added (`SHEET=...`), compressed as Excel does;
    a new shared-strings part is declared where Excel declares it."""
    parts = {{"SHEET": SHEET, "STRINGS": STRINGS}.get(k, k): v for k, v in parts.items()}
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in names:
            body = parts.pop(name, None) or source.read(name)
            if STRINGS in parts and name == "[Content_Types].xml":
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if STRINGS in parts and name == "xl/_rels/workbook.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.'
                    b"openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
                    b'"/></Relationships>',
                )
            archive.writestr(name, body)
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def sheet_xml(rows: bytes, dimension: str | None = None) -> bytes:
    """A worksheet part: its declared size (`<dimension>`, optional as in the standard) and
    the given `<row>` elements after the header row."""
    header = b"".join(
        b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (col.encode(), text.encode())
        for col, text in zip("ABCDEFG", excel.IMPORT_HEADER, strict=True)
    )
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (b'<dimension ref="%s"/>' % dimension.encode() if dimension else b"")
        + b'<sheetData><row r="1">'
        + header
        + b"</row>"
        + rows
        + b"</sheetData></worksheet>"
    )


def learner_row(number: int) -> bytes:
    cells = [("A", "Nguyễn Văn Xa"), ("B", "1970"), ("C", "Nam"), ("D", "Xóm 1")]
    return (
        b'<row r="%d">' % number
        + b"".join(
            b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (c.encode(), number, v.encode())
            for c, v in cells
        )
        + b"</row>"
    )


@pytest.fixture
def staff(client):
    hamlet("Xóm 1")
    client.force_login(center_staff())
    return client


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows openpyxl yielded from the sheet, blank ones included."""
    counter = {"rows": 0}
    original = _read_only.ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            counter["rows"] += 1
            yield row

    monkeypatch.setattr(_read_only.ReadOnlyWorksheet, "_cells_by_row", counting)
    return counter


@pytest.fixture
def opened(monkeypatch):
    """How many times the import opened a workbook with openpyxl."""
    counter = {"workbooks": 0}
    original = excel.load_workbook

    def counting(*args, **kwargs):
        counter["workbooks"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(excel, "load_workbook", counting)
    return counter


def post(client, data):
    upload = io.BytesIO(data)
    upload.name = "hoc-vien.xlsx"
    response = client.post(URL, {"file": upload})
    text = re.sub(r"\s+", " ", response.content.decode())
    return response, text


def test_a_sheet_declaring_five_million_rows_is_refused_before_any_row_is_read(staff, rows_read):
    rows = learner_row(2) + learner_row(5_000_000)
    data = with_parts(template(), SHEET=sheet_xml(rows, dimension="A1:G5000000"))
    assert len(data) < 700 * 1024
    response, text = post(staff, data)
    assert response.status_code == 400
    assert "Trang tính được ghi là có 5.000.000 dòng" in text
    assert "tối đa 5.000 dòng" in text and "Xóa các dòng trống" in text
    assert rows_read["rows"] == 0
    assert Learner.objects.count() == 0


def test_a_row_numbered_five_million_stops_the_reading_at_the_row_limit(staff, rows_read):
    # No declared size: openpyxl makes up the 4,999,998 blank rows in between. Before the fix
    # they were skipped before the row cap was counted, and a worker read them all.
    rows = learner_row(2) + learner_row(5_000_000)
    response, text = post(staff, with_parts(template(), SHEET=sheet_xml(rows)))
    assert response.status_code == 400
    assert "Trang tính có hơn 5.000 dòng, kể cả dòng trống" in text
    assert rows_read["rows"] <= excel.MAX_SHEET_ROWS
    assert Learner.objects.count() == 0


def test_a_million_empty_rows_compressed_small_are_refused_unopened(staff, opened, rows_read):
    data = with_parts(template(), SHEET=sheet_xml(b"<row/>" * 1_000_000))
    assert len(data) < 100 * 1024  # 6 MB of XML, compressed
    response, text = post(staff, data)
    assert response.status_code == 400
    assert "Tệp Excel này khi giải nén là 5,7 MB" in text
    assert "tối đa 3,0 MB" in text and "Tải tệp mẫu" in text
    assert opened["workbooks"] == 0 and rows_read["rows"] == 0


def test_a_large_shared_strings_part_is_refused_before_it_is_parsed(staff, opened):
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>Nguyen Van A</t></si>" * 200_000
        + b"</sst>"
    )
    response, text = post(staff, with_parts(template(), STRINGS=strings))
    assert response.status_code == 400
    assert "Tệp Excel này khi giải nén là 5,4 MB" in text
    assert opened["workbooks"] == 0


def test_a_zip_bomb_of_shared_strings_is_refused_by_the_upload_check(staff, opened):
    # 95 MB of strings in a file of a few hundred KB: out of proportion for any document.
    strings = b"<sst><si><t>" + b"A" * 100_000_000 + b"</t></si></sst>"
    response, text = post(staff, with_parts(template(), STRINGS=strings))
    assert response.status_code == 400
    assert "khi giải nén là 95,4 MB" in text and "lưu thành một tệp mới" in text
    assert opened["workbooks"] == 0


def test_a_sheet_declaring_too_many_cells_is_refused_before_any_row_is_read(staff, rows_read):
    data = with_parts(template(), SHEET=sheet_xml(learner_row(2), dimension="A1:ZZ300"))
    response, text = post(staff, data)
    assert response.status_code == 400
    assert "Trang tính được ghi là dùng 210.600 ô (300 dòng × 702 cột)" in text
    assert "tối đa 100.000 ô" in text
    assert rows_read["rows"] == 0


def test_a_sheet_whose_declared_size_is_too_small_is_read_in_full(staff):
    # Some programs write A1 whatever the sheet holds; openpyxl would then read no row at all.
    rows = learner_row(2) + learner_row(3)
    response, text = post(staff, with_parts(template(), SHEET=sheet_xml(rows, dimension="A1")))
    assert response.status_code == 200
    assert "2 học viên sẵn sàng để nhập" in text


def test_the_template_filled_to_the_row_limit_is_still_accepted(staff, rows_read):
    learners = [["Nguyễn Văn An", 1970, "Nam", "Xóm 1", "", "", ""]] * excel.MAX_IMPORT_ROWS
    response, text = post(staff, template(learners))
    assert response.status_code == 200
    assert "2000 học viên sẵn sàng để nhập" in text
    assert rows_read["rows"] == excel.MAX_IMPORT_ROWS
