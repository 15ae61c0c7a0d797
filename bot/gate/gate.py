"""The gate: Request → Decision. The only path from an employee's words to a language model.

Pure over data: no Slack, no database, no network. Any exception inside means nothing is sent
(fail closed); callers receive a GateError with a Japanese message.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from bot.config import ConfigError, ner_mode_setting, one_setting
from bot.gate.analyzer import JapanesePiiAnalyzer
from bot.gate.canonical import canonical_text
from bot.gate.categories import classify_use
from bot.gate.intent import IntentModel, load_intent_model
from bot.gate.nlp_engine import NerMode
from bot.gate.pattern_group import text_keys
from bot.gate.placeholders import (
    PLACEHOLDER_RE,
    PlaceholderBook,
    add_repeated_values,
    inside_placeholder,
    redact,
    redact_with_segments,
)
from bot.gate.policy import POLICY_DIR, Policy, PolicyBook, UnknownCityError
from bot.gate.rule_reading import for_rules
from bot.gate.rules import (
    classifier_violations,
    data_handling_violations,
    first_line,
    later_requests,
    list_items,
    rule_view,
    rules_to_reread,
    vetoed_rule_hits,
    violated_rules,
)
from bot.gate.types import Action, Decision, Finding, GateError, Request

log = logging.getLogger(__name__)

MAX_PROMPT_CHARS = 20_000  # the default; AIGATE_MAX_PROMPT_CHARS is read by bot/config.py (Settings)
# Characters around a placeholder analysed again after redaction (recognizers look this far at most).
REANALYSIS_MARGIN = 80


class Gate:
    def __init__(
        self,
        analyzer: JapanesePiiAnalyzer,
        policies: PolicyBook,
        intent: IntentModel | None = None,
        max_prompt_chars: int = MAX_PROMPT_CHARS,
    ) -> None:
        self.analyzer = analyzer
        self.policies = policies
        self.max_prompt_chars = max_prompt_chars
        # The learned rule layer, loaded once; IntentModelError (Japanese) if it cannot load: fail closed.
        self.intent = intent if intent is not None else load_intent_model()
        # spaCy runs one text at a time; one worker thread keeps the event loop free.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gate")

    # -- the decision ---------------------------------------------------------------------------
    def check(self, request: Request, placeholders: PlaceholderBook | None = None) -> Decision:
        policy = self.policies.get(request.city)  # UnknownCityError: a Japanese message
        text = request.text
        if not text or not text.strip():
            raise GateError("入力が空です。生成AIに頼みたい内容を書いてください。")
        if len(text) > self.max_prompt_chars:
            raise GateError(
                f"入力が長すぎます（{len(text):,}文字）。{self.max_prompt_chars:,}文字以内に分けて送ってください。"
            )
        try:
            findings = self._findings(text, policy)
            normalized = canonical_text(text)  # rules read what the recognizers read
            # ... with each masked name announced (【氏名】田島主任), so that a rule about "a person" sees one
            # ... read back where it was typed with spaces between words, all in hiragana, in Korean or in Chinese
            view = for_rules(rule_view(text, findings, normalized), text)
            rule_hits = violated_rules(policy, view, findings)
            # 「…を作って。あと、…」 and each item of a list of tasks: read on their own too
            parts = later_requests(view) + list_items(view)
            reread = rules_to_reread(policy, view, findings, rule_hits) if parts else []
            for part in parts:
                seen = {v.rule_id for v in rule_hits}
                rule_hits += [v for v in violated_rules(policy, part, findings, reread) if v.rule_id not in seen]
            classified = for_rules(normalized, text)
            scores = self.intent.scores(classified)
            # a pattern's words about something else: the learned layer's second opinion drops the hit
            dropped = vetoed_rule_hits(policy, rule_hits, classified, scores)
            if dropped and (head := first_line(classified)) is not None:
                dropped = vetoed_rule_hits(policy, dropped, classified, scores, head_scores=self.intent.scores(head))
            rule_hits = [v for v in rule_hits if v not in dropped]
            learned = classifier_violations(policy, classified, self.intent, rule_hits, scores)
            violations = rule_hits + learned + data_handling_violations(policy, findings)
            action = max((v.action for v in violations), key=lambda a: a.severity, default=Action.ALLOW)
            redacted = redact(text, findings, placeholders)
            category = classify_use(normalized)
        except (GateError, UnknownCityError):
            raise
        except Exception as exc:  # fail closed: the caller sends nothing
            log.exception("gate failed for city=%s (text not logged)", request.city)
            raise GateError(
                "個人情報のチェックを完了できなかったため、生成AIには何も送信していません。"
                "時間をおいてもう一度お試しください。",
                detail=type(exc).__name__,
            ) from exc
        finally:
            # the keys of the last texts are cached while one message is read by recognizer after recognizer; none
            # of a prompt's characters stays in memory once its decision is made
            text_keys.cache_clear()
        return Decision(
            action=action,
            redacted_text=redacted,
            findings=tuple(findings),
            violations=tuple(violations),
            use_category=category,
            policy_id=policy.id,
            policy_version=policy.policy_version,
            city_name=policy.name,
        )

    def _findings(self, text: str, policy: Policy) -> list[Finding]:
        unmasked = set(policy.unmasked_entities)
        findings = [
            replace(f, masked=f.masked and f.entity_type not in unmasked)
            for f in self.analyzer.analyze(text)
            if not inside_placeholder(text, f.start, f.end)  # already redacted earlier in the thread
        ]
        # Masking can change what touches a value (090-1234-5678sk-proj-…): look once more at the
        # redacted text, so that redacting twice never finds anything new.
        for _ in range(2):
            findings = add_repeated_values(text, findings)
            extra = self._findings_revealed_by_redaction(text, findings, unmasked)
            if not extra:
                break
            findings = sorted(findings + extra, key=lambda f: f.start)
        return add_repeated_values(text, findings)

    def _findings_revealed_by_redaction(self, text: str, findings: list[Finding], unmasked: set[str]) -> list[Finding]:
        if not any(f.masked for f in findings):
            return []
        redacted, raw_segments = redact_with_segments(text, findings)
        extra: list[Finding] = []
        for f in self._analyze_around_placeholders(redacted):
            if not f.masked or f.entity_type in unmasked or inside_placeholder(redacted, f.start, f.end):
                continue
            for out_start, in_start, length in raw_segments:
                # Keep the part of the new finding that lies in text copied verbatim from the input.
                lo, hi = max(f.start, out_start), min(f.end, out_start + length)
                if lo < hi:
                    start, end = in_start + lo - out_start, in_start + hi - out_start
                    if all(end <= g.start or start >= g.end for g in findings + extra):
                        extra.append(replace(f, start=start, end=end))
        return extra

    def _analyze_around_placeholders(self, redacted: str) -> list[Finding]:
        """Only the text next to a placeholder can change meaning when a value is replaced, so only
        windows around placeholders are analysed again (a long prompt is not analysed twice)."""
        windows: list[list[int]] = []
        for match in PLACEHOLDER_RE.finditer(redacted):
            lo, hi = max(0, match.start() - REANALYSIS_MARGIN), min(len(redacted), match.end() + REANALYSIS_MARGIN)
            # From the start of the line: a window cut mid-line would read 「橋市大手町2-12-1」 without the facility
            # named before it on the same line.
            line_start = redacted.rfind("\n", 0, lo) + 1
            if lo - line_start <= REANALYSIS_MARGIN:
                lo = line_start
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        found: list[Finding] = []
        for lo, hi in windows:
            # Boundary effects are the patterns' business; GiNZA's NER need not run again.
            for f in self.analyzer.analyze(redacted[lo:hi], use_ner=False):
                found.append(replace(f, start=f.start + lo, end=f.end + lo))
        return found

    def scan_output(
        self, text: str, city: str, placeholders: PlaceholderBook | None = None
    ) -> tuple[str, list[Finding]]:
        """Mask personal data in a model's answer (流山 8.3(3): the model may invent personal data)."""
        policy = self.policies.get(city)
        if not text.strip():
            return text, []
        findings = self._findings(text, policy)
        return redact(text, findings, placeholders), findings

    # -- async wrappers ------------------------------------------------------------------------------
    async def acheck(self, request: Request, placeholders: PlaceholderBook | None = None) -> Decision:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.check, request, placeholders)

    async def ascan_output(
        self, text: str, city: str, placeholders: PlaceholderBook | None = None
    ) -> tuple[str, list[Finding]]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.scan_output, text, city, placeholders)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def ner_mode_from_env() -> NerMode:
    """AIGATE_NER by the rule of `Settings` (bot/config.py), for a gate loaded without them (check, tests)."""
    try:
        return NerMode(one_setting(ner_mode_setting))
    except ConfigError as exc:
        raise GateError(" ".join(exc.problems)) from None


def load_gate(
    policy_dir: Path | None = None, ner_mode: NerMode | None = None, max_prompt_chars: int = MAX_PROMPT_CHARS
) -> Gate:
    """Load the policies (validated) and the Japanese analyzer. Once per process: seconds, ~450 MB.

    Start-up passes `Settings.ner_mode`; without it AIGATE_NER is read by the same rule."""
    policies = PolicyBook.load(policy_dir or POLICY_DIR)  # PolicyError: file, line, reason in Japanese
    analyzer = JapanesePiiAnalyzer(ner_mode or ner_mode_from_env())
    return Gate(analyzer, policies, max_prompt_chars=max_prompt_chars)
