"""Every supported kind, made for real in the test, comes out as text and tables in reading order."""

from __future__ import annotations

import codecs

import pytest

from bot.files.reading import extract_bytes
from bot.files.types import FileKind, TablePart, TextPart
from tests.files import samples

ROWS = [["氏名", "電話番号", "メモ"], ["髙橋①子", "0126-22-1111", "はしご高・丸数字（CP932 だけにある文字）"]]
PLAIN_ROWS = [["氏名", "電話番号"], ["山田太郎", "0126-22-1111"], ["佐藤花子", "0126-22-2222"]]


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("名簿_sjis.csv", samples.csv_bytes(PLAIN_ROWS, "shift_jis"), "cp932"),
        ("名簿_cp932.csv", samples.csv_bytes(ROWS, "cp932"), "cp932"),
        ("名簿_utf8.csv", samples.csv_bytes(ROWS, "utf-8"), "utf_8"),
        ("名簿_bom.csv", codecs.BOM_UTF8 + samples.csv_bytes(ROWS, "utf-8"), "utf_8_sig"),
        ("名簿.tsv", samples.csv_bytes(ROWS, "cp932", delimiter="\t"), "cp932"),
    ],
)
def test_csv_and_tsv_are_read_in_every_encoding_offices_produce(name: str, data: bytes, encoding: str) -> None:
    content = extract_bytes(name, data)
    assert content.encoding == encoding
    (table,) = content.parts
    assert isinstance(table, TablePart)
    expected = PLAIN_ROWS if "sjis" in name else ROWS
    assert table.rows == expected
    assert content.size == len(data)


def test_a_short_shift_jis_text_file_is_not_mistaken_for_another_code_page() -> None:
    content = extract_bytes("メモ.txt", "会議は午後三時から。".encode("shift_jis"))
    assert content.kind is FileKind.TXT
    assert content.parts == [TextPart("会議は午後三時から。")]


def test_markdown_keeps_its_lines() -> None:
    content = extract_bytes("手順.md", "# 手順\n\n1. 申請書を受け付ける\r\n2. 確認する\n".encode())
    assert content.kind is FileKind.MD
    assert content.parts[0].text.splitlines() == ["# 手順", "", "1. 申請書を受け付ける", "2. 確認する"]


def test_every_sheet_of_a_workbook_is_read_as_cell_values() -> None:
    import datetime as dt

    data = samples.xlsx_bytes(
        {
            "名簿": [["氏名", "生年月日", "点数"], ["山田太郎", dt.date(1980, 4, 1), 12.0]],
            "集計": [["課", "件数"], ["市民課", "=1+1"], [None, None]],
            "空": [],
        }
    )
    content = extract_bytes("資料.xlsx", data)
    assert content.kind is FileKind.XLSX
    assert [p.label for p in content.parts] == ["シート: 名簿", "シート: 集計"]
    assert content.parts[0].rows == [["氏名", "生年月日", "点数"], ["山田太郎", "1980-04-01", "12"]]
    # A formula never calculated by Excel has no value to read: it is empty, not the formula text.
    assert content.parts[1].rows == [["課", "件数"], ["市民課"]]


def test_a_document_gives_paragraphs_and_tables_in_order() -> None:
    data = samples.docx_bytes(
        ["令和7年度 窓口アンケート結果"], [["氏名", "意見"], ["山田太郎", "待ち時間が長い"]], after=["以上"]
    )
    content = extract_bytes("報告.docx", data)
    assert [type(p) for p in content.parts] == [TextPart, TablePart, TextPart]
    assert content.parts[0].text == "令和7年度 窓口アンケート結果"
    assert content.parts[1].rows == [["氏名", "意見"], ["山田太郎", "待ち時間が長い"]]
    assert content.parts[2].text == "以上"


def test_a_pdf_gives_its_text_layer_page_by_page() -> None:
    data = samples.pdf_bytes([["市民課からのお知らせ", "窓口は9時から"], ["2ページ目の本文"]])
    content = extract_bytes("お知らせ.pdf", data)
    assert [p.label for p in content.parts] == ["1ページ", "2ページ"]
    assert "市民課からのお知らせ" in content.parts[0].text and "窓口は9時から" in content.parts[0].text
    assert content.notes == []


def test_pages_without_text_are_left_out_and_said_so() -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for source in (samples.pdf_bytes([["本文のあるページ"]]), samples.scanned_pdf_bytes(1)):
        for page in PdfReader(io.BytesIO(source)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    content = extract_bytes("混在.pdf", out.getvalue())
    assert [p.label for p in content.parts] == ["1ページ"]
    assert content.notes == ["「混在.pdf」の 1 ページは文字情報がないため使用していません。"]


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_a_csv_separated_by_something_else_is_still_read_as_columns(delimiter: str) -> None:
    content = extract_bytes("名簿.csv", samples.csv_bytes(PLAIN_ROWS, "cp932", delimiter=delimiter))
    assert content.parts[0].rows == PLAIN_ROWS


def test_commas_inside_a_tab_separated_file_stay_in_their_cells() -> None:
    rows = [["課", "メモ"], ["市民課", "1,204件、前年比+3%"]]
    content = extract_bytes("集計.tsv", samples.csv_bytes(rows, "utf-8", delimiter="\t"))
    assert content.parts[0].rows == rows
