"""Text the canonical view leaves alone skips its steps (bot/gate/canonical.py, _UNTOUCHED): the view must be the
one the steps would have built. If a new step starts acting on a character the shortcut lets through, these fail."""

from __future__ import annotations

import random
import sys

from bot.gate.canonical import _UNTOUCHED, _canonicalize, _canonicalize_view, _View, canonical_value, canonicalize


def _full(text: str) -> object:
    return _canonicalize_view(_View(text))


def _passed_characters() -> list[str]:
    return [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF and (code < 0x20000 or 0xE0000 <= code < 0xE0200)
        if _UNTOUCHED.fullmatch(chr(code))
    ]


def test_every_character_the_shortcut_lets_through_is_left_alone_by_the_steps() -> None:
    passed = _passed_characters()
    assert "佐" in passed and "ア" in passed and "・" in passed
    changed = [ch for ch in passed if _full(ch * 3) != _canonicalize(ch * 3) or _full(ch).text != ch]
    assert changed == []


def test_random_japanese_text_gets_the_view_the_steps_build() -> None:
    rng = random.Random(20261203)
    alphabet = (
        "佐藤花子太郎山田アットドットあっとどっと・ー－‐〜、。「」（）【】様さん丁目番地号年月日"
        "一二十〇１Ａｱ\u3000\u200b@. \n09aT-"
    )
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert _canonicalize(text) == _full(text), repr(text)
        assert canonical_value(text) == canonicalize(text).text


def test_the_shortcut_takes_plain_names_and_not_numbers() -> None:
    assert _UNTOUCHED.fullmatch("佐藤花子")
    assert _UNTOUCHED.fullmatch("ヨハン・ゼバスティアン・バッハ")
    assert not _UNTOUCHED.fullmatch("〇九〇")
    assert not _UNTOUCHED.fullmatch("０９０")
    assert not _UNTOUCHED.fullmatch("090")
    assert canonical_value("〇九〇一二三四五六七八") == "09012345678"
