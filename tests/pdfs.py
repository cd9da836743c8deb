"""PDFs that run something when opened, written the ways attackers write them (issue 12,
item 5), and harmless ones written the ways real programs do. Built with pydyf, the PDF writer
WeasyPrint uses, so the files are valid and their cross-reference tables exact."""

import io

import pydyf
from pypdf import PdfReader, PdfWriter


def build(*, catalog=None, page=None, objects=(), compress=False, pages=1) -> bytes:
    """A PDF with `pages` empty A4 pages. `catalog` and `page` add entries to the catalog and
    the first page; their values may be callables taking (pdf, first_page) for references to
    `objects` added first. `compress` packs the dictionaries in a compressed object stream
    (PDF 1.5+), where no byte search sees them."""
    pdf = pydyf.PDF()
    for obj in objects:
        pdf.add_object(obj)
    first = None
    for _ in range(pages):
        sheet = pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": pydyf.Array([0, 0, 595, 842]),
            }
        )
        pdf.add_page(sheet)
        first = first or sheet
    for target, entries in ((pdf.catalog, catalog), (first, page)):
        for key, value in (entries or {}).items():
            target[key] = value(pdf, first) if callable(value) else value
    out = io.BytesIO()
    pdf.write(out, version=b"1.7", compress=compress)
    return out.getvalue()


def javascript_on_open(*, compress=False, escaped=False) -> bytes:
    """Runs `app.alert(1)` when opened. `escaped` writes every name with #xx escapes, as
    /J#61vaScript, which a reader reads as /JavaScript."""
    kind, code, open_action = (
        ("J#61vaScript", "J#53", "Open#41ction")
        if escaped
        else (
            "JavaScript",
            "JS",
            "OpenAction",
        )
    )
    action = pydyf.Dictionary({"S": f"/{kind}", code: pydyf.String("app.alert(1)")})
    return build(objects=[action], catalog={open_action: action.reference}, compress=compress)


def javascript_in_names(*, compress=False) -> bytes:
    """A document-level script (the catalog's /Names /JavaScript tree)."""
    action = pydyf.Dictionary({"S": "/JavaScript", "JS": pydyf.String("app.alert(1)")})
    tree = pydyf.Dictionary({"Names": pydyf.Array([pydyf.String("x"), action.reference])})
    names = pydyf.Dictionary({"JavaScript": tree.reference})
    return build(
        objects=[action, tree, names], catalog={"Names": names.reference}, compress=compress
    )


def launch_link(*, compress=False) -> bytes:
    """A link on the page that starts a program on the reader's computer."""
    link = pydyf.Dictionary(
        {
            "Type": "/Annot",
            "Subtype": "/Link",
            "Rect": pydyf.Array([0, 0, 595, 842]),
            "A": pydyf.Dictionary({"S": "/Launch", "F": pydyf.String("cmd.exe")}),
        }
    )
    return build(objects=[link], page={"Annots": pydyf.Array([link.reference])}, compress=compress)


def opens_at_first_page() -> bytes:
    """/OpenAction as LibreOffice writes it: a destination (open at page 1), nothing runs."""
    return build(
        catalog={
            "OpenAction": lambda pdf, first: pydyf.Array(
                [first.reference, "/XYZ", "null", "null", 0]
            )
        }
    )


def goto_on_open() -> bytes:
    return build(
        catalog={
            "OpenAction": lambda pdf, first: pydyf.Dictionary(
                {"S": "/GoTo", "D": pydyf.Array([first.reference, "/Fit"])}
            )
        }
    )


def encrypted(*, user_password: str) -> bytes:
    """A PDF encrypted with AES-256: with an empty user password anyone opens it (only
    permissions are restricted, as many offices do); with one, only who knows it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build())))
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
