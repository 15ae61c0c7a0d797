"""The longest prompt is a setting (AIGATE_MAX_PROMPT_CHARS through Settings), not read at import."""

from __future__ import annotations

import pytest

from bot.gate.gate import MAX_PROMPT_CHARS, Gate
from bot.gate.types import GateError, Request


def test_a_prompt_over_the_configured_length_is_refused_with_the_limit(gate: Gate) -> None:
    short = Gate(gate.analyzer, gate.policies, max_prompt_chars=20)  # the session's analyzer, no second load
    try:
        with pytest.raises(GateError) as refused:
            short.check(Request("議事録を要約してください。" * 3, city="niiza"))
        assert str(refused.value) == "入力が長すぎます（39文字）。20文字以内に分けて送ってください。"
        assert short.check(Request("議事録を要約してください。", city="niiza")).redacted_text
    finally:
        short.close()
    assert gate.max_prompt_chars == MAX_PROMPT_CHARS == 20_000
