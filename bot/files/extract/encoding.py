"""Text files from Japanese offices: UTF-8 (with or without BOM), Shift_JIS / CP932, sometimes EUC-JP or UTF-16.

charset-normalizer decides; it is limited to the encodings such files come in, because on a short
Shift_JIS text an unrestricted guess may pick a Chinese or Cyrillic code page that decodes it to
nonsense without an error.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from bot.files.types import FileUnreadable

CANDIDATES = ["utf_8", "cp932", "euc_jp", "utf_16"]


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf_8_sig"
        except UnicodeDecodeError:
            pass
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf_16"
        except UnicodeDecodeError:
            pass
    try:  # the common case, and exact: valid UTF-8 is almost never another Japanese encoding
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None or best.encoding is None:
        raise FileUnreadable(
            name,
            "文字コードを判別できないため、内容を確認できません（UTF-8 または Shift_JIS で保存し直してください）。",
            kind="undecodable",
            size=len(data),
        )
    return str(best), best.encoding
