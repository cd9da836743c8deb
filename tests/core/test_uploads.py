import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from core.uploads import ContentTypeValidator, DatedUploadTo, describe, human_size, sniff

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
