"""CSV and TSV: decoded with the detected character set, split by the standard csv module."""

from __future__ import annotations

import csv
import io

from bot.files.extract.encoding import decode_text
from bot.files.types import FileContent, FileKind, FileUnreadable, TablePart

csv.field_size_limit(10 * 1024 * 1024)

# Some systems write ".csv" files separated by tabs or semicolons; read as commas, every row would be
# one cell and the header (氏名, 電話番号 …) would never be recognised as columns.
CANDIDATE_DELIMITERS = ",\t;|"
SNIFF_CHARS = 16 * 1024


def delimiter_of(text: str, kind: FileKind) -> str:
    default = "\t" if kind is FileKind.TSV else ","
    sample = text[:SNIFF_CHARS].rsplit("\n", 1)[0] if len(text) > SNIFF_CHARS else text
    try:
        found = csv.Sniffer().sniff(sample, delimiters=CANDIDATE_DELIMITERS).delimiter
    except csv.Error:
        return default
    # The sniffer guesses from consistency; trust it only when the default does not split the first line.
    first = sample.split("\n", 1)[0]
    return found if default not in first and found in first else default


def extract_delimited(name: str, kind: FileKind, data: bytes) -> FileContent:
    text, encoding = decode_text(name, data)
    delimiter = delimiter_of(text, kind)
    try:
        rows = [
            [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise FileUnreadable(name, f"{kind.label}として読めません（{exc}）。", kind=str(kind), size=len(data)) from exc
    rows = [row for row in rows if any(row)]
    return FileContent(name=name, kind=kind, size=len(data), parts=[TablePart(rows)], encoding=encoding)
