"""The hiragana reading of a prompt for the rules (bot/gate/kana_reading.py)."""

from __future__ import annotations

import pytest

from bot.gate.kana_reading import mostly_hiragana, read_kana, readings


def test_a_prompt_typed_in_hiragana_is_read_with_the_rules_words() -> None:
    text = "せんきょじむしょの　かいしょしきで　よむ　こうほしゃの　あいさつ　かいて"
    assert read_kana(text) == "選挙事務所の　開所式で　よむ　候補者の　あいさつ　書いて"


def test_short_readings_need_a_word_boundary() -> None:
    # がん is read as the illness only as a word of its own, never inside がんばって
    assert "がんばって" in read_kana("がんばってね　しょくいんの　みなさん　いつも　ありがとう")
    assert "がん" in read_kana("どうりょうが　がんで　にゅういん　しています　おみまいを")
    assert read_kana("どうりょうが　がんで　にゅういん　しています") == "同僚が　がんで　入院　しています"


@pytest.mark.parametrize(
    "text",
    [
        "選挙の投票所の案内を作ってください",  # written normally: left as it is
        "しょくいん",  # too short to say how the prompt is written
        "Please write a notice about the election",
    ],
)
def test_text_not_typed_in_hiragana_is_left_alone(text: str) -> None:
    assert read_kana(text) == text


def test_the_share_of_hiragana_decides() -> None:
    assert mostly_hiragana("こんしゅうの　ごみの　しゅうしゅうびを　ひょうに　して")
    assert not mostly_hiragana("今週のごみの収集日を表にしてください")


def test_every_reading_is_hiragana_and_written_differently() -> None:
    _, table = readings()
    assert len(table) > 100
    for reading, written in table.items():
        assert all("\u3041" <= c <= "\u309f" or c == "ー" for c in reading), reading
        assert reading != written
