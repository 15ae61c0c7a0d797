"""What a file becomes before the gate: parts of text and tables, with its kind and size."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum

from bot.files.limits import FileLimits


class FileKind(StrEnum):
    CSV = "csv"
    TSV = "tsv"
    XLSX = "xlsx"
    DOCX = "docx"
    PDF = "pdf"
    TXT = "txt"
    MD = "md"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    FileKind.CSV: "CSV",
    FileKind.TSV: "TSV",
    FileKind.XLSX: "Excel（.xlsx）",
    FileKind.DOCX: "Word（.docx）",
    FileKind.PDF: "PDF",
    FileKind.TXT: "テキスト",
    FileKind.MD: "Markdown",
}


class FileUnreadable(Exception):
    """A file that cannot be checked, so nothing of it (or of the message) is sent. `reason` is Japanese."""

    def __init__(self, name: str, reason: str, *, kind: str = "unknown", size: int | None = None) -> None:
        super().__init__(reason)
        self.name = name
        self.reason = reason
        self.kind = kind  # for the audit record: what the content looked like (image, archive, pdf …)
        self.size = size

    def __str__(self) -> str:
        return f"「{self.name}」: {self.reason}"


# Downloads the file's bytes, refusing more than `limits.max_bytes` and taking at most
# `limits.timeout_s`; raises FileUnreadable with a Japanese reason.
Fetch = Callable[[FileLimits], Awaitable[bytes]]


@dataclass(frozen=True, slots=True)
class AttachedFile:
    """A file as the platform announced it; the bytes come only from `fetch`."""

    name: str
    size: int | None  # as announced by the platform; checked again while downloading
    mimetype: str | None
    fetch: Fetch = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class TextPart:
    text: str
    label: str = ""  # e.g. 「3ページ」


@dataclass(frozen=True, slots=True)
class TablePart:
    rows: list[list[str]]  # cell values as text; the first rows may hold the header
    label: str = ""  # e.g. 「シート: 名簿」, 「表1」


@dataclass(slots=True)
class FileContent:
    """The extracted text of one file, in reading order."""

    name: str
    kind: FileKind
    size: int
    parts: list[TextPart | TablePart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. pages left out because they carry no text
    encoding: str | None = None  # for CSV/TSV/TXT: the detected character set
