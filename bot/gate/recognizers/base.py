"""A regex recognizer with Japanese context words and a checksum hook.

Presidio's own PatternRecognizer scores context through spaCy lemmas, which for Japanese depend on
how Sudachi happened to split the neighbouring words. Here context is a plain look at the
characters around the match, which is predictable and cheap. `\\b` is never used: kana and kanji
are word characters, so `番号は4111…` has no boundary (presidio PR 2073); ASCII look-arounds are.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.gate.pattern_group import key_filter, may_match, text_keys

# No ASCII letter or digit (or hyphen, for dashed numbers) may touch a number on either side.
NUM_START = r"(?<![0-9A-Za-z-])"
NUM_END = r"(?![0-9A-Za-z]|-[0-9])"


class JapanesePatternRecognizer(EntityRecognizer):
    """Subclasses set the class attributes; `validate` may reject a match (checksums)."""

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[tuple[tuple[str, float], ...]]  # (regex, score without context)
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    CONTEXT_BEFORE: ClassVar[int] = 25  # characters looked at before the match
    CONTEXT_AFTER: ClassVar[int] = 10
    CONTEXT_SCORE: ClassVar[float] = 0.95
    REQUIRE_CONTEXT: ClassVar[bool] = False
    VALUE_GROUP: ClassVar[str | None] = None  # mask only this named group, not the whole match
    FLAGS: ClassVar[int] = 0

    def __init__(self) -> None:
        self._compiled = [(re.compile(p, self.FLAGS), s) for p, s in self.PATTERNS]
        # Characters (or adjacent pairs) each pattern needs: most prompts lack them for most patterns, which are then
        # not searched at all (bot/gate/pattern_group.py; the same matches, found faster).
        self._needs = [key_filter(p, self.FLAGS) for p, _s in self.PATTERNS]
        self._context = (
            re.compile("|".join(re.escape(c) for c in self.CONTEXT), re.IGNORECASE) if self.CONTEXT else None
        )
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language="ja",
            name=type(self).__name__,
        )

    def load(self) -> None:  # nothing to load: patterns are compiled in __init__
        pass

    def validate(self, match: re.Match[str]) -> bool:
        """Return False to drop a match (e.g. a failing check digit)."""
        return True

    def context_window(self, text: str, start: int, end: int) -> str:
        """The text around a match in which a CONTEXT word counts."""
        return text[max(0, start - self.CONTEXT_BEFORE) : start] + " " + text[end : end + self.CONTEXT_AFTER]

    def has_context(self, text: str, start: int, end: int) -> bool:
        if self._context is None:
            return False
        return bool(self._context.search(self.context_window(text, start, end)))

    def patterns_for(self, text: str) -> list[tuple[re.Pattern[str], float]]:
        """The compiled patterns (with their scores) that can match somewhere in `text`, in their order."""
        keys = text_keys(text)
        return [compiled for compiled, needs in zip(self._compiled, self._needs, strict=True) if may_match(needs, keys)]

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        results: list[RecognizerResult] = []
        for pattern, base_score in self.patterns_for(text):
            for match in pattern.finditer(text):
                if not self.validate(match):
                    continue
                start, end = match.span(self.VALUE_GROUP) if self.VALUE_GROUP else match.span()
                if start == end:
                    continue
                context = self.has_context(text, start, end)
                if self.REQUIRE_CONTEXT and not context:
                    continue
                results.append(self.result(start, end, self.CONTEXT_SCORE if context else base_score))
        return results

    def result(self, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def digits_of(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())
