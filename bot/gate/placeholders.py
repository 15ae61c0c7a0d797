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

from bot.gate.canonical import canonical_value, canonicalize
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
    return f"{entity_type}\x00{_SPACES.sub('', canonical_value(value)).casefold()}".encode()


# A person's name is one value however it is cut: 佐藤花子 … 佐藤さん … 花子さん share one placeholder.
NAME_ENTITY = "PERSON"
_NAME_SEPARATORS = re.compile(r"[\s・＝=゠,，\-（）()]+")


def name_parts(value: str) -> set[str]:
    """Every part a later mention may use: runs of the parts between separators (Nguyen | Van | An,
    Nguyen Van, Van An), or, for a name written without one (佐藤花子), its prefixes and suffixes."""
    pieces = [p for p in _NAME_SEPARATORS.split(normalize_width(value).casefold()) if p]
    if len(pieces) >= 2:
        runs = {"".join(pieces[i:j]) for i in range(len(pieces)) for j in range(i + 1, len(pieces) + 1)}
    else:
        name = "".join(pieces)
        # One character is a part only of a longer name (林 of 林花子), not of a two-character one:
        # 林 and 小林 are two surnames, two people.
        shortest = 1 if len(name) >= 3 else 2
        runs = {name[:i] for i in range(shortest, len(name))} | {name[-i:] for i in range(shortest, len(name))}
    runs.discard("".join(pieces))
    return runs


def _name_key(value: str) -> str:
    return "".join(p for p in _NAME_SEPARATORS.split(normalize_width(value).casefold()) if p)


def _full_names(text: str, findings: list[Finding]) -> dict[int, str]:
    """For each PERSON finding that is a part of a longer PERSON finding of the same text, that longer
    value: so the part gets the full name's number even when it is mentioned first."""
    names = [(i, text[f.start : f.end]) for i, f in enumerate(findings) if f.entity_type == NAME_ENTITY]
    if len(names) < 2:
        return {}
    keys = {value: _name_key(value) for _, value in names}
    # dict.fromkeys keeps the order of first mention: equal lengths must not be ordered by the string hash, which
    # differs between processes (the same prompt was numbered 【氏名1】/【氏名2】 one way or the other)
    longest_first = sorted(dict.fromkeys(value for _, value in names), key=lambda v: -len(keys[v]))
    parts = {value: name_parts(value) for value in longest_first}
    out: dict[int, str] = {}
    for i, value in names:
        for longer in longest_first:
            if len(keys[longer]) <= len(keys[value]):
                break
            if keys[value] in parts[longer]:
                out[i] = longer
                break
    return out


class PlaceholderBook:
    """Numbering state for one conversation (a Slack thread, a bridge conversation)."""

    def __init__(self) -> None:
        self._numbers: dict[bytes, int] = {}
        self._counts: dict[str, int] = {}
        # Digests of the parts of names already numbered (佐藤, 花子 of 佐藤花子): a later mention of a
        # part alone gets the full name's number. Digests only, like _numbers.
        self._parts: dict[bytes, int] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _digest(entity_type: str, value: str) -> bytes:
        return hmac.new(_PROCESS_KEY, _canonical(entity_type, value), hashlib.sha256).digest()

    def placeholder_for(self, entity_type: str, value: str) -> str:
        digest = self._digest(entity_type, value)
        with self._lock:
            number = self._numbers.get(digest)
            if number is None and entity_type == NAME_ENTITY:
                number = self._parts.get(digest)
            if number is None:
                number = self._counts.get(entity_type, 0) + 1
                self._counts[entity_type] = number
                self._numbers[digest] = number
                if entity_type == NAME_ENTITY:
                    for part in name_parts(value):
                        self._parts.setdefault(self._digest(entity_type, part), number)
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
    ordered = sorted(findings, key=lambda f: f.start)
    full_names = _full_names(text, ordered)
    for index, finding in enumerate(ordered):
        if not finding.masked:
            continue
        raw = text[cursor : finding.start]
        segments.append((written, cursor, len(raw)))
        value = full_names.get(index, text[finding.start : finding.end])
        placeholder = book.placeholder_for(finding.entity_type, value)
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
