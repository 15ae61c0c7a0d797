"""A rule group searched through its first-character lookahead finds exactly what the plain alternation finds."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.prompt_corpus import load_prompts
from bot.gate.canonical import canonical_text
from bot.gate.gate import Gate
from bot.gate.pattern_group import PatternGroup, first_characters, needed_keys, text_keys
from bot.gate.policy import POLICY_DIR, SHARED_DIR_NAME, load_shared_rules
from bot.gate.recognizers.base import JapanesePatternRecognizer
from bot.gate.recognizers.catalog import all_recognizers
from bot.gate.types import Request

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"


def _chars(pattern: str) -> set[str] | None:
    found = first_characters(pattern)
    return None if found is None else {item for item, _folded in found}


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("選挙運動", {"選"}),
        ("(?:応援|推薦)演説", {"応", "推"}),
        ("(?:重度の)?アレルギー", {"重", "ア"}),
        (r"(?<![0-9])\d{4}", {r"\d"}),
        (r"\b(?:he|she)\b", {"h", "s"}),
        ("[一二三]期目", {"一", "二", "三"}),
    ],
)
def test_first_characters_of_a_pattern(pattern: str, expected: set[str]) -> None:
    assert _chars(pattern) == expected


def test_ignoring_case_is_kept_with_the_character() -> None:
    assert first_characters("(?i:phishing)") == {("p", True)}
    assert first_characters("Phishing") == {("P", False)}


@pytest.mark.parametrize(
    "pattern",
    [
        "[^、。]{1,10}の名前で",  # a negated class can start with almost anything
        ".{0,3}票",
        "(?:候補)?",  # may match the empty string
        r"^(?![\s\S]*【氏名)[\s\S]*一般論",
        "[一-龥]{1,8}課限り",  # every kanji: not worth listing
    ],
)
def test_unknown_first_characters_are_searched_plainly(pattern: str) -> None:
    assert first_characters(pattern) is None


def test_case_folding_is_the_engines_own() -> None:
    # U+212A KELVIN SIGN folds to k only in the regex engine's own ignore-case reading.
    group = PatternGroup(["(?i:kelvin)", "選挙"])
    assert group.found("\u212aelvin")
    assert group.found("KELVIN scale")
    assert not group.found("celsius")


def test_finditer_reports_the_whole_alternations_starts() -> None:
    group = PatternGroup(["応援演説", "演説"])
    assert [m.start() for m in group.finditer("応援演説と演説")] == [0, 5]
    assert group.starts("応援演説と演説") == [0, 5]


def test_starts_follow_the_alternations_order_and_ends() -> None:
    # At 0 the first alternative wins (応援, ending at 2): 援演説 is never tried there, and 演説 at 2 is found.
    group = PatternGroup(["応援", "応援演説", "援演説", "演説"])
    assert group.starts("応援演説") == [m.start() for m in group.whole.finditer("応援演説")] == [0, 2]
    group = PatternGroup(["援演説", "応援演説", "演"])
    assert group.starts("応援演説演") == [m.start() for m in group.whole.finditer("応援演説演")] == [0, 4]


def test_needed_keys_of_a_pattern() -> None:
    analysed = needed_keys("[^、。]{1,10}の名前で")
    assert analysed is not None
    clauses, consumes = analysed
    assert frozenset({"名前"}) in clauses and frozenset({"名"}) in clauses and consumes
    clauses, _ = needed_keys("(?i:phishing|vishing)") or ([], False)
    (clause,) = clauses  # a key of each alternative, joined: either word holds one
    assert all(not clause.isdisjoint(text_keys(word)) for word in ("PHISHING", "Vishing"))
    assert clause.isdisjoint(text_keys("fish"))
    assert needed_keys("(?:候補)?") == ([], False)  # may match the empty string: nothing is needed
    assert needed_keys(r"(\d)\1") is None  # a group reference: the group is searched as before


def test_a_text_is_read_in_the_engines_lower_case() -> None:
    # str.lower() gives every character the regex engine's own lower case, İ alone excepted (two characters): the
    # keys of a text are those of its lower case, so a case-ignoring pattern's keys are found in it.
    tolower = importlib.import_module("_sre").unicode_tolower
    differ = [code for code in range(sys.maxunicode + 1) if chr(code).lower() != chr(tolower(code))]
    assert differ == [0x130]
    assert {"ix", "ς "} <= text_keys("İX ΑΣ ")  # İ read as I; Σ at the end of a word read as ς


def test_a_group_with_a_group_reference_is_searched_as_before() -> None:
    group = PatternGroup([r"(\d)\1", "選挙"])
    assert group.found("11") and not group.found("12")
    assert group.starts("11選挙") == [0, 2]


def test_a_group_whose_alternative_may_be_empty_lists_the_alternations_own_starts() -> None:
    group = PatternGroup(["(?:候補)?者", "x*"])
    assert group.starts("候補者") == [m.start() for m in group.whole.finditer("候補者")]


def _shipped_groups() -> list[PatternGroup]:
    groups = []
    for rule, _path in load_shared_rules(POLICY_DIR / SHARED_DIR_NAME).values():
        groups += rule.match.compiled_all
        if rule.match.compiled_none is not None:
            groups.append(rule.match.compiled_none)
    return groups


def test_every_shipped_group_agrees_with_its_plain_alternation_on_the_corpus() -> None:
    texts = [canonical_text(p.text) for p in load_prompts(DATA / "prompts.jsonl")]
    groups = _shipped_groups()
    disagreements = [(g.patterns[:2], t[:40]) for g in groups for t in texts if g.found(t) != bool(g.whole.search(t))]
    assert not disagreements
    # where the alternation matches, as `near` reads it: the prompts that reach a rule's positions and a sample
    texts = [t for t in texts if sum(g.found(t) for g in groups) >= 2] + texts[::25]
    moved = [(g.patterns[:2], t[:40]) for g in groups for t in texts if g.starts(t) != _starts(g, t)]
    assert not moved


def _starts(group: PatternGroup, text: str) -> list[int]:
    return [m.start() for m in group.whole.finditer(text)]


_ALPHABET = st.sampled_from(
    [
        *"選挙応援演説候補者にをのはがへ。、 \nabcKkPpIiSs0123４５一二三党票【氏名】",
        *"\u212a\u200b\u0130\u0131\u017fΣσς",  # Kelvin K, a zero-width space, İ ı ſ, and the sigmas
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_a_group_agrees_with_its_plain_alternation_on_any_text(text: str) -> None:
    group = PatternGroup(
        [
            "選挙運動",
            "(?:に|へ)(?:一票|投票)",
            "[^\\s、。]{1,6}党の(?:政策|候補)",
            "(?i:(?:vote|back) for)",
            r"(?<![0-9])\d{4}",
            "(?:候補)?者に",
            r"^(?![\s\S]*【氏名)[\s\S]*票",
            "(?i:is|σ )",
            "[Kk]i",
            "演説",
        ]
    )
    assert group.found(text) == bool(group.whole.search(text))
    assert group.starts(text) == _starts(group, text)


def test_a_recognizer_leaves_out_only_patterns_that_match_nowhere_in_the_text() -> None:
    texts = [canonical_text(p.text) for p in load_prompts(DATA / "prompts.jsonl")]
    texts += ["パスワードは Abc-123 です", "PASSWORD: hunter2", "〒351-0192 新座市野火止1-1-1 電話048-477-1111"]
    recognizers = [r for r in all_recognizers(use_ner=False) if isinstance(r, JapanesePatternRecognizer)]
    left_out = 0
    for recognizer in recognizers:
        for text in texts:
            kept = {id(pattern) for pattern, _score in recognizer.patterns_for(text)}
            skipped = [pattern for pattern, _score in recognizer._compiled if id(pattern) not in kept]
            left_out += len(skipped)
            assert not [p.pattern for p in skipped if p.search(text)], text
    assert left_out  # the filter does leave patterns out


def test_the_gate_keeps_no_text_keys_after_a_decision(gate: Gate) -> None:
    """text_keys caches a message's characters while recognizers and rule groups read it; once the decision is
    made, nothing of the prompt stays in that cache."""
    gate.check(Request(text="佐藤花子さんの電話は090-1234-5678です", city="niiza", platform="test"))
    assert text_keys.cache_info().currsize == 0
