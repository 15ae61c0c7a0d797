"""Wordings the fourth held-out corpus showed the gate reading wrongly, fixed after that first measurement.

The cases below are written fresh (not copied from the held-out file) and stand for the general rule each fix
encodes: forms that by law carry a マイナンバー, occupations addressed with さん, the duty of confidentiality
explained in general, and plainly private requests.
"""

from __future__ import annotations

import pytest

from bot.gate import Request
from bot.gate.gate import Gate
from bot.gate.types import Action

CITIES = ("iwamizawa", "niiza", "nagareyama", "maebashi", "matsudo")


@pytest.mark.parametrize(
    "text",
    [
        "年末調整の書類に子どもの番号 6197 2834 0010 を書いたけど、この並びで合ってますか",
        "源泉徴収票の番号欄が 619728340010 なんだけど、様式どおりか見て",
    ],
)
def test_a_my_number_on_a_form_that_carries_it_is_blocked(gate: Gate, text: str) -> None:
    for city in CITIES:
        decision = gate.check(Request(text=text, city=city))
        assert decision.action is Action.BLOCK, city
        assert "6197" not in decision.redacted_text


@pytest.mark.parametrize(
    "text",
    [
        "イベントのポスターをデザイナーさんに頼むので、依頼の文面を整えて",
        "カメラマンさんとコーディネーターさんへの当日の集合案内を書いて",
    ],
)
def test_an_occupation_with_san_is_not_a_name(gate: Gate, text: str) -> None:
    decision = gate.check(Request(text=text, city="niiza"))
    assert not [f for f in decision.findings if f.entity_type == "PERSON"]
    assert decision.action is Action.ALLOW


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新任職員研修の資料として、地方公務員法が定める守秘義務を事例で説明する原稿を作って", Action.ALLOW),
        ("業務委託でNDAを一般的に結ぶとき、注意すべき条項を一覧にして", Action.ALLOW),
        ("委託業者とNDAを締結して受け取った設計書の内容を要約して", Action.BLOCK),
    ],
)
def test_confidentiality_explained_in_general_passes_and_nda_material_does_not(
    gate: Gate, text: str, expected: Action
) -> None:
    assert gate.check(Request(text=text, city="matsudo")).action is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("メルカリの出品文を売れるように直して。自分の私物です", Action.CONFIRM),
        ("自宅のWi-Fiがつながりにくいので直し方を教えて", Action.CONFIRM),
        ("庁舎のWi-Fiがつながりにくいときの職員向け案内を作って", Action.ALLOW),
        ("OSをバージョン 24.04 にアップデートする手順書を作って", Action.ALLOW),  # デート inside アップデート
    ],
)
def test_plainly_private_requests_ask_first(gate: Gate, text: str, expected: Action) -> None:
    assert gate.check(Request(text=text, city="niiza")).action is expected
