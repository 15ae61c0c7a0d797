"""Extraction by kind: bytes in, `FileContent` out, FileUnreadable with a Japanese reason otherwise."""

from __future__ import annotations

from bot.files.extract.delimited import extract_delimited
from bot.files.extract.pdf import extract_pdf
from bot.files.extract.plain import extract_plain
from bot.files.extract.spreadsheet import extract_xlsx
from bot.files.extract.wordprocessing import extract_docx
from bot.files.types import FileContent, FileKind


def extract(name: str, kind: FileKind, data: bytes) -> FileContent:
    if kind in (FileKind.CSV, FileKind.TSV):
        return extract_delimited(name, kind, data)
    if kind is FileKind.XLSX:
        return extract_xlsx(name, data)
    if kind is FileKind.DOCX:
        return extract_docx(name, data)
    if kind is FileKind.PDF:
        return extract_pdf(name, data)
    return extract_plain(name, kind, data)


__all__ = ["extract"]
