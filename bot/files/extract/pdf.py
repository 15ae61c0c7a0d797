"""PDF: the text layer only (pypdf). A scan without one cannot be checked and is refused.

Pages without text (a scanned page in an otherwise digital document) are left out and said so:
only extracted text ever reaches the model, so an image on a page is never sent.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from bot.files.types import FileContent, FileKind, FileUnreadable, TextPart

# pypdf logs warnings about odd but readable files; they carry no file content, but are noise.
logging.getLogger("pypdf").setLevel(logging.ERROR)

MIN_TEXT_CHARS_PER_PAGE = 1


def extract_pdf(name: str, data: bytes) -> FileContent:
    size = len(data)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("password")
        pages = list(reader.pages)
    except FileNotDecryptedError as exc:
        raise FileUnreadable(
            name, "パスワードで保護された PDF は内容を確認できないため、送信しません。", kind="encrypted", size=size
        ) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as exc:
        raise FileUnreadable(
            name, "PDF ファイルが壊れているため読めません。PDF を開けるか確かめてください。", kind="pdf", size=size
        ) from exc
    if not pages:
        raise FileUnreadable(name, "PDF にページがありません。", kind="pdf", size=size)
    parts: list[TextPart] = []
    empty = 0
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except (PdfReadError, ValueError, KeyError, TypeError, NotImplementedError) as exc:
            raise FileUnreadable(
                name, f"PDF の {number} ページ目が壊れているため読めません。", kind="pdf", size=size
            ) from exc
        if len(text.strip()) < MIN_TEXT_CHARS_PER_PAGE:
            empty += 1
            continue
        parts.append(TextPart(text.strip(), label=f"{number}ページ"))
    if not parts:
        raise FileUnreadable(
            name,
            "この PDF には文字情報（テキスト）がありません（スキャンした画像の PDF など）。"
            "内容を確認できないため送信しません。文字を含む PDF か、Word・テキストで添付してください。",
            kind="pdf_without_text",
            size=size,
        )
    content = FileContent(name=name, kind=FileKind.PDF, size=size, parts=list(parts))
    if empty:
        content.notes.append(f"「{name}」の {empty} ページは文字情報がないため使用していません。")
    return content
