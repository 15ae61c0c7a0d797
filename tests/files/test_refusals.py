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
    (
        "旧形式.xls",
        bytes.fromhex("D0CF11E0A1B11AE1") + "Workbook".encode("utf-16-le") + b"\x00" * 64,
        "xls",
        "この形式のファイル（.xls）には対応していません",
    ),
    (
        "旧形式.docx",
        bytes.fromhex("D0CF11E0A1B11AE1") + "WordDocument".encode("utf-16-le") + b"\x00" * 64,
        "doc",
        "古い形式は確認できない",
    ),
    (
        "保護.xlsx",
        bytes.fromhex("D0CF11E0A1B11AE1") + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64,
        "encrypted",
        "パスワードで保護されたファイル",
    ),
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


def zip_bomb_docx() -> bytes:
    """A real document with 25 MB of zeros packed beside it: tiny on the wire, huge once unpacked."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(samples.docx_bytes(["本文"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            package.writestr(info, source.read(info))
        package.writestr("word/media/pad.bin", b"\0" * (25 * 1024 * 1024))
    return out.getvalue()


def test_an_office_file_that_unpacks_to_something_huge_is_not_unpacked() -> None:
    data = zip_bomb_docx()
    assert len(data) < 200_000
    with pytest.raises(FileUnreadable) as refused:
        extract_bytes("大きく展開.docx", data)
    assert refused.value.kind == "zip_bomb"
    assert "展開すると極端に大きくなる" in refused.value.reason


async def test_extraction_that_outlasts_the_time_limit_is_abandoned(tmp_path) -> None:
    from bot.files.limits import FileLimits
    from bot.files.local import local_attachment
    from bot.files.reading import read_attachment

    path = tmp_path / "長い.pdf"
    path.write_bytes(samples.pdf_bytes([[f"{p}ページ目の本文です。"] * 30 for p in range(1, 41)]))
    with pytest.raises(FileUnreadable) as refused:
        await read_attachment(local_attachment(path), FileLimits(timeout_s=0.001))
    assert refused.value.kind == "extract_timeout"
    assert "0.001 秒以内に終わらなかった" in refused.value.reason
