"""PDFs that would run something on a reader's computer: found as a PDF reader finds them.

Part of `core.uploads` (the one home of upload checks), which calls `check_pdf` for every file
whose content is a PDF.
"""

import io
import re

import pypdf
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    TextStringObject,
)

# Names that make a PDF reader run something: a script, or a program on the reader's computer.
_RUNS = frozenset({"/JavaScript", "/JS", "/Launch"})
# The same, written plainly; a quick first look before the parser (long names only: a short
# one like /JS can occur by chance inside compressed data).
_RUNS_PLAIN = re.compile(rb"/(?:JavaScript|Launch)(?=[\s/<>\[\]()%{}]|$)")
# Bounds on the work for one file: objects examined, and bytes unpacked from object streams
# (where PDF 1.5+ writers pack dictionaries, out of sight of a byte search).
MAX_OBJECTS = 100_000
MAX_UNPACKED = 32 * 1024 * 1024
_LIMITS = {
    "zlib_maximum_output_length": MAX_UNPACKED,
    "lzw_maximum_output_length": MAX_UNPACKED,
    "run_length_maximum_output_length": MAX_UNPACKED,
    "brotli_maximum_output_length": MAX_UNPACKED,
    "jbig2_maximum_output_length": MAX_UNPACKED,
    "stream_decoding_work_maximum_length": 4 * MAX_UNPACKED,
}

_RESAVE = _(
    "Print it to PDF again (File → Print → “Microsoft Print to PDF” or “Save as PDF”), or in "
    "Word choose File → Save As → PDF, and upload the new file."
)


def _error(problem, code):
    """What is wrong, then what to do instead (the same for every problem)."""
    return ValidationError(format_lazy("{} {}", problem, _RESAVE), code=code)


def check_pdf(file):
    """Refuse a PDF that would run something when opened: JavaScript (`/JavaScript`, `/JS`),
    a program (`/Launch`), or an automatic action on opening (`/OpenAction`, unless it only
    goes to a page, as LibreOffice writes). Every object is read through pypdf, so names
    written with escapes (`/J#61vaScript`) or packed in compressed object streams are seen as
    a reader sees them. Also refused: PDFs locked by a password (readers could not open them,
    and they cannot be checked), and damaged ones."""
    file.seek(0)
    data = file.read()
    if _RUNS_PLAIN.search(data):
        raise _active()
    try:
        with pypdf.apply_configuration(**_LIMITS):
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise _error(
                    _("This PDF is locked by a password, so readers could not open it."),
                    "pdf_encrypted",
                )
            numbers = {num: gen for gen, table in reader.xref.items() for num in table}
            numbers.update(dict.fromkeys(reader.xref_objStm, 0))
            if len(numbers) > MAX_OBJECTS:
                raise _too_complex()
            unpacked = 0
            for stream in {stm for stm, _index in reader.xref_objStm.values()}:
                unpacked += len(reader.get_object(stream).get_data())  # cached by pypdf
                if unpacked > MAX_UNPACKED:
                    raise _too_complex()
            for num, gen in numbers.items():
                if _runs_something(reader.get_object(IndirectObject(num, gen, reader))):
                    raise _active()
    except ValidationError:
        raise
    except pypdf.errors.LimitReachedError:
        raise _too_complex() from None
    except Exception:  # pypdf raises many kinds (and RecursionError) for a broken file
        raise _error(_("This PDF is damaged and cannot be checked."), "pdf_unreadable") from None
    finally:
        file.seek(0)


def _active():
    return _error(
        _(
            "This PDF contains code that runs when it is opened (JavaScript, an automatic "
            "action or a command that starts a program); readers must not receive it."
        ),
        "pdf_active_content",
    )


def _too_complex():
    limits = {
        "objects": number_format(MAX_OBJECTS, force_grouping=True),
        "megabytes": MAX_UNPACKED // (1024 * 1024),
    }
    return _error(
        _(
            "This PDF is too complex to check (more than %(objects)s objects, or more than "
            "%(megabytes)s MB of them packed)."
        )
        % limits,
        "pdf_too_complex",
    )


def _runs_something(obj) -> bool:
    """Whether one PDF object (with the dictionaries and arrays written inside it) names
    something that runs. Objects it refers to are examined on their own."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, DictionaryObject):  # streams too
            for key, value in item.items():
                if key in _RUNS or (key == "/OpenAction" and not _only_goes_to_a_page(value)):
                    return True
                if not isinstance(value, IndirectObject):
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(value for value in item if not isinstance(value, IndirectObject))
        elif isinstance(item, NameObject) and item in _RUNS:  # /S /JavaScript, /S /Launch
            return True
    return False


def _only_goes_to_a_page(value) -> bool:
    target = value.get_object() if isinstance(value, IndirectObject) else value
    if target is None or isinstance(
        target, NullObject | ArrayObject | NameObject | TextStringObject | ByteStringObject
    ):
        return True  # a destination: open at this page
    return (
        isinstance(target, DictionaryObject)
        and target.get("/S") == "/GoTo"
        and "/Next" not in target
    )
