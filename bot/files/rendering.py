"""Files as the text a model reads, cut to the character budget, with personal columns masked.

Tables become tab-separated lines under a heading; a row is kept whole or not at all. The
budget counts the file's own characters, so the note under the answer can say how much of the
file was used (「ファイルの先頭 12,000 文字（全体の 35%）を使用しました」).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.files.columns import table_layout
from bot.files.types import FileContent, TablePart
from bot.gate.placeholders import PlaceholderBook


@dataclass(slots=True)
class Line:
    raw: str  # as in the file; counted against the budget
    cells: list[str] | None = None  # a table row
    personal: dict[int, str] = field(default_factory=dict)  # column -> entity type, for a data row

    def masked(self, book: PlaceholderBook) -> str:
        if self.cells is None or not self.personal:
            return self.raw
        return "\t".join(
            book.placeholder_for(self.personal[i], cell) if i in self.personal and cell else cell
            for i, cell in enumerate(self.cells)
        )


@dataclass(slots=True)
class RenderedFile:
    content: FileContent
    heading: str
    lines: list[Line]
    column_counts: Counter[str]  # non-empty cells of personal columns, whole file
    people_in_tables: int  # data rows with at least one personal cell, whole file
    column_values: dict[str, str]  # raw value -> entity type, whole file (to catch repeats elsewhere)
    total_chars: int = 0
    used_chars: int = 0
    used_lines: list[str] = field(default_factory=list)  # masked, within the budget

    @property
    def cut(self) -> bool:
        return self.used_chars < self.total_chars


def render(content: FileContent, index: int) -> RenderedFile:
    lines: list[Line] = []
    counts: Counter[str] = Counter()
    people = 0
    values: dict[str, str] = {}
    for part in content.parts:
        if part.label:
            lines.append(Line(f"【{part.label}】"))
        if isinstance(part, TablePart):
            layout = table_layout(part.rows)
            data_rows = layout.data_rows(part.rows)
            for row_index, row in enumerate(part.rows):
                personal = layout.personal_columns if row_index in data_rows else {}
                found = {i: t for i, t in personal.items() if i < len(row) and row[i]}
                if found:
                    people += 1
                    counts.update(found.values())
                    for i, entity_type in found.items():
                        values.setdefault(row[i], entity_type)
                lines.append(Line("\t".join(row), cells=list(row), personal=found))
        else:
            lines.extend(Line(text) for text in part.text.split("\n"))
    heading = f"【添付ファイル{index}: {content.name}（{content.kind.label}）】"
    rendered = RenderedFile(content, heading, lines, counts, people, values)
    rendered.total_chars = sum(len(line.raw) + 1 for line in lines)
    return rendered


def take_budget(rendered: RenderedFile, budget: int, book: PlaceholderBook) -> int:
    """Keep lines from the top while they fit; returns the characters used."""
    used = 0
    for line in rendered.lines:
        cost = len(line.raw) + 1
        if used + cost > budget:
            room = budget - used
            if line.cells is None and room > 20:  # a long paragraph is cut; a table row is not
                rendered.used_lines.append(line.raw[: room - 1])
                used += room
            break
        rendered.used_lines.append(line.masked(book))
        used += cost
    rendered.used_chars = used
    return used


def budget_note(rendered: RenderedFile) -> str | None:
    name = rendered.content.name
    if not rendered.cut:
        return None
    if rendered.used_chars == 0:
        return f"「{name}」は文字数の上限（ほかの添付ファイルで使い切り）のため使用していません。"
    percent = max(1, rendered.used_chars * 100 // max(rendered.total_chars, 1))
    return (
        f"「{name}」: ファイルの先頭 {rendered.used_chars:,} 文字（全体の {percent}%）を使用しました。"
        "残りは生成AIに送っていません。"
    )
