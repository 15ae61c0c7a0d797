"""What a file really is: its content decides, its name must agree.

Magic numbers come from `filetype`; Office files are ZIP packages told apart by their parts.
Anything that cannot be checked — images, archives, password-protected or old Office files,
unknown types, a name that does not match the content, empty files — is refused here, with a
Japanese reason, before any parser sees it.
"""

from __future__ import annotations

import io
import zipfile

import filetype

from bot.files.types import FileKind, FileUnreadable

SUPPORTED = "CSV・TSV・Excel（.xlsx）・Word（.docx）・PDF・テキスト（.txt/.md）"

_BY_EXTENSION = {
    "csv": FileKind.CSV,
    "tsv": FileKind.TSV,
    "xlsx": FileKind.XLSX,
    "docx": FileKind.DOCX,
    "pdf": FileKind.PDF,
    "txt": FileKind.TXT,
    "md": FileKind.MD,
    "markdown": FileKind.MD,
}
_TEXT_KINDS = {FileKind.CSV, FileKind.TSV, FileKind.TXT, FileKind.MD}

# OLE2 compound files: legacy .doc/.xls, and any Office file saved with a password
# (the encrypted OOXML package is stored inside an OLE2 container as "EncryptedPackage").
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

_ARCHIVES = {"zip", "tar", "rar", "gz", "bz2", "7z", "xz", "cab", "Z", "lzo", "lz", "lz4", "zst", "ar", "rpm", "deb"}

_ARCHIVE_EXTENSIONS = _ARCHIVES | {"lzh", "tgz", "tbz", "txz", "jar"}

_CONTENT_LABELS = {
    "pdf": "PDF",
    "docx": "Word（.docx）",
    "xlsx": "Excel（.xlsx）",
    "pptx": "PowerPoint（.pptx）",
    "doc": "古い Word（.doc）",
    "xls": "古い Excel（.xls）",
    "ppt": "古い PowerPoint（.ppt）",
    "exe": "実行ファイル",
    "elf": "実行ファイル",
    "image": "画像",
    "zip": "圧縮ファイル（zip）",
    "binary": "文字ではないデータ",
}


def extension_of(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def detect_kind(name: str, data: bytes) -> FileKind:
    """The kind to extract with, or FileUnreadable with the reason it cannot be checked."""
    size = len(data)
    if size == 0:
        raise FileUnreadable(
            name, "ファイルが空（0バイト）です。内容のあるファイルを添付してください。", kind="empty", size=0
        )
    ext = extension_of(name)
    claimed = _BY_EXTENSION.get(ext)
    content = _content_type(name, data)

    if claimed is not None and content in {"image", *_ARCHIVES}:
        raise _mismatch(name, ext, content, size)
    if content in {"image"}:
        raise FileUnreadable(
            name,
            "画像ファイルは内容（写っている文字や人）を確認できないため、生成AIに送信しません。"
            "文字で書ける内容は本文に書いてください。",
            kind="image",
            size=size,
        )
    if content == "encrypted":
        raise FileUnreadable(
            name, "パスワードで保護されたファイルは内容を確認できないため、送信しません。", kind="encrypted", size=size
        )
    if content in _ARCHIVES and ext in _ARCHIVE_EXTENSIONS:
        raise FileUnreadable(
            name,
            "圧縮ファイル（zip など）は中身を確認できないため、送信しません。"
            "必要なファイルを展開して個別に添付してください。",
            kind="archive",
            size=size,
        )
    if claimed is None:
        raise FileUnreadable(
            name,
            f"この形式のファイル（{('.' + ext) if ext else '拡張子なし'}）には対応していません。"
            f"対応している形式: {SUPPORTED}。",
            kind=content or ext or "unknown",
            size=size,
        )
    if content in {"doc", "xls", "ppt"}:
        raise FileUnreadable(
            name,
            f"ファイル名は .{ext} ですが、中身は{_CONTENT_LABELS[content]}形式です。"
            "古い形式は確認できないため、.xlsx / .docx で保存し直して添付してください。",
            kind=content,
            size=size,
        )
    if claimed in _TEXT_KINDS:
        if content is not None:
            raise _mismatch(name, ext, content, size)
        return claimed
    if content != claimed.value:
        raise _mismatch(name, ext, content, size)
    if claimed in (FileKind.XLSX, FileKind.DOCX):
        _refuse_zip_bomb(name, data)
    return claimed


# An Office file is a ZIP: a few megabytes can unpack to gigabytes of XML (a "zip bomb").
# The sizes in the ZIP directory are read before any parser unpacks a byte.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_UNPACK_RATIO = 200


def _refuse_zip_bomb(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # a damaged package: its parser refuses it in its own words
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_UNPACK_RATIO * max(len(data), 1):
        raise FileUnreadable(
            name, "展開すると極端に大きくなるファイルのため、読み込みませんでした。", kind="zip_bomb", size=len(data)
        )


def _mismatch(name: str, ext: str, content: str | None, size: int) -> FileUnreadable:
    what = _CONTENT_LABELS.get(content or "", "別の形式（または壊れたファイル）")
    return FileUnreadable(
        name,
        f"ファイル名は .{ext} ですが、中身は{what}です。"
        "中身と名前が一致しないファイルは確認できないため、送信しません。",
        kind=f"mismatch:{content or 'unknown'}",
        size=size,
    )


def _content_type(name: str, data: bytes) -> str | None:
    """A short name for what the bytes are ("pdf", "xlsx", "image", "zip" …); None for plain text."""
    if data.startswith(_OLE2):
        return "encrypted" if _ENCRYPTED_PACKAGE in data else _ole2_kind(data)
    guessed = filetype.guess(data)
    if guessed is not None:
        if guessed.mime.startswith("image/") or guessed.extension in {"psd", "xcf", "dwg", "heic", "avif", "dcm"}:
            return "image"
        return str(guessed.extension)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return None


def _ole2_kind(data: bytes) -> str:
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    if "PowerPoint Document".encode("utf-16-le") in data:
        return "ppt"
    return "ole2"
