"""The PII analyzer: Presidio's AnalyzerEngine for `ja` with GiNZA and our Japanese recognizers."""

from __future__ import annotations

import logging
from dataclasses import replace

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.gate.canonical import canonicalize
from bot.gate.format_samples import format_sample
from bot.gate.nlp_engine import JapaneseNlpEngine, NerMode
from bot.gate.placeholders import merge_overlapping
from bot.gate.recognizers.catalog import all_recognizers
from bot.gate.recognizers.not_people import historical_figure, not_a_person
from bot.gate.types import Finding

log = logging.getLogger(__name__)

SCORE_THRESHOLD = 0.5
# When two findings overlap, the more specific identifier wins over a generic guess even at an
# equal score: a 12-digit number near 免許 is a licence, not a マイナンバー.
ENTITY_PRIORITY = {
    "CREDENTIAL": 9,
    "EMAIL_ADDRESS": 8,
    "JP_RESIDENCE_CARD": 7,
    "JP_PASSPORT": 7,
    "JP_DRIVER_LICENSE": 7,
    "JP_RESIDENT_CODE": 7,
    "JP_HEALTH_INSURANCE": 6,
    "JP_MY_NUMBER": 6,
    "CREDIT_CARD": 6,
    "JP_CORPORATE_NUMBER": 5,
    "JP_BASIC_PENSION": 5,
    "JP_BANK_ACCOUNT": 5,
    "PHONE_NUMBER": 4,
    "SNS_ACCOUNT": 4,
    "JP_POSTAL_CODE": 4,
    "DATE_OF_BIRTH": 4,
    "LOCATION": 3,
    "PERSON": 2,
}


def _silence_tldextract() -> None:
    """Presidio's e-mail/URL recognizers use tldextract, which fetches the public suffix list on
    first use and logs tracebacks offline. We do not load those recognizers, but make sure any
    import of tldextract stays offline."""
    try:
        import tldextract

        tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    except Exception:  # pragma: no cover - optional dependency of presidio
        pass


class _LemmaEnhancerForContextWords(LemmaContextAwareEnhancer):
    """Presidio's lemma enhancer, which deep-copies every result of every analysis before it looks for
    recognizers with context words; with none among them (ours read their context themselves) the copies
    come back unchanged, so the results are returned as they are."""

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        if not any(r.context for r in recognizers):
            return raw_results
        return super().enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)


class JapanesePiiAnalyzer:
    """Finds personal data and credentials; returns non-overlapping Findings over the original text."""

    def __init__(self, ner_mode: NerMode = NerMode.FULL) -> None:
        _silence_tldextract()
        self.nlp_engine = JapaneseNlpEngine(ner_mode)
        self.nlp_engine.load()
        registry = RecognizerRegistry(supported_languages=["ja"])
        for recognizer in all_recognizers(use_ner=ner_mode is NerMode.FULL):
            registry.add_recognizer(recognizer)
        self.nlp_engine.keywords_needed = any(getattr(r, "context", None) for r in registry.recognizers)
        self.engine = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=["ja"],
            default_score_threshold=SCORE_THRESHOLD,
            context_aware_enhancer=_LemmaEnhancerForContextWords(),
        )

    def analyze(self, text: str, *, use_ner: bool = True) -> list[Finding]:
        """`use_ner=False` skips GiNZA's NER even when it is on (re-checks of short windows).

        Recognizers read the canonical view (bot/gate/canonical.py); findings are mapped back to spans
        of `text`, each covering the whole original of what was found (invisible characters included)."""
        view = canonicalize(text)
        results: list[RecognizerResult] = []
        for offset, chunk in split_for_tokenizer(view.text):
            artifacts = None if use_ner else self.nlp_engine.tokenize_only(chunk)
            for r in self.engine.analyze(text=chunk, language="ja", nlp_artifacts=artifacts):
                r.start += offset
                r.end += offset
                results.append(r)
        findings = [
            replace(f, masked=False) if _public_history(view.text, f) or _sample(view.text, f) else f
            for f in resolve_overlaps(results)
            if not _names_no_person(view.text, f)
        ]
        if view.is_identity:
            return findings
        mapped = []
        for f in findings:
            start, end = view.to_original(f.start, f.end)
            mapped.append(replace(f, start=start, end=end))
        # Two view characters can share one original span (十二 → 12): findings meeting there merge.
        return merge_overlapping(mapped)


def _names_no_person(text: str, finding: Finding) -> bool:
    """A PERSON span that names a work, a character or a place (bot/gate/recognizers/not_people.py)."""
    return finding.entity_type == "PERSON" and not_a_person(text, finding.start, finding.end)


def _sample(text: str, finding: Finding) -> bool:
    """An address or a number shown as a sample of the format a request is about (bot/gate/format_samples.py)."""
    return format_sample(text, finding.entity_type, finding.start, finding.end)


def _public_history(text: str, finding: Finding) -> bool:
    """A person of public history (渋沢栄一, 近藤勇): found, shown as a finding, not masked. 個人情報保護法
    protects living people; masking 「渋沢栄一の功績」 would only break a tourism or school text."""
    return finding.entity_type == "PERSON" and historical_figure(text, finding.start, finding.end)


# Sudachi refuses input over 49,149 bytes (about 16,000 Japanese characters); long prompts are
# analysed in pieces cut after a line break or 。, well under that limit.
CHUNK_BYTES = 24_000
_CUT_AFTER = ("\n", "。", "．", ". ", "！", "？")


def split_for_tokenizer(text: str, limit: int = CHUNK_BYTES) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text`, each piece at most `limit` UTF-8 bytes."""
    if len(text.encode("utf-8")) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end, size = start, 0
        while end < len(text) and size + len(text[end].encode("utf-8")) <= limit:
            size += len(text[end].encode("utf-8"))
            end += 1
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind(mark) + len(mark) for mark in _CUT_AFTER)
            if cut > len(window) // 2:  # otherwise no sentence end nearby: cut where the limit is
                end = start + cut
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def resolve_overlaps(results: list[RecognizerResult]) -> list[Finding]:
    """Keep the best finding where findings overlap: higher score, then more specific type, then longer."""

    def rank(r: RecognizerResult) -> tuple[float, int, int]:
        return (round(r.score, 2), ENTITY_PRIORITY.get(r.entity_type, 0), r.end - r.start)

    chosen: list[RecognizerResult] = []
    for result in sorted(results, key=rank, reverse=True):
        if all(result.end <= c.start or result.start >= c.end for c in chosen):
            chosen.append(result)
    findings = []
    for r in sorted(chosen, key=lambda r: r.start):
        meta = r.recognition_metadata or {}
        findings.append(
            Finding(
                entity_type=r.entity_type,
                start=r.start,
                end=r.end,
                score=float(r.score),
                recognizer=str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown")),
            )
        )
    return findings
