"""The header of the table column a span sits in, for tables pasted as text (Excel rows copied with tabs,
CSV lines, Markdown tables): a recogniser that needs a context word (生年月日) finds it in the header row,
however far above the row the header is."""

from __future__ import annotations

_SEPARATORS = ("\t", "|", ",", "，")
_MAX_ROWS_UP = 500


def column_header(text: str, start: int) -> str | None:
    """The first row's cell above text[start] in its block of table rows (rows with the same number of cell
    separators, without a blank line between), or None when the span is not in such a row below a header."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    sep = next((s for s in _SEPARATORS if line.count(s) >= (2 if s == "|" else 1)), None)
    if sep is None:
        return None
    width, column = line.count(sep), line.count(sep, 0, start - line_start)
    header = None
    if line_start == 0:
        return None
    for row in reversed(text[: line_start - 1].split("\n")[-_MAX_ROWS_UP:]):
        if row.strip() and set(row.strip()) <= set("|-: "):  # a Markdown rule under the header (|---|---|)
            continue
        if row.count(sep) != width:
            break
        header = row
    if header is None:
        return None
    cells = header.split(sep)
    return cells[column].strip() if column < len(cells) else None
