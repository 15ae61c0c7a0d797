"""The output guard never cuts a streamed answer inside a number written over two lines."""

from __future__ import annotations

import pytest

from bot.conversation.output_guard import OutputGuard
from bot.gate.gate import Gate
from bot.gate.placeholders import PlaceholderBook

ANSWER = "承知しました。\n連絡先は090-1234\n5678です。\nカードは4111 1111\n1111 1111。\n以上です。\n"


async def _stream(gate: Gate, cuts: list[int]) -> str:
    guard = OutputGuard(gate, "niiza", PlaceholderBook(), interval_s=0.0)
    last = 0
    for cut in [*cuts, len(ANSWER)]:
        guard.add(ANSWER[last:cut])
        last = cut
        if guard.ready():
            await guard.release()
    await guard.release(everything=True)
    return guard.text


@pytest.mark.parametrize("step", [1, 3, 7, 11, 40])
async def test_a_number_over_two_lines_is_masked_however_the_stream_is_cut(gate: Gate, step: int) -> None:
    shown = await _stream(gate, list(range(step, len(ANSWER), step)))
    assert "5678" not in shown and "1234" not in shown and "4111" not in shown, shown
    assert shown == await _stream(gate, [])
