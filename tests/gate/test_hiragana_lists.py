"""Children's and residents' names written in hiragana in a list of people: every part is masked, never a part."""

from __future__ import annotations

import pytest

from bot.gate.gate import Gate
from bot.gate.types import Request


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("参加者：たなか ゆうと、すずき はるな、やまだ そうた の名簿を五十音順に", ["たなか ゆうと", "やまだ そうた"]),
        ("出席者：さとう まい、いとう けんた", ["さとう まい", "いとう けんた"]),
    ],
)
def test_two_part_hiragana_names_in_a_list_are_masked_whole(gate: Gate, text: str, names: list[str]) -> None:
    redacted = gate.check(Request(text=text, city="niiza", platform="test")).redacted_text
    for name in names:
        for part in name.split():
            assert part not in redacted, redacted
    assert "の名簿を五十音順に" in redacted or "の名簿" not in text


def test_items_that_are_not_names_stay(gate: Gate) -> None:
    text = "参加者：未定、調整中"
    assert gate.check(Request(text=text, city="niiza", platform="test")).redacted_text == text


def test_children_in_hiragana_one_a_line_are_masked_and_their_notes_stay(gate: Gate) -> None:
    text = "配慮が必要な子に印をつけて\nれん（ぜんそく）\nあおい（卵アレルギー）\nみお（ADHD）"
    redacted = gate.check(Request(text=text, city="niiza", platform="test")).redacted_text
    for name in ("れん", "あおい", "みお"):
        assert f"\n{name}（" not in redacted, redacted
    for note in ("（ぜんそく）", "（卵アレルギー）", "（ADHD）"):
        assert note in redacted, redacted


def test_hiragana_words_one_a_line_that_are_not_names_stay(gate: Gate) -> None:
    text = "受付メモ\nあり（3件）\nなし（5件）"
    assert gate.check(Request(text=text, city="niiza", platform="test")).redacted_text == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("文集の作文の誤字を直して。「ぼくのゆめ 4年2組 さかもと だいち」", "さかもと だいち"),
        ("運動会の組み分け：1くみ いとう はるき、やまぐち そら", "いとう はるき"),
    ],
)
def test_a_full_name_in_hiragana_is_masked_without_a_list_head(gate: Gate, text: str, name: str) -> None:
    """A family name's reading and a given name's reading one space apart (さかもと だいち) are a child's name."""
    redacted = gate.check(Request(text=text, city="niiza", platform="test")).redacted_text
    for part in name.split():
        assert part not in redacted, redacted


def test_two_hiragana_words_that_are_not_a_name_stay(gate: Gate) -> None:
    text = "らいしゅうの かようびに ぷーるの そうじを します。おしらせを かいて"
    assert gate.check(Request(text=text, city="niiza", platform="test")).redacted_text == text


def test_a_family_name_before_a_given_name_in_hiragana_is_masked_whole(gate: Gate) -> None:
    """高瀬|こ|はる|さん: Sudachi cuts こはる; the name is 高瀬こはる, never はる alone (高瀬こ would be left)."""
    redacted = gate.check(Request(text="新規採用の高瀬こはるさんの座席", city="niiza", platform="test")).redacted_text
    assert "高瀬" not in redacted and "こはる" not in redacted, redacted
