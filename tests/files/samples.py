"""Real files of every supported kind, made in the test with the libraries that write them.

Names and numbers are fictitious. `roster_rows(n)` makes a 名簿 of n people whose cells are
ambiguous on their own (a bare surname, a 7-digit number) so that only the header says what
they are.
"""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
from docx import Document
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

# reportlab ships the metrics of the Adobe-Japan1 CID fonts; the PDF references the font by name
# (not embedded), and pypdf maps its codes back to Unicode. Nothing is downloaded.
JA_FONT = "HeiseiKakuGo-W5"
pdfmetrics.registerFont(UnicodeCIDFont(JA_FONT))

SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽子", "翔", "結衣", "大輔", "由美"]
HEADER = ["番号", "氏名", "住所", "電話番号", "生年月日", "備考"]


def roster_rows(n: int) -> list[list[str]]:
    rows = [HEADER]
    for i in range(1, n + 1):
        name = f"{SURNAMES[i % len(SURNAMES)]}{GIVEN[(i * 7) % len(GIVEN)]}"
        rows.append(
            [
                str(i),
                name,
                f"岩見沢市{(i % 9) + 1}条西{(i % 20) + 1}丁目{i % 30 + 1}番地",
                f"0126-{(i * 37) % 90 + 10:02d}-{(i * 7919) % 9000 + 1000:04d}",
                f"S{30 + i % 30}.{i % 12 + 1}.{i % 28 + 1}",
                "要確認" if i % 5 == 0 else "",
            ]
        )
    return rows


def csv_bytes(rows: list[list[str]], encoding: str = "cp932", delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None, after: list[str] | None = None) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    for text in after or []:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A PDF with a text layer: each page's lines drawn as text in a Japanese CID font."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for lines in pages:
        pdf.setFont(JA_FONT, 10)
        y = 800
        for line in lines:
            pdf.drawString(40, y, line)
            y -= 14
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def scanned_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF like a scan: shapes only, no text layer."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for _ in range(pages):
        pdf.setFillGray(0.3)
        pdf.rect(50, 500, 400, 200, fill=1)
        pdf.line(50, 450, 450, 450)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def encrypted_pdf_bytes(password: str = "secret") -> bytes:
    reader = PdfReader(io.BytesIO(pdf_bytes([["非公開の資料です。"]])))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes() -> bytes:
    from PIL import Image  # pillow comes with matplotlib

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("名簿.csv", "氏名,電話番号\n山田太郎,090-1234-5678\n")
    return out.getvalue()


def corrupt_xlsx_bytes() -> bytes:
    """The first kilobyte of a real workbook: a ZIP signature with nothing readable behind it."""
    return xlsx_bytes({"Sheet": [["a", "b"]]})[:1024]


def corrupt_pdf_bytes() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%% truncated here"
