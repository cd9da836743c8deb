"""Pictures on the center's pages (staff photos, the organization chart): checked, then
re-encoded once at upload so a phone downloads a small JPEG without camera data (GPS).

`news.images` does the same for article covers, with renditions; this app may not import
news (DESIGN.md), and one size is all a portrait or a chart needs.
"""

import io

from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps

from core.images import check_decodable

JPEG_QUALITY = 80


@deconstructible
class PictureValidator:
    """A picture Pillow can decode, within the site's pixel budget (`core.images`).

    Runs after `core.uploads.ContentTypeValidator`, which checked the type by content.
    """

    def __call__(self, upload):
        check_decodable(upload)

    def __eq__(self, other):
        return isinstance(other, PictureValidator)


def reencode(upload, *, max_side, name, keep_png=False):
    """The upload at most `max_side` pixels on its longer side, turned upright by its EXIF
    orientation, without any metadata: a JPEG, or a PNG when `keep_png` and it was one (a
    drawn chart keeps sharp lines and text)."""
    upload.seek(0)
    with Image.open(upload) as source:
        png = keep_png and source.format == "PNG"
        if not png:
            source.draft("RGB", (max_side, max_side))  # JPEG: decode at a smaller scale, fast
        image = ImageOps.exif_transpose(source)
        image = image.convert("RGBA" if png and "A" in image.getbands() else "RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if png:
        image.save(buffer, "PNG", optimize=True)
        name = f"{name.rsplit('.', 1)[0]}.png"
    else:
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=name)
