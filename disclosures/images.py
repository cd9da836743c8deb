"""Pictures on the center's pages (staff photos, the organization chart): checked, then
re-encoded once at upload so a phone downloads a small JPEG without camera data (GPS).

`news.images` does the same for article covers, with renditions; this app may not import
news (DESIGN.md), and one size is all a portrait or a chart needs.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_PIXELS = 40_000_000  # a 40-megapixel photo is the largest any phone takes
JPEG_QUALITY = 80


@deconstructible
class PictureValidator:
    """A picture Pillow can decode, within a pixel budget (no decompression bombs).

    Runs after `core.uploads.ContentTypeValidator`, which checked the type by content.
    """

    def __call__(self, upload):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                upload.seek(0)
                with Image.open(upload) as image:
                    width, height = image.size
                    if width * height > MAX_PIXELS:
                        raise ValidationError(
                            _("The picture is too large (%(w)s×%(h)s pixels). Make it smaller."),
                            code="too_many_pixels",
                            params={"w": width, "h": height},
                        )
                    image.verify()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, ValueError):
            raise ValidationError(
                _("This picture cannot be read. Save it again as JPEG and re-upload."),
                code="unreadable",
            ) from None
        finally:
            upload.seek(0)

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
