"""The events of a streamed answer, read from the SDK's HTTP response with public APIs only.

The SDK sends the request (key, Entra ID token, SigV4, Google OAuth, paths, status errors) and
hands back an `AsyncStream`; its public `response` is the httpx response, still unread. Its typed
iteration would build a pydantic model of every chunk (about 0.3 ms of CPU each, 10 ms per answer of
30 chunks) for fields we read three of, and the SDKs have no public way to get the decoded events
without that (only the private `AsyncStream._iter_events`). So the two framings are read here:

- server-sent events (OpenAI, Azure, Anthropic, Vertex), per the WHATWG rules, from
  `response.aiter_lines()` — the same CPU per chunk as the SDKs' own decoder (measured);
- AWS event-stream frames (Bedrock), with botocore's `EventStreamBuffer` (prelude, headers and both
  CRC32 checked), whose `chunk` events carry a Messages event base64-encoded in `bytes`. Reading the
  payload directly skips botocore's shape-driven parser, which the SDK's decoder runs per frame and
  which cost more than everything else of a Bedrock answer together (bench/adapter_overhead.py).
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class WireEvent:
    event: str  # the SSE event name, "message" when the server named none; "error" for a Bedrock exception
    data: str

    def json(self) -> Any:
        """The data as JSON; ValueError when it is not (the adapters report a protocol error)."""
        return json.loads(self.data)


async def sse_events(response: Any) -> AsyncIterator[WireEvent]:
    """Server-sent events: `field: value` lines, a blank line dispatches; an event cut off before its
    blank line (the stream broke inside it) is not dispatched."""
    event = ""
    data: list[str] = []
    async for line in response.aiter_lines():
        if not line:
            if data:
                yield WireEvent(event or "message", "\n".join(data))
            event, data = "", []
            continue
        if line.startswith(":"):
            continue  # comment / keep-alive
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            data.append(value)
        elif name == "event":
            event = value


async def aws_events(response: Any) -> AsyncIterator[WireEvent]:
    """Bedrock's invoke-with-response-stream frames as Messages events (`exception` frames as `error`).

    A frame whose checksum does not match raises botocore's ChecksumMismatch (a protocol error).
    """
    from botocore.eventstream import EventStreamBuffer  # the `bedrock` extra

    frames = EventStreamBuffer()
    async for chunk in response.aiter_bytes():
        frames.add_data(chunk)
        for frame in frames:
            headers = frame.headers
            kind = headers.get(":message-type")
            if kind == "event":
                payload = json.loads(frame.payload) if headers.get(":event-type") == "chunk" else None
                if isinstance(payload, dict) and payload.get("bytes"):
                    yield WireEvent("message", base64.b64decode(payload["bytes"]).decode())
            elif kind in ("exception", "error"):
                yield _aws_error(headers, frame.payload)


def _aws_error(headers: dict[str, Any], payload: bytes) -> WireEvent:
    """An `exception` frame (throttlingException, modelStreamErrorException …) in the shape of
    Anthropic's `error` event, as the SDK's own decoder turns it."""
    code = headers.get(":exception-type") or headers.get(":error-code") or "error"
    try:
        body = json.loads(payload)
    except ValueError:
        body = None
    message = body.get("message") if isinstance(body, dict) else None
    message = message or headers.get(":error-message") or payload.decode("utf-8", "replace")
    error = {"type": "error", "error": {"type": code, "message": message}}
    return WireEvent("error", json.dumps(error, ensure_ascii=False))
