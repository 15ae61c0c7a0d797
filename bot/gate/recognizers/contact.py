"""電話番号 and メールアドレス."""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.gate.recognizers.base import JapanesePatternRecognizer

_LETTERS = re.compile(r"[A-Za-z]")


class JapanesePhoneRecognizer(JapanesePatternRecognizer):
    """Phone numbers parsed by libphonenumber with region JP (fixed lines, 070/080/090, 050, 020, 0120,
    0570, +81). Presidio's own phone recognizer defaults to US/GB/DE… and misses 050 numbers."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = ()
    CONTEXT = ("電話", "携帯", "TEL", "Tel", "tel", "連絡先", "FAX", "ファックス", "内線", "番号")
    BASE_SCORE = 0.75
    # A number glued to more digits is part of a longer number, not a phone number. Glued to
    # letters (TEL09012345678, 5678hanako) it is still masked: the safe side.
    _GLUED = re.compile(r"[0-9]")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        results = []
        # libphonenumber refuses numbers touching Latin letters (jp090-…); we want those masked too,
        # so it reads a copy with letters blanked out (same length, same offsets).
        searchable = _LETTERS.sub(" ", text)
        for match in phonenumbers.PhoneNumberMatcher(searchable, "JP", leniency=phonenumbers.Leniency.VALID):
            start, end = match.start, match.end
            # 「佐藤（090-1234-5678）」: after width normalisation the bracket is an ASCII "(" that
            # libphonenumber takes as part of the number; an unbalanced bracket is not.
            if text[start] == "(" and ")" not in text[start:end]:
                start += 1
            if text[end - 1] == ")" and "(" not in text[start:end]:
                end -= 1
            if (start > 0 and self._GLUED.match(text[start - 1])) or (end < len(text) and self._GLUED.match(text[end])):
                continue
            digits = sum(ch.isdigit() for ch in match.raw_string)
            if digits < 10:
                continue
            score = self.CONTEXT_SCORE if self.has_context(text, start, end) else self.BASE_SCORE
            results.append(
                RecognizerResult(
                    self.ENTITY,
                    start,
                    end,
                    score,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results


class JapaneseEmailRecognizer(JapanesePatternRecognizer):
    """E-mail addresses, also glued to Japanese text (メールはtaro@example.jpです).

    The local part and domain are ASCII only, so the surrounding kana can never be swallowed.
    """

    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = (
        (
            r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
            r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z\-])",
            0.95,
        ),
    )
