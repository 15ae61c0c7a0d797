"""Plain text and Markdown: decoded with the detected character set, kept as it is."""

from __future__ import annotations

from bot.files.extract.encoding import decode_text
from bot.files.types import FileContent, FileKind, TextPart


def extract_plain(name: str, kind: FileKind, data: bytes) -> FileContent:
    text, encoding = decode_text(name, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return FileContent(name=name, kind=kind, size=len(data), parts=[TextPart(text)], encoding=encoding)
