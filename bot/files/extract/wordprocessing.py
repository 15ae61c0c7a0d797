"""Word documents (.docx): paragraphs and tables, in the order they appear in the body."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table

from bot.files.types import FileContent, FileKind, FileUnreadable, TablePart, TextPart


def extract_docx(name: str, data: bytes) -> FileContent:
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise FileUnreadable(
            name,
            "Word ファイルが壊れているため読めません。Word で開けるか確かめてください。",
            kind="docx",
            size=len(data),
        ) from exc
    parts: list[TextPart | TablePart] = []
    lines: list[str] = []
    tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            if lines:
                parts.append(TextPart("\n".join(lines)))
                lines = []
            tables += 1
            rows = [_distinct_cells(row.cells) for row in block.rows]
            rows = [row for row in rows if any(row)]
            if rows:
                parts.append(TablePart(rows, label=f"表{tables}"))
        elif block.text.strip():
            lines.append(block.text)
    if lines:
        parts.append(TextPart("\n".join(lines)))
    return FileContent(name=name, kind=FileKind.DOCX, size=len(data), parts=parts)


def _distinct_cells(cells: list) -> list[str]:
    """A merged cell is returned once per grid column it spans; keep it once."""
    out: list[str] = []
    previous = None
    for cell in cells:
        if previous is not None and cell._tc is previous:
            continue
        previous = cell._tc
        out.append(cell.text.strip())
    return out
