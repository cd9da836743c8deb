"""Spreadsheets for staff downloads: real .xlsx (openpyxl) and CSV that Excel opens intact.

Any text a person typed that starts like a formula (= + - @, or a tab/carriage return) is
written with a leading apostrophe, so Excel shows it as text and never runs it. Every app's
downloads (statistics, class lists, the survey's demand) write their cells through `safe`.
"""

import csv
import io

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """A cell value Excel will not evaluate."""
    if isinstance(value, Promise):  # a lazy translation
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def sheet(wb, title, header, rows, *, first=False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title[:31]
    ws.append([safe(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([safe(v) for v in row])
    for i, h in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(len(str(h)) + 6, 40))
    ws.freeze_panes = "A2"
    return ws


def response(wb, filename):
    buffer = io.BytesIO()
    wb.save(buffer)
    resp = HttpResponse(buffer.getvalue(), content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def table_response(rows, *, fmt, name, title):
    """Figures as a download: `rows` (the first is the header) as .xlsx, or as CSV with a
    byte-order mark so Excel reads the Vietnamese as UTF-8. Both escape formula starts."""
    if fmt == "csv":
        resp = HttpResponse(content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        resp.write("\ufeff")
        csv.writer(resp).writerows([safe(v) for v in row] for row in rows)
        return resp
    wb = Workbook()
    sheet(wb, title, rows[0], rows[1:], first=True)
    return response(wb, f"{name}.xlsx")
