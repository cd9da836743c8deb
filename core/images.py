"""Pictures uploaded by staff (article covers, portraits, charts): one check that Pillow can
decode them within a pixel budget, and one re-encoding that drops every metadata.

The type was already checked by content (`core.uploads`); the check guards against files that
only look like pictures and against decompression bombs.
"""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

JPEG_QUALITY = 80


def check_decodable(upload, max_pixels=None):
    """Raise a ValidationError (in Vietnamese) unless `upload` is a picture Pillow decodes
    with at most `max_pixels` pixels (default: settings.NEWS_IMAGE_MAX_PIXELS, the budget of
    every picture on the site). Leaves the file at its start."""
    max_pixels = max_pixels or settings.NEWS_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise ValidationError(
                        _("The photo is too large (%(w)s×%(h)s pixels). Make it smaller."),
                        code="too_many_pixels",
                        params={"w": width, "h": height},
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, ValueError):
        raise ValidationError(
            _("This photo cannot be read. Save it again as JPEG and re-upload."),
            code="unreadable",
        ) from None
    finally:
        upload.seek(0)


@deconstructible
class PictureValidator:
    """A model-field validator: `check_decodable` with the site's pixel budget. Runs after
    `core.uploads.ContentTypeValidator`, which checked the type by content."""

    def __call__(self, upload):
        check_decodable(upload)

    def __eq__(self, other):
        return isinstance(other, PictureValidator)


def reencode(upload, *, max_side, name, keep_png=False):
    """The upload at most `max_side` pixels on its longer side, turned upright by its EXIF
    orientation, without any metadata (camera, GPS position): a JPEG, or a PNG when
    `keep_png` and it was one (a drawn chart keeps sharp lines and text)."""
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
