"""Properties over many inputs: the event-stream reader and the offline preview lose nothing."""

from __future__ import annotations

import asyncio

from hypothesis import given
from hypothesis import strategies as st

from adapters import ChatMessage, StreamLimits, collect
from adapters.http_sse import SSEEvent, iter_sse
from adapters.offline import PREVIEW_HEADER, OfflineAdapter, preview_section

# Event data may hold anything but line breaks inside one data line; multi-line data uses several lines.
line_text = st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=30)
events = st.lists(
    st.tuples(st.sampled_from(["", "message_start", "content_block_delta", "ping"]), st.lists(line_text, min_size=1)),
    max_size=8,
)


def serialise(evs: list[tuple[str, list[str]]]) -> list[str]:
    lines: list[str] = [": keep-alive comment"]
    for name, data_lines in evs:
        if name:
            lines.append(f"event: {name}")
        lines.extend(f"data: {d}" for d in data_lines)
        lines.append("")
    return lines


async def parse(lines: list[str]) -> list[SSEEvent]:
    async def source():
        for line in lines:
            yield line

    return [e async for e in iter_sse(source())]


@given(events)
def test_iter_sse_reads_back_what_was_written(evs):
    parsed = asyncio.run(parse(serialise(evs)))
    assert parsed == [SSEEvent(name or "message", "\n".join(data)) for name, data in evs]


@given(events)
def test_iter_sse_drops_an_event_cut_before_its_blank_line(evs):
    lines = [*serialise(evs), "event: content_block_delta", 'data: {"cut": tr']
    assert asyncio.run(parse(lines)) == asyncio.run(parse(serialise(evs)))


messages = st.lists(
    st.builds(ChatMessage, st.sampled_from(["system", "user", "assistant"]), st.text(max_size=40)), max_size=5
)


@given(messages)
def test_offline_preview_holds_every_message_verbatim_in_order(msgs):
    answer = asyncio.run(collect(OfflineAdapter(), msgs, limits=StreamLimits()))
    assert answer.text == "\n\n".join([PREVIEW_HEADER, *(preview_section(m) for m in msgs)])
    position = 0
    for m in msgs:
        position = answer.text.index(m.content, position)
