"""Pictures as cameras, phones and editors write them, carrying everything that identifies
people or places, and the checks that none of it reached storage (issue 12, item 4)."""

import io
import struct
import zlib

from PIL import Image, ImageCms, PngImagePlugin

# Words planted in each kind of metadata: none may be found in a stored file.
SECRETS = {
    "comment": b"NGUOI-CHUP-NGUYEN-VAN-B",
    "xmp": b"XMP-DIA-CHI-NHA-RIENG",
    "exif": b"EXIF-MAY-ANH-CUA-B",
    "text": b"PNG-TEXT-SO-DIEN-THOAI",
}
GPS = {1: "N", 2: (21.0, 30.0, 12.0), 3: "E", 4: (105.0, 55.0, 3.0)}
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>' + SECRETS["xmp"] + b"</dc:creator>"
    b'<exif:GPSLatitude xmlns:exif="http://ns.adobe.com/exif/1.0/">21,30.2N</exif:GPSLatitude>'
    b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
RED = (230, 20, 20)


def swapped_profile() -> bytes:
    """A valid RGB ICC profile that is not sRGB: sRGB with its red and green primaries
    exchanged, so a pixel that is pure red in the file is green on a colour-managed screen
    (and must be green once converted to sRGB). Built with PIL.ImageCms."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (count,) = struct.unpack(">I", data[128:132])
    entries = {}
    for i in range(count):
        at = 132 + 12 * i
        entries[bytes(data[at : at + 4])] = at
    red, green = entries[b"rXYZ"], entries[b"gXYZ"]
    data[red + 4 : red + 12], data[green + 4 : green + 12] = (
        data[green + 4 : green + 12],
        data[red + 4 : red + 12],
    )
    return bytes(data)


def _exif():
    exif = Image.Exif()
    exif[0x010F] = SECRETS["exif"].decode()  # camera make
    exif[0x8825] = GPS
    return exif


def dirty_jpeg(size=(1600, 1200), color=RED, tail=b"") -> bytes:
    """A JPEG with EXIF (camera, GPS position), XMP, a non-sRGB ICC profile and a comment.
    `tail` goes into a second comment, after the first 2 KB of the file."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(
        buffer,
        "JPEG",
        exif=_exif(),
        xmp=XMP,
        icc_profile=swapped_profile(),
        comment=SECRETS["comment"],
    )
    data = buffer.getvalue()
    if tail:
        padding, note = b"." * 2100, tail
        segments = b"".join(
            b"\xff\xfe" + struct.pack(">H", len(c) + 2) + c for c in (padding, note)
        )
        data = data[:2] + segments + data[2:]  # comments may follow the start of image
    return data


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def dirty_png(size=(800, 600), color=RED, tail=b"") -> bytes:
    """A PNG with tEXt, zTXt and iTXt chunks, XMP, eXIf (GPS) and a non-sRGB iCCP profile.
    `tail` goes into one more tEXt chunk placed after 2 KB of padding."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRETS["text"].decode())
    info.add_text("Comment", SECRETS["comment"].decode(), zip=True)
    info.add_itxt("Description", SECRETS["text"].decode() + " đường Tiên Tân", lang="vi")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(
        buffer, "PNG", pnginfo=info, exif=_exif(), icc_profile=swapped_profile()
    )
    data = buffer.getvalue()
    if tail:
        extra = _chunk(b"tEXt", b"Padding\x00" + b"." * 2100) + _chunk(b"tEXt", b"Note\x00" + tail)
        data = data[:33] + extra + data[33:]  # after the IHDR chunk
    return data


def jpeg_markers(data: bytes) -> set[int]:
    """The marker bytes of a JPEG's segments before its image data."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, at = set(), 2
    while at < len(data):
        assert data[at] == 0xFF
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: pixels follow
            break
        markers.add(marker)
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    return markers


def png_chunks(data: bytes) -> set[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks, at = set(), 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.add(data[at + 4 : at + 8])
        at += 12 + length
    return chunks


# What a clean file may hold: pixels and how to decode them, nothing about who or where.
JPEG_ALLOWED = {0xE0, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDD}  # JFIF, tables, frame, restart
PNG_ALLOWED = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}


def assert_clean(data: bytes, label=""):
    """No EXIF, GPS, XMP, ICC profile, comment or text chunk in a stored picture."""
    for name, secret in SECRETS.items():
        assert secret not in data, f"{label}: the {name} survived"
    for marker in (b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"xmpmeta", b"ICC_PROFILE"):
        assert marker not in data, f"{label}: {marker!r} survived"
    if data[:2] == b"\xff\xd8":
        extra = jpeg_markers(data) - JPEG_ALLOWED
        assert not extra, f"{label}: JPEG segments {sorted(hex(m) for m in extra)}"
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        extra = png_chunks(data) - PNG_ALLOWED
        assert not extra, f"{label}: PNG chunks {sorted(extra)}"
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        for chunk in (b"ICCP", b"EXIF", b"XMP "):
            assert chunk not in data, f"{label}: WebP chunk {chunk!r}"
    else:
        raise AssertionError(f"{label}: not a picture the site writes")


def looks_green(data: bytes) -> bool:
    """The centre pixel of a picture drawn in RED under the swapped profile is green once its
    colours are converted to sRGB (and red when the profile was dropped or ignored)."""
    with Image.open(io.BytesIO(data)) as image:
        r, g, _b = image.convert("RGB").getpixel((image.width // 2, image.height // 2))[:3]
    return g > 150 and r < 100
