"""The tokens read straight from Sudachi (bot/gate/sudachi_tokens.py) are those of spaCy's Doc, one for one.

The person rules read them in place of the Doc whenever no NER runs; if a spaCy or Sudachi upgrade changes how
the Japanese tokenizer builds its Doc, these tests say so before a name is read differently.
"""

from __future__ import annotations

import random

import pytest

from bench.prompt_corpus import load_prompts
from bot.gate.canonical import canonical_text
from bot.gate.gate import Gate
from bot.gate.nlp_engine import JapaneseNlpEngine
from bot.gate.sudachi_tokens import SudachiTokenizer

TRICKY = [
    " ",
    "\n",
    "  a  b ",
    " 先頭の空白",
    "末尾の空白 ",
    "末尾の改行\n\n",
    "佐藤　花子 さん\t\t090 1234 5678",
    "a \u3000 b  \n c",
    "…と言った……",
    "ｱｲｳ ｴｵ ﾊﾟｽﾜｰﾄﾞ",
    "x\u200by\ufeffz",
    "😀 絵文字 😀😀",
    "  \n  x",
    "Hello  world.  Mr. Smith",
    "【氏名1】さんの【電話番号1】に連絡",
    "〒123-4567 東京都千代田区1-2-3 サンハイツ203",
]
ALPHABET = list(" 　\t\n\r…・ーｰ「」、。ａＡa1１〇一二佐藤花子様さんはをテストﾃｽﾄ😀\u200b.@-")


def _doc_tokens(engine: JapaneseNlpEngine, text: str) -> list[tuple[str, str, int, str, int]]:
    doc = engine.nlp["ja"].tokenizer(text)
    return [(t.text, t.tag_, t.idx, t.lemma_, t.i) for t in doc]


def _our_tokens(engine: JapaneseNlpEngine, text: str) -> list[tuple[str, str, int, str, int]]:
    tokens = SudachiTokenizer(engine.nlp["ja"].tokenizer.tokenizer)(text)
    return [(t.text, t.tag_, t.idx, t.lemma_, t.i) for t in tokens]


@pytest.fixture(scope="module")
def engine(gate: Gate) -> JapaneseNlpEngine:
    return gate.analyzer.nlp_engine


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_tokenize_as_in_the_doc(engine: JapaneseNlpEngine, text: str) -> None:
    assert _our_tokens(engine, text) == _doc_tokens(engine, text)


def test_random_whitespace_and_symbols_tokenize_as_in_the_doc(engine: JapaneseNlpEngine) -> None:
    rng = random.Random(20261203)
    for _ in range(400):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40)))
        assert _our_tokens(engine, text) == _doc_tokens(engine, text), repr(text)


def test_corpus_prompts_tokenize_as_in_the_doc(engine: JapaneseNlpEngine) -> None:
    for prompt in load_prompts():
        for text in (prompt.text, canonical_text(prompt.text)):
            assert _our_tokens(engine, text) == _doc_tokens(engine, text), prompt.id


def test_artifacts_carry_the_tokens_offsets_and_lemmas(engine: JapaneseNlpEngine) -> None:
    text = "佐藤花子さんは  東京都に住んでいる。"
    artifacts = engine.tokenize_only(text)
    doc = engine.nlp["ja"].tokenizer(text)
    assert [t.text for t in artifacts.tokens] == [t.text for t in doc]
    assert artifacts.tokens_indices == [t.idx for t in doc]
    assert artifacts.lemmas == [t.lemma_ for t in doc]
    assert artifacts.entities == []
