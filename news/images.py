"""Cover images: checked by content, re-encoded without metadata, rendered once at upload.

Why not an image library such as sorl-thumbnail or imagekit: those make renditions on first
request and look them up on every request (a cache or storage hit per image per page). Here
the few sizes a page needs are written once, when staff save the article, under names derived
from the cover's own name, so a page builds `srcset` from the cover name alone, with no lookup.

For `news/covers/2025/12/<uuid>.jpg` the renditions are `<uuid>-w360.webp`, `<uuid>-w360.jpg`,
... and `<uuid>-og.jpg` (1200×630, for link previews on Zalo and Facebook).
"""

import posixpath

from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps

from core import images
from core.uploads import PhotoValidator, UploadImageField

WIDTHS = (360, 720, 1080)
MAX_SIDE = 2000  # the re-encoded original: enough for any phone or laptop screen
OG_SIZE = (1200, 630)


@deconstructible
class CoverImageValidator(PhotoValidator):
    """Only real JPEG, PNG or WebP images, within a pixel budget (no decompression bombs),
    whatever their name says: the picture is re-encoded anyway. (Named in migrations.)"""

    def __init__(self):
        super().__init__()


def rendition_name(cover_name: str, suffix: str) -> str:
    base, _ext = posixpath.splitext(cover_name)
    return f"{base}-{suffix}"


def widths_for(cover_width: int | None) -> list[int]:
    """The rendition widths that exist for a cover of this width, each once, smallest first:
    the standard widths below it, and the cover's own width when it is narrower than the
    largest (never upscaled). `srcset` lists exactly these."""
    if not cover_width:
        return []
    return sorted({w for w in WIDTHS if w < cover_width} | {min(cover_width, WIDTHS[-1])})


def rendition_names(cover_name: str, cover_width: int | None) -> list[str]:
    """The names `make_renditions` writes for a cover of this width."""
    widths = widths_for(cover_width)
    names = [rendition_name(cover_name, f"w{w}.{ext}") for w in widths for ext in ("webp", "jpg")]
    return [*names, rendition_name(cover_name, "og.jpg")]


class CoverImageField(UploadImageField):
    """An article's cover. Its renditions are files of their own that no row names; the
    backup (`core.backup`) asks the field for them (`derived_names`), so an archive holds them
    and a restore brings them back, wherever the files are stored."""

    def derived_names(self, name, width=None):
        return rendition_names(name, width)

    def deconstruct(self):
        # The column is the same as for any picture: migrations need not know the difference.
        name, _path, args, kwargs = super().deconstruct()
        return name, "core.uploads.UploadImageField", args, kwargs


def _encode(image: Image.Image, fmt: str) -> bytes:
    quality = images.JPEG_QUALITY if fmt == "JPEG" else images.WEBP_QUALITY
    return images.encode(image, fmt, quality=quality)


def reencode(upload) -> ContentFile:
    """The upload as a clean JPEG of at most MAX_SIDE pixels (see `core.images.reencode`)."""
    return images.reencode(upload, max_side=MAX_SIDE, name="cover.jpg")


def make_renditions(storage, cover_name: str) -> list[str]:
    """Write the WebP and JPEG widths and the link-preview crop; return the names written."""
    with storage.open(cover_name) as fh, Image.open(fh) as source:
        image = source.convert("RGB")
    written = []
    for width in widths_for(image.width):
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for ext, fmt in (("webp", "WEBP"), ("jpg", "JPEG")):
            name = rendition_name(cover_name, f"w{width}.{ext}")
            written.append(_save(storage, name, _encode(resized, fmt)))
    og = ImageOps.fit(image, OG_SIZE, Image.Resampling.LANCZOS)
    written.append(_save(storage, rendition_name(cover_name, "og.jpg"), _encode(og, "JPEG")))
    return written


def _save(storage, name, data):
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(data))


def delete_renditions(storage, cover_name: str):
    names = [rendition_name(cover_name, f"w{w}.{e}") for w in WIDTHS for e in ("webp", "jpg")]
    for name in [*names, rendition_name(cover_name, "og.jpg")]:
        if storage.exists(name):
            storage.delete(name)
