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

from bot.gate.canonical import canonical_text, canonicalize
from bot.gate.labels import label_ja
from bot.gate.normalize import normalize_width
from bot.gate.types import Finding

# Placeholders the gate writes; text that already contains them is left alone (idempotence).
PLACEHOLDER_RE = re.compile(r"【[^【】\s]{1,12}\d+】")
_SPACES = re.compile(r"[\s\-]+")
# One key per process: digests cannot be compared across processes or restarts, by design.
_PROCESS_KEY = secrets.token_bytes(32)


def _canonical(entity_type: str, value: str) -> bytes:
    """山田 太郎 and 山田太郎, 090-1234-5678 and ０９０１２３４５６７８ (or 〇九〇…) are the same value."""
    return f"{entity_type}\x00{_SPACES.sub('', canonical_text(value)).casefold()}".encode()


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
    return redact_with_segments(text, findings, book)[0]


def redact_with_segments(
    text: str, findings: Iterable[Finding], book: PlaceholderBook | None = None
) -> tuple[str, list[tuple[int, int, int]]]:
    """Redact, and say which parts of the result are verbatim input: (output start, input start, length)."""
    book = book if book is not None else PlaceholderBook()
    out: list[str] = []
    segments: list[tuple[int, int, int]] = []
    cursor = 0
    written = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if not finding.masked:
            continue
        raw = text[cursor : finding.start]
        segments.append((written, cursor, len(raw)))
        placeholder = book.placeholder_for(finding.entity_type, text[finding.start : finding.end])
        out.extend((raw, placeholder))
        written += len(raw) + len(placeholder)
        cursor = finding.end
    segments.append((written, cursor, len(text) - cursor))
    out.append(text[cursor:])
    return "".join(out), segments


MIN_REPEAT_LENGTH = 4


def add_repeated_values(text: str, findings: list[Finding]) -> list[Finding]:
    """Once a value is known to be personal data, mask every other occurrence of it as well, even
    where its surroundings hid it from the recognizers (123456789018090-1234-5678)."""
    extra: list[Finding] = []
    view = canonicalize(text)  # ０９０…, 〇九〇… and 090… are the same value
    normalized = normalize_width(text)  # and where the view reads a run differently, as typed
    for finding in findings:
        if not finding.masked:
            continue
        view_start, view_end = view.to_view(finding.start, finding.end)
        value = view.text[view_start:view_end]
        if len(value) >= MIN_REPEAT_LENGTH:
            start = view.text.find(value)
            while start != -1:
                if start != view_start:
                    orig_start, orig_end = view.to_original(start, start + len(value))
                    extra.append(Finding(finding.entity_type, orig_start, orig_end, finding.score, "repeated-value"))
                start = view.text.find(value, start + 1)
        typed = normalized[finding.start : finding.end]
        if len(typed) >= MIN_REPEAT_LENGTH:
            start = normalized.find(typed)
            while start != -1:
                if start != finding.start:
                    end = start + len(typed)
                    extra.append(Finding(finding.entity_type, start, end, finding.score, "repeated-value"))
                start = normalized.find(typed, start + 1)
    if not extra:
        return findings
    return merge_overlapping(findings + extra)


def merge_overlapping(findings: list[Finding]) -> list[Finding]:
    """Overlapping findings become one masked span (typed after the longer one): masking more is
    the safe side when two values run into each other."""
    merged: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            keep = last if (last.end - last.start) >= (f.end - f.start) else f
            merged[-1] = Finding(
                keep.entity_type,
                last.start,
                max(last.end, f.end),
                max(last.score, f.score),
                keep.recognizer,
                masked=last.masked or f.masked,
            )
        else:
            merged.append(f)
    return merged


def inside_placeholder(text: str, start: int, end: int) -> bool:
    return any(m.start() <= start and end <= m.end() for m in PLACEHOLDER_RE.finditer(text))
