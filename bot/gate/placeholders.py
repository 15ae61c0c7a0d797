"""Typed, numbered placeholders (【氏名1】, 【電話番号2】) that keep a prompt's meaning.

The same value gets the same placeholder within a message and, through one PlaceholderBook,
within a thread. The book remembers keyed digests of values, never the values, and there is no
way back from a placeholder to the original: nothing that could undo the 匿名加工 exists.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Iterable

from bot.gate.labels import label_ja
from bot.gate.normalize import normalize_width
from bot.gate.types import Finding

# Placeholders the gate writes; text that already contains them is left alone (idempotence).
PLACEHOLDER_RE = re.compile(r"【[^【】\s]{1,12}\d+】")
_SPACES = re.compile(r"[\s\-]+")
# One key per process: digests cannot be compared across processes or restarts, by design.
_PROCESS_KEY = secrets.token_bytes(32)


def _canonical(entity_type: str, value: str) -> bytes:
    """山田 太郎 and 山田太郎, 090-1234-5678 and ０９０１２３４５６７８ are the same value."""
    return f"{entity_type}\x00{_SPACES.sub('', normalize_width(value)).casefold()}".encode()


class PlaceholderBook:
    """Numbering state for one conversation (a Slack thread, a bridge conversation)."""

    def __init__(self) -> None:
        self._numbers: dict[bytes, int] = {}
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def placeholder_for(self, entity_type: str, value: str) -> str:
        digest = hmac.new(_PROCESS_KEY, _canonical(entity_type, value), hashlib.sha256).digest()
        with self._lock:
            number = self._numbers.get(digest)
            if number is None:
                number = self._counts.get(entity_type, 0) + 1
                self._counts[entity_type] = number
                self._numbers[digest] = number
        return f"【{label_ja(entity_type)}{number}】"


def redact(text: str, findings: Iterable[Finding], book: PlaceholderBook | None = None) -> str:
    """Replace every masked finding by its placeholder. Findings must not overlap."""
    book = book if book is not None else PlaceholderBook()
    out: list[str] = []
    cursor = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if not finding.masked:
            continue
        out.append(text[cursor : finding.start])
        out.append(book.placeholder_for(finding.entity_type, text[finding.start : finding.end]))
        cursor = finding.end
    out.append(text[cursor:])
    return "".join(out)


def inside_placeholder(text: str, start: int, end: int) -> bool:
    return any(m.start() <= start and end <= m.end() for m in PLACEHOLDER_RE.finditer(text))
