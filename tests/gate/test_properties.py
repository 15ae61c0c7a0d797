"""Properties of redaction that must hold for any prompt built from real-looking pieces."""

from __future__ import annotations

import itertools
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.gate import Request
from bot.gate.gate import Gate
from bot.gate.normalize import normalize_width
from bot.gate.placeholders import PLACEHOLDER_RE

PII = [
    "佐藤花子さん",
    "山田太郎様",
    "090-1234-5678",
    "０８０ー１２３４ー５６７８",
    "taro@example.jp",
    "ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ",
    "マイナンバー123456789018",
    "個人番号 1234 5678 9018",
    "昭和45年3月2日生まれ",
    "〒270-2252",
    "東京都新宿区西新宿2-8-1",
    "カード4111111111111111",
    "口座 普通 1234567",
    "パスワードはHogeFuga123",
    "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345",
    "パスポートTK1234567",
    "在留カードAB12345678CD",
]
FILLER = [
    "について",
    "の件で",
    "、",
    "。",
    "連絡してください",
    "から問い合わせがありました",
    "に通知する文を作って",
    "会議の議事録を要約して",
    "Excel関数を教えて",
    " ",
    "\n",
    "です",
    "を確認",
    "英訳して",
]
prompts = st.lists(st.sampled_from(PII + FILLER), min_size=1, max_size=8).map("".join).filter(str.strip)
CITIES = st.sampled_from(["iwamizawa", "niiza", "nagareyama", "maebashi", "matsudo"])
SETTINGS = settings(
    max_examples=int(os.environ.get("AIGATE_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(text=prompts, city=CITIES)
def test_no_detected_span_survives_in_the_redacted_text(gate: Gate, text: str, city: str) -> None:
    decision = gate.check(Request(text=text, city=city))
    for finding in decision.findings:
        value = text[finding.start : finding.end]
        if finding.masked and len(value) >= 4:
            assert value not in decision.redacted_text


@SETTINGS
@given(text=prompts, city=CITIES)
def test_redacting_twice_changes_nothing(gate: Gate, text: str, city: str) -> None:
    once = gate.check(Request(text=text, city=city)).redacted_text
    twice = gate.check(Request(text=once, city=city)).redacted_text
    assert twice == once


@SETTINGS
@given(text=prompts)
def test_offsets_line_up_with_the_original_after_width_normalisation(gate: Gate, text: str) -> None:
    normalized = normalize_width(text)
    for finding in gate.analyzer.analyze(text):
        assert 0 <= finding.start < finding.end <= len(text)
        assert normalize_width(text[finding.start : finding.end]) == normalized[finding.start : finding.end]


@SETTINGS
@given(text=prompts, city=CITIES)
def test_findings_do_not_overlap_and_placeholders_are_well_formed(gate: Gate, text: str, city: str) -> None:
    decision = gate.check(Request(text=text, city=city))
    spans = sorted((f.start, f.end) for f in decision.findings)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    masked = sum(1 for f in decision.findings if f.masked)
    assert len(PLACEHOLDER_RE.findall(decision.redacted_text)) == masked


def test_every_piece_of_personal_data_in_the_list_is_found(gate: Gate) -> None:
    for piece in PII:
        text = f"{piece}について確認してください"
        decision = gate.check(Request(text=text, city="niiza"))
        assert decision.masked_counts, piece
