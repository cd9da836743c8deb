"""Excel files for staff: class lists, attendance, a learner's data, the learner import.

Cells are written through `core.spreadsheets` (formula starts escaped, as in every download).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from attendance import cleaning
from attendance.models import Sex
from core.models import Hamlet
from core.spreadsheets import sheet
from core.text import fold
from core.uploads import archive_facts, human_size

MAX_IMPORT_ROWS = 2000
# What reading one import may cost, decided before the rows are read (a 700 KB file can declare
# millions of rows or unpack to hundreds of megabytes). A list of 2,000 learners made from the
# template unpacks to well under 1 MB, has a few hundred cells a row at most, and its empty
# rows end where its data does.
MAX_SHEET_ROWS = 5000  # rows read, blank ones included
MAX_SHEET_CELLS = 100_000  # rows × columns, as the sheet declares its size
MAX_UNPACKED_BYTES = 3 * 1024 * 1024  # every part of the workbook, unpacked


def class_list(course, enrollments):
    wb = Workbook()
    sheet(
        wb,
        _("Learners"),
        [
            _("No."),
            _("Full name"),
            _("Year of birth"),
            _("Sex"),
            _("Hamlet"),
            _("Phone"),
            _("Guardian"),
            _("Guardian's phone"),
            _("Status"),
            _("Reference code"),
            _("Note"),
        ],
        (
            [
                i,
                e.learner.full_name,
                e.learner.birth_year,
                e.learner.get_sex_display(),
                str(e.learner.hamlet or ""),
                e.learner.phone,
                e.learner.guardian_name,
                e.learner.guardian_phone,
                e.get_status_display(),
                e.reference,
                e.note,
            ]
            for i, e in enumerate(enrollments, start=1)
        ),
        first=True,
    )
    return wb


def attendance_sheet(course, enrollments, sessions, marks, attended):
    """Learners × sessions, then the sessions each attended; `marks` is {(enrollment_id,
    session_id): label}, `attended` {enrollment_id: count} (late counts as there)."""
    wb = Workbook()
    header = [_("No."), _("Full name")] + [f"{s.date:%d/%m/%Y}" for s in sessions]
    sheet(
        wb,
        _("Attendance"),
        [*header, _("Sessions attended")],
        (
            [i, e.learner.full_name]
            + [marks.get((e.pk, s.pk), "") for s in sessions]
            + [attended.get(e.pk, 0)]
            for i, e in enumerate(enrollments, start=1)
        ),
        first=True,
    )
    return wb


def learner_workbook(data):
    wb = Workbook()
    sheet(
        wb,
        _("Learner"),
        [_("Field"), _("Value")],
        [(k, v) for k, v in data.items() if k != "enrollments"],
        first=True,
    )
    sheet(
        wb,
        _("Enrollments"),
        [
            _("Class"),
            _("Start date"),
            _("Reference code"),
            _("Status"),
            _("Source"),
            _("Note"),
            _("Consent given at"),
            _("Consent text"),
            _("Attendance"),
        ],
        (
            [
                e["class"],
                e["start_date"],
                e["reference"],
                e["status"],
                e["source"],
                e["note"],
                e["consent_at"],
                e["consent_text"],
                "; ".join(f"{a['session']}: {a['status']}" for a in e["attendance"]),
            ]
            for e in data["enrollments"]
        ),
    )
    return wb


# --- Import ----------------------------------------------------------------------------------

IMPORT_HEADER = [
    "Họ và tên",
    "Năm sinh",
    "Giới tính (Nam/Nữ)",
    "Xóm",
    "Điện thoại",
    "Người giám hộ",
    "Điện thoại người giám hộ",
]


def import_template():
    wb = Workbook()
    ws = sheet(wb, "Hoc vien", IMPORT_HEADER, [], first=True)
    ws.append(["Nguyễn Văn Mẫu", 1970, "Nam", "Xóm 1", "0912 345 678", "", ""])
    notes = wb.create_sheet("Huong dan")
    notes.append(["Mỗi dòng một học viên. Xóa dòng mẫu trước khi nhập."])
    notes.append(["Giới tính: Nam hoặc Nữ. Xóm: đúng tên trong danh sách dưới đây."])
    notes.append(["Người dưới 16 tuổi cần tên và điện thoại người giám hộ."])
    for hamlet in Hamlet.objects.all():
        notes.append([hamlet.name])
    return wb


@dataclass
class ImportRow:
    line: int
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    known: bool = False  # the same person is already in the register


def _text(value):
    return "" if value is None else str(value).strip()


def _sex(value):
    folded = fold(_text(value))
    if folded in ("nu", "female", "f"):
        return Sex.FEMALE
    if folded in ("nam", "male", "m"):
        return Sex.MALE
    raise ValidationError(_("Sex must be “Nam” or “Nữ”."))


def _count(n):
    return number_format(n, force_grouping=True)


def _check_unpacked_size(upload):
    """Refuse, from the zip's central directory, a workbook that unpacks to more than a list
    of learners needs (a huge shared-strings or sheet part compressed small)."""
    facts = archive_facts(upload)
    if facts is not None and facts.unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _(
                "This Excel file unpacks to %(size)s; a list of %(rows)s learners needs far less "
                "(at most %(limit)s are read). Copy only the learners into the template "
                "(“Download the template” above) and upload that file."
            )
            % {
                "size": human_size(facts.unpacked),
                "rows": _count(MAX_IMPORT_ROWS),
                "limit": human_size(MAX_UNPACKED_BYTES),
            }
        )


def _check_declared_size(ws):
    """Refuse a sheet whose declared size (its `dimension`) is beyond what is read."""
    rows, columns = ws.max_row or 0, ws.max_column or 0
    if rows > MAX_SHEET_ROWS:
        raise _too_many_rows(rows)
    if rows * columns > MAX_SHEET_CELLS:
        raise ValidationError(
            _(
                "The sheet is marked as using %(cells)s cells (%(rows)s rows × %(columns)s "
                "columns); at most %(limit)s are read. Delete the unused rows and columns to the "
                "right of and below the list, or copy only the learners into the template, and "
                "upload the file again."
            )
            % {
                "cells": _count(rows * columns),
                "rows": _count(rows),
                "columns": _count(columns),
                "limit": _count(MAX_SHEET_CELLS),
            }
        )


def _too_many_rows(rows=None):
    """Declared (`rows`) or found while reading: more rows than are read."""
    what_to_do = _(
        "Delete the empty rows below the list (select them, right-click, Delete), save and "
        "upload the file again."
    )
    if rows:
        problem = _(
            "The sheet is marked as having %(rows)s rows, counting empty ones; at most "
            "%(limit)s are read."
        ) % {"rows": _count(rows), "limit": _count(MAX_SHEET_ROWS)}
    else:
        problem = _("The sheet has more than %(limit)s rows, counting empty ones.") % {
            "limit": _count(MAX_SHEET_ROWS)
        }
    return ValidationError(f"{problem} {what_to_do}")


def _sheet_rows(upload):
    """(line, cells) for every row after the header, blank ones included, bounded before and
    while reading: the workbook's unpacked size, the sheet's declared size, then the number of
    rows read (openpyxl makes up the rows a sheet skips, so a row numbered 5,000,000 would
    otherwise bring 5 million blank ones)."""
    _check_unpacked_size(upload)
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationError(_("This Excel file cannot be read. Save it again as .xlsx.")) from exc
    try:
        if not wb.worksheets:
            raise ValidationError(_("This Excel file cannot be read. Save it again as .xlsx."))
        ws = wb.worksheets[0]
        _check_declared_size(ws)
        # From here the rows are counted as they are read, so a declared size that is too small
        # (some programs write A1) no longer hides rows: read them all, up to the limit.
        ws.reset_dimensions()
        rows = ws.iter_rows(min_row=2, max_col=len(IMPORT_HEADER), values_only=True)
        for line, raw in enumerate(rows, start=2):
            if line > MAX_SHEET_ROWS:
                raise _too_many_rows()
            yield line, list(raw or ()) + [None] * len(IMPORT_HEADER)
    except ValidationError:
        raise
    except Exception as exc:  # a part that breaks only when read (bad XML, missing strings)
        raise ValidationError(_("This Excel file cannot be read. Save it again as .xlsx.")) from exc
    finally:
        wb.close()


def read_learners(upload):
    """Parse and check every row; nothing is written. Returns [ImportRow] (errors per row)."""
    hamlets = {fold(h.name): h for h in Hamlet.objects.all()}
    rows = []
    for line, cells in _sheet_rows(upload):
        if not any(_text(c) for c in cells[: len(IMPORT_HEADER)]):
            continue
        if len(rows) >= MAX_IMPORT_ROWS:
            raise ValidationError(
                _("The file has more than %(n)d rows; split it.") % {"n": MAX_IMPORT_ROWS}
            )
        row = ImportRow(line=line)
        for name, read in (
            ("sex", lambda cells=cells: _sex(cells[2])),
            ("hamlet", lambda cells=cells: _hamlet(hamlets, cells[3])),
        ):
            try:
                row.values[name] = read()
            except ValidationError as error:
                row.errors.extend(error.messages)
        typed = {
            "full_name": _text(cells[0]),
            "phone": _text(cells[4]),
            "guardian_name": _text(cells[5]),
            "guardian_phone": _text(cells[6]),
        }
        try:
            typed["birth_year"] = _year(cells[1])
        except ValidationError as error:
            row.errors.extend(error.messages)
        # The same cleaning step, guardian rule included, as the form and the admin.
        try:
            row.values.update(cleaning.clean_learner(typed))
        except ValidationError as error:
            row.errors.extend(error.messages)
        rows.append(row)
    return rows


def _year(value):
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    text = _text(value)
    if text.isdigit():
        return int(text)
    if not text:
        return None
    raise ValidationError(_("Type the year of birth as four digits, e.g. 1975."))


def _hamlet(hamlets, value):
    hamlet = hamlets.get(fold(_text(value)))
    if hamlet is None:
        raise ValidationError(
            _("Unknown hamlet “%(name)s”: use a name from the list in the template.")
            % {"name": _text(value)[:40]}
        )
    return hamlet
