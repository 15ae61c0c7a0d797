"""The analyzer's context enhancer skips Presidio's deep copies only when no recognizer has context words."""

from __future__ import annotations

from typing import Any

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.gate.analyzer import _LemmaEnhancerForContextWords
from bot.gate.gate import Gate
from bot.gate.sudachi_tokens import SudachiTokenizer

TEXT = "会員番号 は 123456 です"


class _KeywordsOfEveryLemma:
    """An NLP engine stand-in for NlpArtifacts: every lemma is a keyword."""

    def is_stopword(self, word: str, language: str) -> bool:
        return False

    def is_punct(self, word: str, language: str) -> bool:
        return False


def _recognizer(context: list[str] | None) -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity="MEMBER_ID",
        patterns=[Pattern("member id", r"\d{6}", 0.3)],
        context=context,
        supported_language="ja",
    )


def _results(recognizer: PatternRecognizer, artifacts: NlpArtifacts) -> list[RecognizerResult]:
    results = recognizer.analyze(TEXT, ["MEMBER_ID"], artifacts)
    for result in results:  # as AnalyzerEngine.analyze adds it
        result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] = recognizer.id
    return results


def _artifacts(gate: Gate) -> NlpArtifacts:
    tokens: Any = SudachiTokenizer(gate.analyzer.nlp_engine.nlp["ja"].tokenizer.tokenizer)(TEXT)
    return NlpArtifacts(
        entities=[],
        tokens=tokens,
        tokens_indices=[t.idx for t in tokens],
        lemmas=[t.lemma_ for t in tokens],
        nlp_engine=_KeywordsOfEveryLemma(),
        language="ja",
    )


def test_without_context_words_the_results_come_back_as_they_are(gate: Gate) -> None:
    artifacts = _artifacts(gate)
    recognizer = _recognizer(None)
    raw = _results(recognizer, artifacts)
    enhanced = _LemmaEnhancerForContextWords().enhance_using_context(TEXT, raw, artifacts, [recognizer])
    assert enhanced is raw
    assert [r.score for r in enhanced] == [0.3]


def test_with_context_words_presidio_raises_the_score_as_before(gate: Gate) -> None:
    artifacts = _artifacts(gate)
    recognizer = _recognizer(["番号"])
    ours = _LemmaEnhancerForContextWords().enhance_using_context(
        TEXT, _results(recognizer, artifacts), artifacts, [recognizer]
    )
    presidio = LemmaContextAwareEnhancer().enhance_using_context(
        TEXT, _results(recognizer, artifacts), artifacts, [recognizer]
    )
    assert [r.score for r in ours] == [r.score for r in presidio]
    assert ours[0].score > 0.3  # the context word before the number was found in the Sudachi tokens
