"""A name is masked whole (王 小明: the family name before a space too), and a title's verbal noun is no name."""

from __future__ import annotations

from bot.gate.gate import Gate
from bot.gate.types import Request


def _redacted(gate: Gate, text: str) -> str:
    return gate.check(Request(text=text, city="niiza", platform="test")).redacted_text


def test_a_chinese_family_name_before_a_space_is_part_of_the_name(gate: Gate) -> None:
    redacted = _redacted(gate, "王 小明（ワン シャオミン）さんの転入届の補足説明")
    assert "王" not in redacted and "小明" not in redacted, redacted


def test_a_verbal_noun_after_a_title_is_not_a_name(gate: Gate) -> None:
    text = "市長査定前の来年度予算の要求額一覧を表にして"
    decision = gate.check(Request(text=text, city="niiza", platform="test"))
    assert not [f for f in decision.findings if f.entity_type == "PERSON"], decision.findings


def test_a_three_kanji_compound_is_not_a_chinese_name(gate: Gate) -> None:
    text = "避難所の受付手順をフローチャートにする前の文章案をください"
    decision = gate.check(Request(text=text, city="niiza", platform="test"))
    assert not [f for f in decision.findings if f.entity_type == "PERSON"], decision.findings
