"""Tables as spreadsheets: XLSX (openpyxl) and CSV that Excel opens (UTF-8 with BOM).

Every report table and the case list leave the desk through here, so two things hold
for all of them: a text cell that a spreadsheet would read as a formula (it begins
with ``= + - @``, or a tab or carriage return that some readers strip first) is
neutralised with a leading apostrophe, and dates stay dates (a real date cell in
XLSX, ``YYYY-MM-DD`` in CSV). Headers arrive already translated; this module knows
no words of its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask import Response, send_file

# A spreadsheet may read a full-width or small sign (＝ ＋ － ＠ as a Chinese input
# method types them, ﹦ ﹢ ﹣ ﹫) or the minus sign − as its ASCII twin: all neutralised.
FORMULA_STARTS = (
    *("=", "+", "-", "@", "\t", "\r"),
    *("＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫", "−"),
)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv"  # Flask adds "; charset=utf-8"
# Excel refuses sheet titles longer than 31 characters or holding any of these.
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
_NUMBER_FORMATS = {
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "money": "#,##0",
    "percent": "0.0%",
    "number": "0.0",
}


@dataclass(frozen=True)
class Column:
    """A column: its header (translated), the kind of its values (``text``, ``int``,
    ``number``, ``money`` in yuan, ``percent`` as a share 0..1, ``date``, ``datetime``
    already in the desk's zone) and its width in characters (None: from the content)."""

    header: str
    kind: str = "text"
    width: int | None = None


@dataclass
class Table:
    """One sheet: a title (the sheet's name) and rows of values in column order."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]] = field(default_factory=list)
    # A figure-and-value sheet: each row's own kind for its cells after the first
    # (a row of money, one of dates); empty: every cell has its column's kind.
    row_kinds: Sequence[str] = ()


def neutralise(value: Any) -> Any:
    """A text that would start a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        # Excel has no time zones (the desk's local time) and shows no microseconds.
        return value.replace(tzinfo=None, microsecond=0)
    return neutralise(value)


def _width(column: Column, table: Table, index: int) -> int:
    if column.width:
        return column.width
    texts = [column.header] + [
        str(row[index]) for row in table.rows[:500] if row[index] is not None
    ]
    # A Chinese character is about two Latin ones wide.
    widest = max(sum(2 if ord(c) > 0x2E80 else 1 for c in text) for text in texts)
    return max(8, min(60, widest + 2))


def _sheet_title(title: str, taken: set[str]) -> str:
    base = (title.translate(_SHEET_FORBIDDEN).strip() or "Sheet")[:31]
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def to_xlsx(tables: Sequence[Table]) -> bytes:
    """A workbook with one sheet per table: bold headers, frozen header row, widths
    and number formats set. Written in openpyxl's write-only mode, so ten thousand
    rows stream out instead of living as cell objects in memory. openpyxl is imported
    here, not with the module: it is a quarter of a second of every process's start
    (each worker, each `flask desk` command), and only a download needs it."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    taken: set[str] = set()
    for table in tables or [Table("Sheet", [])]:
        sheet = book.create_sheet(_sheet_title(table.title, taken))
        for index, column in enumerate(table.columns):
            letter = get_column_letter(index + 1)
            sheet.column_dimensions[letter].width = _width(column, table, index)
        sheet.freeze_panes = "A2"
        sheet.append([_header(sheet, column.header) for column in table.columns])
        by_column = [_NUMBER_FORMATS.get(column.kind) for column in table.columns]
        for number, row in enumerate(table.rows):
            formats = by_column
            if number < len(table.row_kinds):  # the row's own kind, after its label
                own = _NUMBER_FORMATS.get(table.row_kinds[number])
                formats = by_column[:1] + [own or f for f in by_column[1:]]
            sheet.append(
                [_formatted(sheet, value, f) for value, f in zip(row, formats, strict=True)]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _header(sheet: Any, text: str) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=neutralise(text))
    cell.font = Font(bold=True)
    return cell


def _formatted(sheet: Any, value: Any, number_format: str | None) -> Any:
    if number_format is None or value is None:
        return _cell(value)
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=_cell(value))
    cell.number_format = number_format
    return cell


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    return neutralise(value)


def to_csv(tables: Sequence[Table]) -> bytes:
    """CSV in UTF-8 with a BOM (so Excel reads Chinese). Several tables follow each
    other, each under its title and separated by an empty line."""
    out = io.StringIO()
    # Text quoted, always: a reader splitting on ";" (Excel in many locales) then
    # never finds a formula after a separator inside a cell.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    for number, table in enumerate(tables):
        if len(tables) > 1:
            if number:
                writer.writerow([])
            writer.writerow([neutralise(table.title)])
        writer.writerow([neutralise(column.header) for column in table.columns])
        writer.writerows([_csv_value(value) for value in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def download(data: bytes, filename: str, mimetype: str) -> Response:
    """The file as an attachment (``filename*`` for Chinese names), never cached."""
    response = send_file(
        io.BytesIO(data),
        mimetype=mimetype,
        as_attachment=True,
        download_name=filename,
        conditional=False,
        etag=False,
        last_modified=None,
        max_age=None,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
