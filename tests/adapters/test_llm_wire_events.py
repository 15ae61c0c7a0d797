"""adapters/wire_events.py on real httpx responses: the corners of both framings that the fake servers'
streams do not reach (multi-line data, comments, an event cut off, Bedrock frames without text)."""

from __future__ import annotations

import base64
import json
import struct
import zlib

import httpx2
import pytest
from botocore.eventstream import EventStreamBuffer

from adapters.wire_events import FrameError, WireEvent, _next_frame, aws_events, sse_events
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


@pytest.mark.parametrize("broken", ["message checksum", "prelude checksum", "length"])
async def test_aws_frame_that_is_not_one_is_refused(broken):
    frame = bytearray(chunk({"type": "message_start"}))
    if broken == "message checksum":
        frame[-1] ^= 1
    elif broken == "prelude checksum":
        frame[9] ^= 1
    else:  # a total length past the format's limit, with a prelude checksum that matches it
        frame[:12] = struct.pack(">II", 1 << 31, 0) + struct.pack(">I", zlib.crc32(struct.pack(">II", 1 << 31, 0)))
    with pytest.raises(FrameError):
        await events(aws_events(response(bytes(frame))))


def test_aws_frames_read_as_botocore_reads_them():
    """The same headers (every type the format has) and payload as botocore's own parser finds."""
    headers = (
        b"\x05:bool\x00"
        + b"\x02:b\x02\xfe"
        + b"\x02:h\x03"
        + struct.pack(">h", -300)
        + b"\x02:i\x04"
        + struct.pack(">i", 70000)
        + b"\x02:l\x05"
        + struct.pack(">q", -(2**40))
        + b"\x05:blob\x06\x00\x03abc"
        + b"\x05:name\x07\x00\x06"
        + "名前".encode()
        + b"\x03:ts\x08"
        + struct.pack(">q", 1_700_000_000_000)
        + b"\x05:uuid\x09"
        + bytes(range(16))
    )
    payload = "ペイロード".encode()
    prelude = struct.pack(">II", 16 + len(headers) + len(payload), len(headers))
    message = prelude + struct.pack(">I", zlib.crc32(prelude)) + headers + payload
    message += struct.pack(">I", zlib.crc32(message))

    theirs = EventStreamBuffer()
    theirs.add_data(message)
    [expected] = list(theirs)
    ours = _next_frame(message)
    assert ours is not None
    assert ours[1] == expected.payload and ours[2] == len(message)
    assert ours[0][":name"] == expected.headers[":name"] == "名前"
    assert ours[0][":blob"] == expected.headers[":blob"] == b"abc"
    for name in (":bool", ":b", ":h", ":i", ":l"):
        assert ours[0][name] == expected.headers[name], name
    assert ours[0][":ts"] == 1_700_000_000_000  # botocore turns it into a datetime
    assert ours[0][":uuid"] == bytes(range(16)) == expected.headers[":uuid"]
    assert _next_frame(message[:-1]) is None  # not whole yet
