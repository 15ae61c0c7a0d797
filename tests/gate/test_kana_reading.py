"""The hiragana reading of a prompt for the rules (bot/gate/kana_reading.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.gate.kana_reading import as_hiragana, mostly_hiragana, read_kana, readings


def test_a_prompt_typed_in_hiragana_is_read_with_the_rules_words() -> None:
    text = "せんきょじむしょの　かいしょしきで　よむ　こうほしゃの　あいさつ　かいて"
    # あいさつ stays: the corpus writes it in kana more often than 挨拶 (reading_table.py)
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


def test_katakana_is_read_like_hiragana_and_what_no_reading_covers_stays_as_typed() -> None:
    assert read_kana("ヒミツホジケイヤク　デ　モラッタ　シリョウ", whole=True).startswith("秘密保持契約")
    assert "モラッタ" in read_kana("ヒミツホジケイヤク　デ　モラッタ　シリョウ")
    # a word typed on its own (a run of half-width katakana) needs no share of kana around it
    assert read_kana("キュウフキン", whole=True) == "給付金"


def test_the_hand_table_decides_a_reading_the_corpus_table_gets_wrong() -> None:
    _, table = readings()
    assert table["じしょう"] == "事象"  # the corpus has 自傷 (sensitive examples) and never 事象
    assert table["がいとう"] == "該当"  # the corpus has 街頭 (election) more often


def test_the_corpus_table_keeps_common_kanji_nouns_with_one_frequent_reading() -> None:
    from collections import Counter

    from bot.gate import reading_table

    found = {
        "しやくしょ": Counter({"市役所": 40}),
        "こうせい": Counter({"校正": 50, "構成": 48}),  # two written forms, neither most of them: left out
        "いし": Counter({"医師": 9}),  # too short
        "へんこう": Counter({"変更": 2}),  # too rare
        "ところ": Counter({"所": 30, reading_table.KANA: 400}),  # usually written in kana
    }
    assert reading_table.table(found) == [("しやくしょ", "市役所")]
    assert as_hiragana("キュウフキン") == "きゅうふきん"


def test_the_corpus_table_is_built_from_a_corpus(tmp_path: Path) -> None:
    from bot.gate import reading_table

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"text": "給付金の申請書を確認して"}, ensure_ascii=False) + "\n" for _ in range(3)),
        encoding="utf-8",
    )
    out = tmp_path / "readings.txt"
    assert reading_table.build((corpus,), out) >= 2
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert ["きゅうふきん", "給付金"] in rows and ["しんせいしょ", "申請書"] in rows


def test_the_shipped_corpus_table_is_what_the_shipped_corpus_builds(tmp_path: Path) -> None:
    # `python -m bot rules readings` after the corpus changes (as `rules train` is run): the same corpus, the same table
    from bot.gate import reading_table

    out = tmp_path / "readings.txt"
    reading_table.build(out=out)
    assert out.read_text(encoding="utf-8") == reading_table.OUT_PATH.read_text(encoding="utf-8")


def test_a_sentence_with_loanwords_in_katakana_is_not_read_as_kana() -> None:
    """「このボットのチェックで止められないように…」 is written the usual way: its ないよう stays, no 内容 appears."""
    typed = "このボットのチェックで止められないように住所を書く方法を教えて"
    assert read_kana(typed) == typed
    assert read_kana("せんきょじむしょの かいしょしきで よむ こうほしゃの けついひょうめい かいて").startswith(
        "選挙事務所"
    )


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("ちょっと聞きたいんですけど、写真もマスクしてから使ったほうがいいんですか？", "いいんですか"),
        ("わすれないように めもして おいて ください おねがい します", "ないように"),
        ("まだ へんじ していない ひとに おくる ぶんを かいて ください", "していない"),
        ("じゅうしょは かかないで しないで ください と つたえる ぶん", "しないで"),
        ("この かんぷ、 する？しない？ どっちか こたえて", "しない？"),
    ],
)
def test_readings_that_also_spell_grammar_stay_grammar(typed: str, kept: str) -> None:
    """いいん before です is 「いい」, not 委員; ないよう before に, してい before ない, しない before で: grammar."""
    assert kept in read_kana(typed)


def test_the_same_readings_as_nouns_are_still_read() -> None:
    assert "委員会" in read_kana("こんどの いいんかいの しりょうを つくって ください おねがい します")
    assert "内容" in read_kana("この ないようで うけつけひょうを つくって ください おねがい します")
