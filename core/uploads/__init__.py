"""Uploads that cannot hurt readers: checked by content, stored under generated names.

This module is the one home of the checks on what staff upload; every upload path (admin
forms, staff pages, services, imports) goes through `ContentTypeValidator`:

- the file's name must be safe (no folders, no hidden or control characters), but not short:
  it is never stored, since `DatedUploadTo` generates the stored name;
- a file's name says nothing about what it is: `sniff` reads its content (and, for Office and
  OpenDocument files, the parts inside the zip) and answers what it really is, or None. HTML,
  SVG, scripts, executables, archives, macro-enabled Office files and anything whose content
  does not match its extension are refused;
- then what each kind can carry: a PDF must not run anything (JavaScript, an automatic action,
  a program), an Office file must not unpack out of proportion to its size (a zip bomb), a
  picture must hold no markup anywhere and decode within the pixel budget. Pictures are then
  stored re-encoded by `core.images`, so nothing hidden in them reaches readers.
"""

import posixpath
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core import images
from core.uploads.pdf import check_pdf


@dataclass(frozen=True)
class FileKind:
    ext: str  # canonical extension, without the dot
    mime: str
    label: str  # shown to readers: "PDF", "Word", ...


KINDS = {
    "pdf": FileKind("pdf", "application/pdf", "PDF"),
    "docx": FileKind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    "xlsx": FileKind(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
    ),
    "pptx": FileKind(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
    "odt": FileKind("odt", "application/vnd.oasis.opendocument.text", "ODT"),
    "ods": FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS"),
    "jpg": FileKind("jpg", "image/jpeg", "JPEG"),
    "png": FileKind("png", "image/png", "PNG"),
    "webp": FileKind("webp", "image/webp", "WebP"),
}
PICTURES = ("jpg", "png", "webp")
ARCHIVES = ("docx", "xlsx", "pptx", "odt", "ods")
# Extensions a person may give a file of each kind.
EXTENSION_ALIASES = {"jpeg": "jpg", "jpe": "jpg"}

_OOXML_MAIN = {
    "docx": "wordprocessingml.document.main+xml",
    "xlsx": "spreadsheetml.sheet.main+xml",
    "pptx": "presentationml.presentation.main+xml",
}
_ODF_MIME = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# What a file may not start with, whatever it claims to be.
_MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe", b"<head")
# Markup a browser would run, anywhere in a picture (a comment, a text chunk, appended bytes).
# `<?xml` is not in it: a picture's XMP metadata starts that way (and is dropped on re-encoding).
_MARKUP_ANYWHERE = re.compile(
    rb"<(?:html|!doctype|script|svg|body|iframe|head|object|embed|\?php)[\s>/]", re.IGNORECASE
)


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


# --- Names ------------------------------------------------------------------------------------

# No file system gives a file a longer name (ext4: 255 bytes, NTFS and APFS: 255 UTF-16 units).
MAX_NAME_LENGTH = 255


def validate_file_name(name: str):
    """Refuse names that try to leave the upload folder or hide what the file is.

    Long names are fine: the stored name is generated. Django's request parser already keeps
    only the last part of a browser's file name, drops unprintable characters and cuts names
    over 255 characters, but files also arrive from code (the demo loader, the shell, imports,
    services), where nothing did that.
    """
    text = name or ""
    parts = re.split(r"[/\\]", text)
    if (
        len(parts) > 1
        or ".." in parts
        or text.startswith(".")
        or len(text) > MAX_NAME_LENGTH
        or any(unicodedata.category(ch)[0] == "C" for ch in text)
    ):
        raise ValidationError(
            _(
                "The file name “%(name)s” is not allowed (it contains a folder path or hidden "
                "characters, starts with a dot or is longer than 255 characters). Rename the "
                "file, for example bieu-mau-05.pdf, and upload it again."
            ),
            code="bad_name",
            params={"name": display_name(text)},
        )


def display_name(name: str, limit: int = 60) -> str:
    """A file name fit to show in a message: hidden characters made visible, and a long name
    cut in the middle, keeping its start and its extension (“Biên bản họp…-2025.pdf”)."""
    text = "".join("�" if unicodedata.category(ch)[0] == "C" else ch for ch in name or "")
    if len(text) <= limit:
        return text
    stem, ext = posixpath.splitext(text)
    if len(ext) > 10:
        stem, ext = text, ""
    keep = limit - len(ext) - 1
    head = keep * 2 // 3
    return f"{stem[:head]}…{stem[len(stem) - (keep - head) :]}{ext}"


# --- Office and OpenDocument files (zip archives) ---------------------------------------------

# Decided from the central directory, before anything is unpacked. Real documents hold tens to
# a few thousand parts and unpack to a few times their size (XML compresses well; pictures not).
ARCHIVE_MAX_ENTRIES = 10_000
ARCHIVE_MAX_RATIO = 100  # unpacked size / file size, above the grace below
ARCHIVE_RATIO_GRACE = 10 * 1024 * 1024
ARCHIVE_MAX_UNPACKED = 500 * 1024 * 1024


@dataclass(frozen=True)
class ArchiveFacts:
    size: int  # of the zip file
    entries: int
    unpacked: int  # all parts together, as the central directory declares them
    sizes: dict  # part name -> unpacked size


def archive_facts(file) -> ArchiveFacts | None:
    """Parts and sizes of a zip from its central directory (nothing is unpacked); None when
    the file is no zip. Python's zipfile never unpacks a part beyond its declared size, so
    these figures bound what any later read of the archive costs."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)
    sizes = {info.filename: info.file_size for info in infos}
    return ArchiveFacts(
        size=file.size if hasattr(file, "size") else len(_read_all(file)),
        entries=len(infos),
        unpacked=sum(sizes.values()),
        sizes=sizes,
    )


def check_archive(file, ext: str):
    """Refuse an Office or OpenDocument file whose parts are out of proportion to its size."""
    facts = archive_facts(file)
    if facts is None:
        return  # not a zip: `sniff` refuses it as not a real document
    if facts.entries > ARCHIVE_MAX_ENTRIES or (
        facts.unpacked > ARCHIVE_MAX_UNPACKED
        or facts.unpacked > max(ARCHIVE_RATIO_GRACE, ARCHIVE_MAX_RATIO * facts.size)
    ):
        raise ValidationError(
            _(
                "This %(ext)s file of %(size)s unpacks to %(unpacked)s in %(entries)s parts, far "
                "more than a real document of its size: it is damaged or made to harm the "
                "computers that open it. Open the original in Word, Excel or LibreOffice, save "
                "it as a new file and upload that one."
            ),
            code="archive_out_of_proportion",
            params={
                "ext": ext.upper(),
                "size": human_size(facts.size),
                "unpacked": human_size(facts.unpacked),
                "entries": number_format(facts.entries, force_grouping=True),
            },
        )


def _zip_kind(file) -> str | None:
    """docx/xlsx/pptx/odt/ods from the parts inside the zip; None for macros or other zips."""
    facts = archive_facts(file)
    if facts is None:
        return None
    # The parts read here are a few hundred bytes in a real document.
    small = 1024 * 1024
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(facts.sizes)
            if "mimetype" in names:
                if facts.sizes["mimetype"] > small:
                    return None
                mime = archive.read("mimetype").decode("ascii", "replace").strip()
                return _ODF_MIME.get(mime)
            if facts.sizes.get("[Content_Types].xml", small + 1) > small:
                return None
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            if "macroEnabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
                return None
            for ext, marker in _OOXML_MAIN.items():
                if marker in types:
                    return ext
            return None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)


# --- What a file is ---------------------------------------------------------------------------


def _has_trailing_data(ext: str, data: bytes) -> bool:
    """Bytes hidden after an image's end marker (a PNG with HTML appended, a polyglot)."""
    if ext == "png":
        end = data.rfind(b"IEND")
        return end == -1 or len(data) > end + 8
    if ext == "jpg":
        return not data.rstrip(b"\x00").endswith(b"\xff\xd9")
    return False


def sniff(file) -> FileKind | None:
    """What the file really is, from its content; None when it is none of KINDS."""
    data = _read_all(file)
    if not data:
        return None
    head = data[:2048].lower()
    if any(marker in head for marker in _MARKUP):
        return None
    guess = filetype.guess(data[:8192])
    if guess is None:
        return None
    if guess.mime == "application/pdf":
        return KINDS["pdf"]
    if guess.mime in {"image/jpeg", "image/png", "image/webp"}:
        ext = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}[guess.mime]
        if _has_trailing_data(ext, data) or _MARKUP_ANYWHERE.search(data):
            return None
        return KINDS[ext]
    if guess.extension in {"zip", *ARCHIVES}:
        kind = _zip_kind(file)
        return KINDS[kind] if kind else None
    return None


def extension_of(name: str) -> str:
    ext = posixpath.splitext(name or "")[1].lower().lstrip(".")
    return EXTENSION_ALIASES.get(ext, ext)


def upload_limit(kind: str) -> int:
    """The largest upload of `kind` in bytes: settings.UPLOAD_LIMITS[kind] megabytes, the one
    family of upload limits (DJANGO_UPLOAD_MAX_<KIND>_MB)."""
    return settings.UPLOAD_LIMITS[kind] * 1024 * 1024


@deconstructible
class ContentTypeValidator:
    """Accept only files with a safe name whose content is one of `allowed`, matches their
    extension (unless `any_name`) and carries nothing harmful (see the module's docstring).

    `max_bytes` is a number of bytes, or the kind of upload ("document", "attachment",
    "picture", "import"), whose limit `upload_limit` reads from settings.UPLOAD_LIMITS at
    validation time (so a limit configured by environment does not end up frozen in a
    migration). A file already stored was checked when it arrived; it is not read again each
    time its record is saved.
    """

    def __init__(self, allowed, max_bytes=None, any_name=False):
        self.allowed = tuple(allowed)
        self.max_bytes = max_bytes
        self.any_name = any_name

    def limit(self):
        if isinstance(self.max_bytes, str):
            return upload_limit(self.max_bytes)
        return self.max_bytes

    def __call__(self, upload):
        if getattr(upload, "_committed", False):
            return
        validate_file_name(upload.name)
        size = getattr(upload, "size", None)
        if not size:
            raise ValidationError(_("The file is empty."), code="empty")
        limit = self.limit()
        if limit and size > limit:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="too_large",
                params={"size": human_size(size), "limit": human_size(limit)},
            )
        ext = extension_of(upload.name)
        if not self.any_name and ext not in self.allowed:
            raise ValidationError(
                _("Files of type “.%(ext)s” are not accepted. Accepted: %(allowed)s."),
                code="bad_extension",
                params={"ext": ext or "?", "allowed": ", ".join(self.allowed)},
            )
        if ext in ARCHIVES:
            check_archive(upload, ext)
        kind = sniff(upload)
        if self.any_name and kind is not None and kind.ext in self.allowed:
            ext = kind.ext
        if kind is None or kind.ext != ext:
            raise ValidationError(
                _(
                    "The content of this file is not a real %(ext)s file (it may be renamed, "
                    "contain macros or hidden code). Save it again as %(ext)s and re-upload."
                ),
                code="bad_content",
                params={"ext": (ext or "?").upper()},
            )
        if kind.ext == "pdf":
            check_pdf(upload)
        elif kind.ext in PICTURES:
            images.check_decodable(upload)

    def __eq__(self, other):
        return (
            isinstance(other, ContentTypeValidator)
            and self.allowed == other.allowed
            and self.max_bytes == other.max_bytes
            and self.any_name == other.any_name
        )


@deconstructible
class PhotoValidator(ContentTypeValidator):
    """Only real JPEG, PNG or WebP pictures, whatever their name says (they are stored
    re-encoded anyway), within the pixel budget, saying so plainly when a file is none."""

    def __init__(self, max_bytes="picture"):
        super().__init__(PICTURES, max_bytes=max_bytes, any_name=True)

    def __call__(self, upload):
        try:
            super().__call__(upload)
        except ValidationError as error:
            if error.code != "bad_content":
                raise
            raise ValidationError(
                _("This file is not a JPEG, PNG or WebP photo."), code="not_an_image"
            ) from None


def stored_upload(upload):
    """What a document field stores for a checked upload: a picture (a scan) re-encoded by
    `core.images` without any metadata, keeping its size and format; any other file as it came.
    Records that keep a file's size or checksum compute them from this."""
    kind = sniff(upload)
    if kind is None or kind.ext not in PICTURES:
        return upload
    return images.reencode(
        upload,
        max_side=images.SCAN_MAX_SIDE,
        name=f"scan.{kind.ext}",
        keep_png=True,
        quality=images.SCAN_QUALITY,
    )


# --- Where uploads are stored -----------------------------------------------------------------


@deconstructible
class DatedUploadTo:
    """`upload_to` that never uses the uploader's file name: `<prefix>/2025/12/<uuid>.pdf`."""

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        now = timezone.localdate()
        ext = extension_of(filename)
        name = uuid.uuid4().hex + (f".{ext}" if ext.isalnum() and len(ext) <= 5 else "")
        return f"{self.prefix}/{now:%Y}/{now:%m}/{name}"

    def __eq__(self, other):
        return isinstance(other, DatedUploadTo) and self.prefix == other.prefix


class _GeneratedNameMixin:
    """For fields stored under `DatedUploadTo`: `max_length` bounds the generated name in the
    database, not the uploader's, so the form does not refuse a long file name (Django's form
    field would compare the two); `ContentTypeValidator` checks the name is safe instead."""

    def formfield(self, **kwargs):
        return super().formfield(**{"max_length": None, **kwargs})


class UploadFileField(_GeneratedNameMixin, models.FileField):
    pass


class UploadImageField(_GeneratedNameMixin, models.ImageField):
    pass


# --- How files are described ------------------------------------------------------------------


def human_size(size: int) -> str:
    """ "2,4 MB", "830 KB", "12 B": one decimal (Vietnamese comma) from MB up."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{number_format(round(size / (1024 * 1024), 1), 1)} MB"


def reader_size(size: int) -> str:
    """A size as readers are shown it: "2,4 MB", "830 KB", and "under 1 KB" rather than a
    count of bytes nobody needs ("699 B")."""
    if size < 1024:
        return str(_("under 1 KB"))
    return human_size(size)


def describe(kind_label: str, size: int) -> str:
    """ "PDF · 2,4 MB", as lists of attachments and documents show a file."""
    return f"{kind_label} · {reader_size(size)}"
