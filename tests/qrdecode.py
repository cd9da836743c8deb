"""Read back the QR codes the site draws, as a phone would: tests must prove the code on a
poster opens the right page, not only that some SVG is there.

`decode_svg` rasterizes segno's inline SVG (a path of horizontal strokes, one module high)
into a picture and decodes it with zxing-cpp, an independent QR decoder.
"""

import re

import zxingcpp
from PIL import Image, ImageDraw

_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.DOTALL)
_VIEWBOX = re.compile(r'viewBox="0 0 (\d+) (\d+)"')
_DARK_PATH = re.compile(r'<path[^>]*stroke="#000"[^>]*\sd="([^"]+)"')
_COMMAND = re.compile(r"([A-Za-z])([^A-Za-z]*)")


def svgs_in(html: str) -> list[str]:
    return _SVG.findall(html)


def decode_image(image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def rasterize(svg: str, pixels_per_module: int = 8) -> Image.Image:
    width, height = map(int, _VIEWBOX.search(svg).groups())
    image = Image.new("L", (width * pixels_per_module, height * pixels_per_module), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, args in _COMMAND.findall(_DARK_PATH.search(svg)[1]):
        numbers = [float(n) for n in args.replace(",", " ").split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            # A stroke of width 1 centred on y: the module row from y - .5 to y + .5.
            top = (y - 0.5) * pixels_per_module
            left, right = x * pixels_per_module, (x + numbers[0]) * pixels_per_module
            draw.rectangle([left, top, right - 1, top + pixels_per_module - 1], fill=0)
            x += numbers[0]
        else:
            raise AssertionError(f"unexpected SVG path command {command!r}")
    return image


def decode_svg(svg: str) -> list[str]:
    """The texts of the QR codes drawn by `svg` (normally exactly one)."""
    return decode_image(rasterize(svg))
