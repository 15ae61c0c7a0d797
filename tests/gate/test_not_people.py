"""Names that are not a person's personal data here: a character of a work or a foreign historical figure named
for a style or a quotation, and places that look like names (a branch office, a district, a river). Colleagues,
and creators written in kanji, stay masked."""

from __future__ import annotations

import pytest

from bot.gate.gate import Gate
from bot.gate.types import Request

UNMASKED = [
    ("「鬼滅の刃」の炭治郎のセリフ回しで、防災の呼びかけを", "炭治郎"),
    ("ハリー・ポッターの世界みたいな設定で、図書館イベントの紹介文", "ハリー・ポッター"),
    ("コナンの名ゼリフをもじって、防犯の標語を考えて", "コナン"),
    ("リンカーン大統領の名言を訓示で引用したい", "リンカーン"),
    ("映画「千と千尋の神隠し」の世界観で、銭湯のPR文を", "千尋"),
    ("北村支所の窓口時間の変更のお知らせを書いて", "北村"),
    ("江戸川、坂川の河川敷清掃の参加者募集文を", "坂川"),
    ("おおたかの森地区の人口推移を表にして", "おおたか"),
]
MASKED = [
    # a creator written in kanji is a person's name: masked (and the employee is asked) like anyone's
    ("夏目漱石っぽい文体で、新人職員の体験記を書いて", "夏目漱石"),
    ("芥川龍之介の作風をまねた短い話を、防犯啓発用に", "芥川龍之介"),
    ("田中さんの口調で課内メールを書いて", "田中"),
    ("申請者の佐藤花子さんから電話がありました", "佐藤花子"),
    ("相談者：鈴木一郎（坂川沿いに在住）", "鈴木一郎"),
]


@pytest.mark.parametrize(("text", "name"), UNMASKED)
def test_reference_or_place_is_not_masked(gate: Gate, text: str, name: str) -> None:
    decision = gate.check(Request(text=text, city="niiza", platform="test"))
    assert name in decision.redacted_text, decision.redacted_text


@pytest.mark.parametrize(("text", "name"), MASKED)
def test_people_stay_masked(gate: Gate, text: str, name: str) -> None:
    decision = gate.check(Request(text=text, city="niiza", platform="test"))
    assert name not in decision.redacted_text, decision.redacted_text
