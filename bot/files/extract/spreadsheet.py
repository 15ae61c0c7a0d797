"""Excel workbooks (.xlsx): every sheet, cell values (not formulas), read-only.

`data_only=True` gives the values Excel last computed; a formula never computed (a file written
by a program) has no cached value and reads as empty, which hides nothing from the gate because
the model receives only what is read here.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from bot.files.types import FileContent, FileKind, FileUnreadable, TablePart


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def extract_xlsx(name: str, data: bytes) -> FileContent:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise FileUnreadable(
            name,
            "Excel ファイルが壊れているため読めません。Excel で開けるか確かめてください。",
            kind="xlsx",
            size=len(data),
        ) from exc
    parts: list[TablePart] = []
    try:
        for sheet in workbook.worksheets:
            rows: list[list[str]] = []
            for values in sheet.iter_rows(values_only=True):
                row = [cell_text(v) for v in values]
                while row and not row[-1]:
                    row.pop()
                if row:
                    rows.append(row)
            if rows:
                parts.append(TablePart(rows, label=f"シート: {sheet.title}"))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileUnreadable(
            name, "Excel ファイルの一部が壊れているため読めません。", kind="xlsx", size=len(data)
        ) from exc
    finally:
        workbook.close()
    return FileContent(name=name, kind=FileKind.XLSX, size=len(data), parts=list(parts))
