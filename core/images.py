"""Pictures uploaded by staff (article covers, portraits, charts): one check that Pillow can
decode them within a pixel budget, before anything is re-encoded.

The type was already checked by content (`core.uploads`); this guards against files that only
look like pictures and against decompression bombs.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image


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
