"""adapters/wire_events.py on real httpx responses: the corners of both framings that the fake servers'
streams do not reach (multi-line data, comments, an event cut off, Bedrock frames without text)."""

from __future__ import annotations

import base64
import json

import httpx2
import pytest
from botocore.eventstream import ChecksumMismatch

from adapters.wire_events import WireEvent, aws_events, sse_events
from tests.fakes.llm_server import event_stream_message


def response(*pieces: bytes) -> httpx2.Response:
    async def body():
        for piece in pieces:
            yield piece

    return httpx2.Response(200, content=body())


async def events(stream) -> list[WireEvent]:
    return [event async for event in stream]


async def test_sse_fields_comments_and_a_cut_event():
    wire = response(
        b": keep-alive\n\n",
        b'event: content_block_delta\ndata: {"a":\n',
        b"data: 1}\n\nda",  # one event in two data lines; a line split between reads
        b"ta: [DONE]\r\n\r\n",
        b"data: cut off before its blank line",
    )
    got = await events(sse_events(wire))
    assert got == [WireEvent("content_block_delta", '{"a":\n1}'), WireEvent("message", "[DONE]")]
    assert got[0].json() == {"a": 1}
    with pytest.raises(ValueError):
        WireEvent("message", "{broken").json()


def chunk(event: dict) -> bytes:
    raw = base64.b64encode(json.dumps(event, ensure_ascii=False).encode()).decode()
    headers = {":event-type": "chunk", ":content-type": "application/json", ":message-type": "event"}
    return event_stream_message(headers, json.dumps({"bytes": raw}).encode())


async def test_aws_frames_split_anywhere_give_the_messages_events():
    delta = {"type": "content_block_delta", "delta": {"type": "text_delta", "text": "ご案内します"}}
    other = event_stream_message({":event-type": "metrics", ":message-type": "event"}, b"{}")
    wire = chunk({"type": "message_start"}) + other + chunk(delta)
    pieces = [wire[i : i + 7] for i in range(0, len(wire), 7)]  # frames and UTF-8 characters cut in pieces
    got = await events(aws_events(response(*pieces)))
    assert [e.json() for e in got] == [{"type": "message_start"}, delta]


async def test_aws_exception_frame_is_an_error_event():
    headers = {":exception-type": "throttlingException", ":message-type": "exception"}
    frame = event_stream_message(headers, json.dumps({"message": "Too many tokens"}).encode())
    [got] = await events(aws_events(response(frame)))
    assert got.event == "error"
    assert got.json() == {"type": "error", "error": {"type": "throttlingException", "message": "Too many tokens"}}


async def test_aws_frame_with_a_bad_checksum_is_refused():
    frame = chunk({"type": "message_start"})
    with pytest.raises(ChecksumMismatch):
        await events(aws_events(response(frame[:-4] + bytes(4))))
