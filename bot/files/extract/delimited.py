"""CSV and TSV: decoded with the detected character set, split by the standard csv module."""

from __future__ import annotations

import csv
import io

from bot.files.extract.encoding import decode_text
from bot.files.types import FileContent, FileKind, FileUnreadable, TablePart

csv.field_size_limit(10 * 1024 * 1024)


def extract_delimited(name: str, kind: FileKind, data: bytes) -> FileContent:
    text, encoding = decode_text(name, data)
    delimiter = "\t" if kind is FileKind.TSV else ","
    try:
        rows = [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise FileUnreadable(name, f"{kind.label}として読めません（{exc}）。", kind=str(kind), size=len(data)) from exc
    rows = [row for row in rows if any(row)]
    return FileContent(name=name, kind=kind, size=len(data), parts=[TablePart(rows)], encoding=encoding)
