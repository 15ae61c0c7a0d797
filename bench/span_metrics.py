"""Counting how well predicted spans cover gold spans, by character and by span."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

Span = tuple[int, int]  # [start, end) character offsets


def chars(spans: Iterable[Span]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def significant_positions(text: str, span: Span) -> list[int]:
    """Offsets in `span` holding a digit or a Latin letter (half or full width): what must not leak.

    Separators (spaces, hyphens, 〒, 年/月/日) may stay visible without revealing the identifier.
    """
    out = []
    for i in range(*span):
        ch = unicodedata.normalize("NFKC", text[i])
        if ch.isdigit() or (ch.isascii() and ch.isalpha()):
            out.append(i)
    return out or list(range(*span))


def fully_covered(text: str, gold: Span, predicted: Iterable[Span]) -> bool:
    covered = chars(predicted)
    return all(i in covered for i in significant_positions(text, gold))


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def safe_ratio(num: float, den: float) -> float | None:
    return num / den if den else None


@dataclass
class OverlapCounts:
    """Character- and span-level counts for one entity class, accumulated over many texts."""

    gold_chars: int = 0
    pred_chars: int = 0
    hit_chars: int = 0
    gold_spans: int = 0
    gold_spans_found: int = 0  # overlapped by at least one prediction
    gold_spans_exact: int = 0
    gold_spans_half: int = 0  # at least half of the span's characters predicted
    pred_spans: int = 0
    pred_spans_correct: int = 0  # overlapping at least one gold span

    def add(self, gold: list[Span], predicted: list[Span]) -> None:
        g, p = chars(gold), chars(predicted)
        self.gold_chars += len(g)
        self.pred_chars += len(p)
        self.hit_chars += len(g & p)
        self.gold_spans += len(gold)
        self.gold_spans_found += sum(any(overlaps(s, q) for q in predicted) for s in gold)
        pred_set = set(predicted)
        self.gold_spans_exact += sum(s in pred_set for s in gold)
        self.gold_spans_half += sum(2 * len(chars([s]) & p) >= s[1] - s[0] for s in gold)
        self.pred_spans += len(predicted)
        self.pred_spans_correct += sum(any(overlaps(q, s) for s in gold) for q in predicted)

    @property
    def char_recall(self) -> float | None:
        return safe_ratio(self.hit_chars, self.gold_chars)

    @property
    def char_precision(self) -> float | None:
        return safe_ratio(self.hit_chars, self.pred_chars)

    @property
    def span_recall(self) -> float | None:
        return safe_ratio(self.gold_spans_found, self.gold_spans)

    @property
    def span_precision(self) -> float | None:
        return safe_ratio(self.pred_spans_correct, self.pred_spans)

    @property
    def exact_recall(self) -> float | None:
        return safe_ratio(self.gold_spans_exact, self.gold_spans)

    @property
    def half_recall(self) -> float | None:
        """Share of gold spans with at least 50 % of their characters predicted (the issue's person target)."""
        return safe_ratio(self.gold_spans_half, self.gold_spans)


def fmt(value: float | None, digits: int = 3) -> str:
    return "   -" if value is None else f"{value:.{digits}f}"


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, with touching or overlapping spans joined (two PERSON findings on 山田 and 太郎 make one name)."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]
