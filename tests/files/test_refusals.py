"""What cannot be checked is refused with a Japanese reason, before any text could be sent."""

from __future__ import annotations

import pytest

from bot.files.reading import extract_bytes
from bot.files.types import FileUnreadable
from tests.files import samples

CASES = [
    ("写真.png", samples.png_bytes(), "image", "画像ファイルは内容"),
    ("スキャン.pdf", samples.scanned_pdf_bytes(), "pdf_without_text", "文字情報（テキスト）がありません"),
    ("資料一式.zip", samples.zip_bytes(), "archive", "圧縮ファイル"),
    ("保護.pdf", samples.encrypted_pdf_bytes(), "encrypted", "パスワードで保護"),
    ("壊れた.xlsx", samples.corrupt_xlsx_bytes(), "xlsx", "壊れている"),
    ("壊れた.pdf", samples.corrupt_pdf_bytes(), "pdf", "壊れている"),
    ("壊れた.docx", b"PK\x03\x04" + b"\x00" * 60, "mismatch:zip", "中身と名前が一致しない"),
    ("空.csv", b"", "empty", "空（0バイト）"),
    ("名簿.csv", samples.xlsx_bytes({"名簿": [["氏名"], ["山田"]]}), "mismatch:xlsx", "中身はExcel（.xlsx）です"),
    ("報告.docx", samples.pdf_bytes([["本文"]]), "mismatch:pdf", "ファイル名は .docx ですが、中身はPDFです"),
    ("表.xlsx", samples.png_bytes(), "mismatch:image", "中身は画像です"),
    ("メモ.txt", b"\x00\x01\x02binary\x00data" * 10, "mismatch:binary", "中身と名前が一致しない"),
    ("発表.pptx", b"PK\x03\x04" + b"\x00" * 60, "zip", "この形式のファイル（.pptx）には対応していません"),
    ("資料.7z", b"7z\xbc\xaf\x27\x1c" + b"\x00" * 60, "archive", "圧縮ファイル"),
    ("実行.exe", b"MZ\x90\x00" + b"\x00" * 60, "exe", "この形式のファイル（.exe）には対応していません"),
    ("拡張子なし", b"hello", "unknown", "拡張子なし"),
    ("旧形式.xls", bytes.fromhex("D0CF11E0A1B11AE1") + "Workbook".encode("utf-16-le") + b"\x00" * 64, "xls",
     "この形式のファイル（.xls）には対応していません"),
    ("旧形式.docx", bytes.fromhex("D0CF11E0A1B11AE1") + "WordDocument".encode("utf-16-le") + b"\x00" * 64, "doc",
     "古い形式は確認できない"),
    ("保護.xlsx", bytes.fromhex("D0CF11E0A1B11AE1") + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64,
     "encrypted", "パスワードで保護されたファイル"),
]


@pytest.mark.parametrize(("name", "data", "kind", "reason"), CASES, ids=[c[0] for c in CASES])
def test_a_file_that_cannot_be_checked_is_refused_with_its_reason(
    name: str, data: bytes, kind: str, reason: str
) -> None:
    with pytest.raises(FileUnreadable) as refused:
        extract_bytes(name, data)
    assert refused.value.kind == kind
    assert reason in refused.value.reason
    assert refused.value.name == name
    assert str(refused.value).startswith(f"「{name}」: ")
