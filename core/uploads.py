"""Uploads that cannot hurt readers: type checked by content, stored under generated names.

A file's name says nothing about what it is. `sniff` reads its first bytes (and, for Office
and OpenDocument files, the parts inside the zip) and answers what it really is, or None.
Validators built on it refuse HTML, SVG, scripts, executables, archives, macro-enabled Office
files and anything whose content does not match its extension.
"""

import posixpath
import uuid
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


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
_MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe", b"<head")


def _read_all(file) -> bytes:
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _zip_kind(file) -> str | None:
    """docx/xlsx/pptx/odt/ods from the parts inside the zip; None for macros or other zips."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mime = archive.read("mimetype").decode("ascii", "replace").strip()
                return _ODF_MIME.get(mime)
            if "[Content_Types].xml" not in names:
                return None
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            if "macroEnabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
                return None
            for ext, marker in _OOXML_MAIN.items():
                if marker in types:
                    return ext
            return None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        file.seek(0)


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
        return None if _has_trailing_data(ext, data) else KINDS[ext]
    if guess.extension in {"zip", "docx", "xlsx", "pptx", "odt", "ods"}:
        kind = _zip_kind(file)
        return KINDS[kind] if kind else None
    return None


def extension_of(name: str) -> str:
    ext = posixpath.splitext(name or "")[1].lower().lstrip(".")
    return EXTENSION_ALIASES.get(ext, ext)


@deconstructible
class ContentTypeValidator:
    """Accept only files whose content is one of `allowed` and matches their extension.

    `max_bytes` is a number, or the name of a setting read at validation time (so a limit
    configured by environment does not end up frozen in a migration).
    """

    def __init__(self, allowed, max_bytes=None):
        self.allowed = tuple(allowed)
        self.max_bytes = max_bytes

    def limit(self):
        if isinstance(self.max_bytes, str):
            return getattr(settings, self.max_bytes)
        return self.max_bytes

    def __call__(self, upload):
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
        if ext not in self.allowed:
            raise ValidationError(
                _("Files of type “.%(ext)s” are not accepted. Accepted: %(allowed)s."),
                code="bad_extension",
                params={"ext": ext or "?", "allowed": ", ".join(self.allowed)},
            )
        kind = sniff(upload)
        if kind is None or kind.ext != ext:
            raise ValidationError(
                _(
                    "The content of this file is not a real %(ext)s file (it may be renamed, "
                    "contain macros or hidden code). Save it again as %(ext)s and re-upload."
                ),
                code="bad_content",
                params={"ext": ext.upper()},
            )

    def __eq__(self, other):
        return (
            isinstance(other, ContentTypeValidator)
            and self.allowed == other.allowed
            and self.max_bytes == other.max_bytes
        )


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


def human_size(size: int) -> str:
    """ "2,4 MB", "830 KB", "12 B": one decimal (Vietnamese comma) from MB up."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{number_format(round(size / (1024 * 1024), 1), 1)} MB"


def describe(kind_label: str, size: int) -> str:
    """ "PDF · 2,4 MB", as lists of attachments and documents show a file."""
    return f"{kind_label} · {human_size(size)}"
