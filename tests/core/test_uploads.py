import io
import os
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from core import uploads
from core.demo import minimal_pdf
from core.uploads import ContentTypeValidator, DatedUploadTo, describe, human_size, sniff
from core.uploads import pdf as pdf_checks
from tests import pdfs, pictures

PDF = minimal_pdf(["Bao cao"])


def png_bytes():
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buf, "PNG")
    return buf.getvalue()


def jpeg_bytes():
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buf, "JPEG")
    return buf.getvalue()


def ooxml(main="wordprocessingml.document.main+xml", macro=False):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        ctype = (
            "application/vnd.ms-word.document.macroEnabled.main+xml"
            if macro
            else (f"application/vnd.openxmlformats-officedocument.{main}")
        )
        z.writestr("[Content_Types].xml", f'<Types><Override ContentType="{ctype}"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
        if macro:
            z.writestr("word/vbaProject.bin", b"\x00" * 32)
    return buf.getvalue()


def odf(mime):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", mime)
        z.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


DOCS = ContentTypeValidator(["pdf", "docx", "xlsx", "odt", "ods", "jpg", "png"], max_bytes=10_000)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bao-cao.pdf", PDF),
        ("bieu-mau.docx", ooxml()),
        ("so-lieu.xlsx", ooxml("spreadsheetml.sheet.main+xml")),
        ("ke-hoach.odt", odf("application/vnd.oasis.opendocument.text")),
        ("bang.ods", odf("application/vnd.oasis.opendocument.spreadsheet")),
        ("scan.png", png_bytes()),
        ("scan.JPEG", jpeg_bytes()),
    ],
)
def test_real_documents_are_accepted(name, data):
    DOCS(upload(name, data))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("trang.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("anh.png", png_bytes() + b"<html><script>alert(1)</script></html>"),
        ("anh.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("vanban.docx", ooxml(macro=True)),
        ("vanban.docx", b"PK\x03\x04" + b"\x00" * 60),
        ("tep.pdf", b"MZ\x90\x00" + b"\x00" * 200),
        ("anh.png", PDF),
        ("bieu-mau.svg", b"<svg/>"),
        ("bieu-mau.html", b"<html></html>"),
        ("vanban.docm", ooxml(macro=True)),
    ],
)
def test_disguised_or_dangerous_files_are_refused(name, data):
    with pytest.raises(ValidationError):
        DOCS(upload(name, data))


def test_a_zip_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(ValidationError):
        DOCS(upload("tep.docx", buf.getvalue()))
    assert sniff(io.BytesIO(buf.getvalue())) is None


def test_empty_file_and_one_byte_over_the_limit_are_refused_in_vietnamese():
    with translation.override("vi"):
        with pytest.raises(ValidationError, match="trống"):
            DOCS(upload("a.pdf", b""))
        DOCS(upload("a.pdf", PDF + b" " * (10_000 - len(PDF))))
        with pytest.raises(ValidationError, match="giới hạn"):
            DOCS(upload("a.pdf", PDF + b" " * (10_001 - len(PDF))))


def test_stored_name_is_generated_never_the_uploaders():
    path = DatedUploadTo("cong-khai")(None, "../../etc/Biểu mẫu 05.pdf")
    parts = path.split("/")
    assert parts[0] == "cong-khai" and len(parts) == 4
    assert parts[3].endswith(".pdf") and "Biểu" not in path and ".." not in path


def test_sizes_read_the_vietnamese_way():
    with translation.override("vi"):
        assert human_size(int(2.4 * 1024 * 1024)) == "2,4 MB"
        assert human_size(830 * 1024) == "830 KB"
        assert human_size(12) == "12 B"
        assert describe("PDF", int(2.4 * 1024 * 1024)) == "PDF · 2,4 MB"


# --- PDFs that run something (issue 12, item 5) ------------------------------------------------

PDFS = ContentTypeValidator(["pdf"], max_bytes=None)
RESAVE = "in lại thành PDF"


@pytest.mark.parametrize(
    ("build", "plain_name"),
    [
        pytest.param(lambda: pdfs.javascript_on_open(), True, id="javascript-on-open"),
        pytest.param(
            lambda: pdfs.javascript_on_open(compress=True), False, id="in-compressed-object-stream"
        ),
        pytest.param(lambda: pdfs.javascript_on_open(escaped=True), False, id="name-escapes"),
        pytest.param(
            lambda: pdfs.javascript_in_names(compress=True), False, id="document-level-script"
        ),
        pytest.param(lambda: pdfs.launch_link(), True, id="launch"),
        pytest.param(lambda: pdfs.launch_link(compress=True), False, id="launch-compressed"),
    ],
)
def test_a_pdf_that_runs_something_is_refused_with_what_to_do_instead(build, plain_name):
    data = build()
    # The hidden variants cannot be found by searching the bytes: the parser must see them.
    assert (b"/JavaScript" in data or b"/Launch" in data) == plain_name
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        PDFS(upload("bieu-mau.pdf", data))
    assert error.value.code == "pdf_active_content"
    assert "mã tự chạy khi mở" in error.value.messages[0]
    assert RESAVE in error.value.messages[0]


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(pdfs.opens_at_first_page, id="libreoffice-open-at-page-1"),
        pytest.param(pdfs.goto_on_open, id="goto-on-open"),
        pytest.param(lambda: pdfs.build(compress=True, pages=3), id="object-streams"),
        pytest.param(lambda: pdfs.encrypted(user_password=""), id="encrypted-without-password"),
    ],
)
def test_pdfs_that_run_nothing_are_accepted(build):
    PDFS(upload("bieu-mau.pdf", build()))


def test_the_pdfs_weasyprint_writes_are_accepted():
    """The yearly report is written by WeasyPrint, with compressed object streams and links."""
    from weasyprint import HTML

    html = '<h1>Báo cáo thường niên</h1><p><a href="https://tientan.example.vn/">Trang</a></p>'
    data = HTML(string=html).write_pdf()
    assert PdfReader(io.BytesIO(data)).xref_objStm  # the hidden place was really looked into
    PDFS(upload("bao-cao.pdf", data))


def test_a_pdf_locked_by_a_password_is_refused():
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        PDFS(upload("bieu-mau.pdf", pdfs.encrypted(user_password="mat-khau")))
    assert "mật khẩu" in error.value.messages[0] and RESAVE in error.value.messages[0]


def test_a_damaged_pdf_is_refused():
    data = PDF[: len(PDF) // 2]
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        PDFS(upload("bieu-mau.pdf", data))
    assert "bị hỏng" in error.value.messages[0] and RESAVE in error.value.messages[0]


def test_the_work_on_a_pdf_with_too_many_objects_is_bounded(monkeypatch):
    monkeypatch.setattr(pdf_checks, "MAX_OBJECTS", 50)
    calls = []
    original = PdfReader.get_object
    monkeypatch.setattr(
        PdfReader, "get_object", lambda self, ref: calls.append(ref) or original(self, ref)
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        PDFS(upload("bieu-mau.pdf", pdfs.build(pages=100)))
    assert "quá phức tạp" in error.value.messages[0]
    assert calls == []  # refused from the cross-reference table, before reading any object


def test_the_bytes_unpacked_from_object_streams_are_bounded(monkeypatch):
    monkeypatch.setattr(pdf_checks, "MAX_UNPACKED", 2000)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        PDFS(upload("bieu-mau.pdf", pdfs.build(compress=True, pages=200)))
    assert "quá phức tạp" in error.value.messages[0]


# --- Office files out of proportion (zip bombs) ------------------------------------------------

ARCHIVES = ContentTypeValidator(["docx", "xlsx"], max_bytes=None)


def deflated_docx(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def parts_unpacked(monkeypatch):
    """Parts opened for reading (each read unpacks)."""
    opened = []
    original = zipfile.ZipFile.open

    def counting(self, name, mode="r", *args, **kwargs):
        if mode == "r":  # not the parts the test writes
            opened.append(name)
        return original(self, name, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counting)
    return opened


def test_a_docx_that_unpacks_out_of_proportion_is_refused_before_unpacking(parts_unpacked):
    data = deflated_docx({"word/document.xml": b"<w:document/>" + b" " * 60_000_000})
    assert len(data) < 200_000
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        ARCHIVES(upload("bao-cao.docx", data))
    message = error.value.messages[0]
    assert "khi giải nén là 57,2 MB" in message and "lưu thành một tệp mới" in message
    assert parts_unpacked == []


def test_an_xlsx_with_too_many_parts_is_refused_before_unpacking(parts_unpacked):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for i in range(uploads.ARCHIVE_MAX_ENTRIES + 1):
            z.writestr(f"xl/p{i}.xml", "")
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        ARCHIVES(upload("so-lieu.xlsx", buf.getvalue()))
    assert "10.002 phần" in error.value.messages[0]
    assert parts_unpacked == []


def test_a_large_real_document_is_not_taken_for_a_bomb():
    # A report with photos: 3 MB of pictures that do not compress, and its XML.
    data = deflated_docx(
        {"word/document.xml": b"<w:p/>" * 100_000, "word/media/a.jpeg": os.urandom(3_000_000)}
    )
    ARCHIVES(upload("bao-cao.docx", data))


# --- Pictures: markup anywhere -----------------------------------------------------------------


def test_a_picture_with_markup_after_its_first_2_kb_is_refused():
    for name, data, markup in (
        ("scan.png", pictures.dirty_png(tail=b"<script>alert(1)</script>"), b"<script"),
        ("scan.jpg", pictures.dirty_jpeg(tail=b"<html><body onload=alert(1)>"), b"<html"),
    ):
        assert data.find(markup) > 2048  # where the old check, on the first 2 KB, did not look
        assert sniff(io.BytesIO(data)) is None
        with pytest.raises(ValidationError):
            uploads.ContentTypeValidator(["jpg", "png"])(upload(name, data))


def test_a_picture_with_xmp_metadata_is_still_a_picture():
    # XMP starts with <?xpacket and holds <x:xmpmeta>, which is no reason to refuse a photo.
    assert sniff(io.BytesIO(pictures.dirty_jpeg())).ext == "jpg"
    assert sniff(io.BytesIO(pictures.dirty_png())).ext == "png"


# --- File names (issue 12, item 8) -------------------------------------------------------------

LONG_NAME = "Biên bản họp hội đồng trường về kế hoạch giáo dục năm học 2025-2026 " * 3


@pytest.mark.parametrize(
    "name",
    [
        (LONG_NAME[:150] + ".pdf"),
        (LONG_NAME * 2)[:251] + ".pdf",  # 255 characters, about 330 bytes in UTF-8
        "Quyết định số 12/QĐ".replace("/", "-") + ".pdf",
    ],
)
def test_long_and_vietnamese_file_names_are_accepted(name):
    assert len(name) <= 255
    uploads.validate_file_name(name)
    PDFS(upload(name, PDF))


@pytest.mark.parametrize(
    "name",
    [
        "../bieu-mau.pdf",
        "thu-muc\\bieu-mau.pdf",
        ".bieu-mau.pdf",
        "bieu\x00mau.pdf",
        "bieu-mau\x1b[31m.pdf",
        "hoa-don-\u202efdp.exe",  # shown right to left: "hoa-don-exe.pdf"
        "a" * 252 + ".pdf",
    ],
)
def test_unsafe_names_are_refused_with_a_vietnamese_message(name):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        PDFS(ContentFile(PDF, name=name))
    message = error.value.messages[0]
    assert message.startswith("Tên tệp") and "Hãy đổi tên tệp" in message
    assert "\x00" not in message and "\u202e" not in message and "\x1b" not in message


def test_a_long_name_is_cut_in_the_middle_keeping_its_extension():
    shown = uploads.display_name(LONG_NAME + ".docx", limit=40)
    assert len(shown) == 40
    assert shown.startswith("Biên bản họp") and shown.endswith(".docx") and "…" in shown
    assert uploads.display_name("bao-cao.pdf") == "bao-cao.pdf"
    assert uploads.display_name("hoa-don-\u202efdp.exe") == "hoa-don-�fdp.exe"
