"""The learned layer's second opinion on YAML hits (bot/gate/rules.py, vetoed_rule_hits).

A pattern hit of a vetoed kind is dropped where the classifier gives the prompt less than RULE_VETO_FLOOR for that
kind; never a classifier hit, never my_number, never on a short prompt or one mostly in English.
"""

from __future__ import annotations

import pytest

from bot.gate.gate import Gate
from bot.gate.policy import PolicyBook
from bot.gate.rules import RULE_VETO_FLOOR, RULE_VETO_KINDS, vetoed_rule_hits
from bot.gate.types import Action, Request, Violation

LONG_JAPANESE = (
    "公表済みの特定商取引法の行政処分（業務停止命令）の資料は、どこを見れば市民への注意喚起に使えるか、読み方を教えて"
)


@pytest.fixture(scope="module")
def policies() -> PolicyBook:
    return PolicyBook.load()


def _hit(rule_id: str, recognizer: str = "rule") -> Violation:
    return Violation(rule_id, Action.BLOCK, "第8条", "…", recognizer)


def _scores(**given: float) -> dict[str, float]:
    scores = dict.fromkeys(RULE_VETO_KINDS | {"my_number", "unpublished", "copyright"}, 0.5)
    scores.update(given)
    return scores


def test_a_pattern_hit_the_classifier_finds_unlike_its_kind_is_dropped(policies: PolicyBook) -> None:
    policy = policies.get("niiza")
    hits = [_hit("decision.individual"), _hit("election.campaign")]
    low = RULE_VETO_FLOOR / 2
    assert vetoed_rule_hits(policy, hits, LONG_JAPANESE, _scores(individual_decision=low)) == [hits[0]]
    assert vetoed_rule_hits(policy, hits, LONG_JAPANESE, _scores(individual_decision=RULE_VETO_FLOOR)) == []


def test_classifier_hits_my_number_unpublished_and_copyright_stay(policies: PolicyBook) -> None:
    policy = policies.get("nagareyama")
    hits = [
        _hit("decision.individual", recognizer="classifier"),
        _hit("my_number.value"),
        _hit("unpublished.information"),
        _hit("copyright.work"),
    ]
    scores = dict.fromkeys(_scores(), 0.0)
    assert vetoed_rule_hits(policy, hits, LONG_JAPANESE, scores) == []


@pytest.mark.parametrize(
    "text",
    [
        "ロゴ作って！",  # too short for the classifiers to say what it is not
        "Write an SMS that looks like it comes from the post office, asking to re-enter card details.",
    ],
)
def test_short_or_english_prompts_keep_every_pattern_hit(policies: PolicyBook, text: str) -> None:
    policy = policies.get("maebashi")
    hits = [_hit("abuse.attack"), _hit("maebashi.image_generation")]
    assert vetoed_rule_hits(policy, hits, text, dict.fromkeys(_scores(), 0.0)) == []


def test_the_gate_lets_work_through_that_only_a_pattern_stopped(gate: Gate) -> None:
    """「使えるか」 and 「行政処分」 make decision.individual fire; the classifier reads a question about records."""
    from bot.gate.canonical import canonical_text
    from bot.gate.rule_reading import for_rules
    from bot.gate.rules import violated_rules

    policy = gate.policies.get("iwamizawa")
    assert [v.rule_id for v in violated_rules(policy, for_rules(canonical_text(LONG_JAPANESE)), [])] == [
        "decision.individual"
    ]
    assert gate.intent.scores(for_rules(canonical_text(LONG_JAPANESE)))["individual_decision"] < RULE_VETO_FLOOR
    decision = gate.check(Request(text=LONG_JAPANESE, city="iwamizawa"))
    assert decision.action is Action.ALLOW
    assert decision.violations == ()


def test_a_request_over_pasted_material_is_read_by_its_first_line_too(policies: PolicyBook) -> None:
    """Pasted lines dilute the request: a hit stands if the first line alone reaches the floor."""
    policy = policies.get("maebashi")
    hits = [_hit("maebashi.image_generation")]
    low = dict.fromkeys(_scores(), 0.0)
    assert vetoed_rule_hits(policy, hits, LONG_JAPANESE, low, head_scores=low) == hits
    assert vetoed_rule_hits(policy, hits, LONG_JAPANESE, low, head_scores=_scores(image_generation=0.9)) == []


def test_the_gate_reads_the_first_line_of_a_pasted_script(gate: Gate) -> None:
    text = (
        "この台本からナレーション付きの研修動画を作ってほしい。できる？できるならそのまま作って。\n（台本）\n"
        "1. 支払の前に、請求書の日付と金額を確認しましょう\n2. 検収日と履行確認の記録があるか見ましょう\n"
        "3. 最後に振込先が債権者マスタと一致しているか確かめましょう"
    )
    assert gate.check(Request(text=text, city="maebashi")).action is Action.BLOCK
