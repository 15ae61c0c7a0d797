"""A rule group searched through its first-character lookahead finds exactly what the plain alternation finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.prompt_corpus import load_prompts
from bot.gate.canonical import canonical_text
from bot.gate.pattern_group import PatternGroup, first_characters
from bot.gate.policy import POLICY_DIR, SHARED_DIR_NAME, load_shared_rules

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


_ALPHABET = st.sampled_from(
    [*"選挙応援演説候補者にをのはがへ。、 \nabcKkPp0123４５一二三党票【氏名】", "\u212a", "\u200b"]
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
        ]
    )
    assert group.found(text) == bool(group.whole.search(text))
