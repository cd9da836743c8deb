"""Pictures staff upload: one check that Pillow can decode them within a pixel budget, and one
way a picture is written.

`encode` is the only place the site writes picture bytes, and it writes no metadata at all: no
EXIF (camera, GPS position), XMP, ICC profile, JPEG comment or PNG text chunk. `reencode` is
the intake of an upload: upright by its EXIF orientation, colours converted to sRGB through
its own ICC profile (so dropping the profile changes no colour), made smaller, then `encode`.
Article covers and their renditions, class covers, portraits, organization charts and the
scans uploaded as documents, attachments or evidence all go through them.

The type was already checked by content (`core.uploads`), which calls `check_decodable` for
every picture: it guards against files that only look like pictures and against
decompression bombs.
"""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

JPEG_QUALITY = 80
# Scans of documents keep their size and more detail: small print must stay legible.
SCAN_MAX_SIDE = 5000
SCAN_QUALITY = 90
WEBP_QUALITY = 76

_SRGB = ImageCms.createProfile("sRGB")


def check_decodable(upload, max_pixels=None):
    """Raise a ValidationError (in Vietnamese) unless `upload` is a picture Pillow decodes
    with at most `max_pixels` pixels (default: settings.UPLOAD_LIMITS["picture_megapixels"],
    the budget of every picture on the site). Leaves the file at its start."""
    max_pixels = max_pixels or settings.UPLOAD_LIMITS["picture_megapixels"] * 1_000_000
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
    """`check_decodable` as a model-field validator. Fields no longer list it, since
    `core.uploads.ContentTypeValidator` runs the check for every picture; migrations still
    name it."""

    def __call__(self, upload):
        check_decodable(upload)

    def __eq__(self, other):
        return isinstance(other, PictureValidator)


def encode(image: Image.Image, fmt: str, *, quality: int = JPEG_QUALITY) -> bytes:
    """`image` as JPEG, WEBP or PNG bytes without any metadata.

    Pillow copies some of `image.info` into what it saves (a JPEG comment, an ICC profile), so
    that is emptied first; nothing else is passed to the encoder.
    """
    image.info = {}
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "WEBP":
        image.save(buffer, "WEBP", quality=quality, method=4)
    elif fmt == "PNG":
        # zlib's default level: the best level costs ten times the time on a noisy scan
        # (seconds for an A4 page) for a tenth less size.
        image.save(buffer, "PNG")
    else:
        raise ValueError(f"not a format the site writes: {fmt}")
    return buffer.getvalue()


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """The picture's colours in sRGB, converted through its embedded profile (Adobe RGB from a
    camera, Display P3 from a phone, CMYK from print). Without a profile, or with one that does
    not fit the picture, the pixels are taken as sRGB already, as browsers do."""
    mode = "RGBA" if "A" in image.getbands() else "RGB"
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    return image.convert(mode)


def reencode(upload, *, max_side, name, keep_png=False, quality=JPEG_QUALITY) -> ContentFile:
    """The upload at most `max_side` pixels on its longer side, upright, in sRGB, written by
    `encode`: a JPEG, or a PNG when `keep_png` and it was one (a drawn chart or a scan keeps
    sharp lines and text). `name` gives the stem; the extension follows the format."""
    upload.seek(0)
    with Image.open(upload) as source:
        png = keep_png and source.format == "PNG"
        if not png:
            source.draft("RGB", (max_side, max_side))  # JPEG: decode at a smaller scale, fast
        icc_profile = source.info.get("icc_profile")
        image = ImageOps.exif_transpose(source)
    if image.mode in ("P", "PA", "1", "I", "I;16", "F") or image.mode.startswith("I;"):
        has_alpha = "A" in image.mode or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    image = _to_srgb(image, icc_profile)
    if image.mode == "RGBA" and not png:
        # A JPEG has no transparency: what was see-through shows the page's white.
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        image = background
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    stem = name.rsplit(".", 1)[0]
    if png:
        return ContentFile(encode(image, "PNG"), name=f"{stem}.png")
    return ContentFile(encode(image, "JPEG", quality=quality), name=f"{stem}.jpg")
