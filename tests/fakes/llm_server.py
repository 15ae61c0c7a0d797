"""A recording fake LLM server speaking every wire protocol the official SDKs speak, streamed:

- "openai": OpenAI Chat Completions (POST /v1/chat/completions, server-sent events),
- "azure": Azure OpenAI's deployment form (POST /openai/deployments/{deployment}/chat/completions
  ?api-version=…; refused without api-version, as Azure does), with Azure's first chunk that holds
  only prompt_filter_results,
- "anthropic": Anthropic Messages (POST /v1/messages, server-sent events),
- "bedrock": Amazon Bedrock's POST /model/{modelId}/invoke-with-response-stream, answered in AWS
  event-stream binary frames whose JSON payload carries each Messages event base64-encoded in
  `bytes`; errors as Bedrock sends them (x-amzn-ErrorType, `exception` frames),
- "vertex": Google Vertex AI's POST /projects/{p}/locations/{r}/publishers/anthropic/models/{m}
  :streamRawPredict, answered with Anthropic's server-sent events; errors in Google's shape.

Real HTTP on 127.0.0.1 (port 0), so adapters are tested through their real network code. Every
request body is recorded, which is how tests prove what a model received (only redacted text).
Each request takes the next scripted `Reply` from the queue, or the server's default reply:

    server = FakeLLMServer("openai", default=Reply.text("回答です。", first_token_delay=0.2, chunk_delay=0.01))
    await server.start()
    ...  # point OPENAI_BASE_URL at server.base_url
    server.enqueue(Reply.status(429, retry_after=1), Reply.text("了解しました。"))
    assert server.requests[-1].body["messages"][-1]["content"] == "…【氏名1】…"
    await server.stop()

Faults: an HTTP status with Retry-After, a slow first token, a stall or a dropped connection after
N chunks, a malformed event after N chunks, a body that ends without the end marker, an error event.
The fixed latencies (`first_token_delay`, `chunk_delay`) make it the "model" of the latency benchmark.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import struct
import time
import zlib
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal

from aiohttp import web

Dialect = Literal["openai", "azure", "anthropic", "bedrock", "vertex"]
DIALECTS: tuple[str, ...] = ("openai", "azure", "anthropic", "bedrock", "vertex")

# Key-shaped strings for tests that prove keys are sent where they belong and nowhere else.
FAKE_OPENAI_KEY = "sk-test-openai-0123456789abcdef"
FAKE_ANTHROPIC_KEY = "sk-ant-test-0123456789abcdef"


@dataclass(frozen=True)
class Reply:
    """One scripted response. With `status` != 200 the body is an error in the dialect's shape."""

    chunks: tuple[str, ...] = ("こんにちは。", "ご質問の件について", "回答します。")
    model: str | None = None  # reported model; None: the requested one
    input_tokens: int | None = None  # None: the number of characters in all messages
    output_tokens: int | None = None  # None: the number of chunks
    send_usage: bool = True
    finish_reason: str = "stop"  # OpenAI vocabulary; mapped for Anthropic (length → max_tokens)
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    error_message: str = "fake error"
    first_token_delay: float = 0.0  # after the headers (and OpenAI's role chunk), before the first text
    chunk_delay: float = 0.0  # before each later chunk
    stall_after: int | None = None  # stop sending after N text chunks, keep the connection open
    close_after: int | None = None  # drop the TCP connection after N text chunks
    malformed_after: int | None = None  # send a `data:` line that is not JSON after N text chunks
    error_event_after: int | None = None  # send an in-stream error event after N text chunks
    end_without_marker: bool = False  # end the body cleanly but with no finish reason / [DONE] / message_stop
    write_size: int | None = None  # write every frame in pieces of this many bytes (splits UTF-8 characters)
    stall_after_finish: bool = False  # send the finish reason, then stall before usage and the end marker
    end_delay: float = 0.0  # after the end marker, before the end of the body (the last chunk of HTTP/1.1)

    @classmethod
    def text(cls, answer: str, *, chunk_size: int = 8, **kwargs: Any) -> Reply:
        chunks = tuple(answer[i : i + chunk_size] for i in range(0, len(answer), chunk_size)) or ("",)
        return cls(chunks=chunks, **kwargs)

    @classmethod
    def status_code(
        cls,
        status: int,
        *,
        retry_after: float | str | None = None,
        message: str = "fake error",
        headers: dict[str, str] | None = None,
    ) -> Reply:
        all_headers = dict(headers or {})
        if retry_after is not None:
            all_headers["Retry-After"] = str(retry_after)
        return cls(status=status, headers=all_headers, error_message=message)

    @property
    def answer(self) -> str:
        return "".join(self.chunks)


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    headers: Mapping[str, str]  # case-insensitive, as HTTP headers are: clients differ in how they spell them
    body: Any
    received_at: float  # time.monotonic()
    query: dict[str, str] = field(default_factory=dict)
    model: str = ""  # from the body, or from the path (azure deployment, bedrock, vertex)
    connection: str = ""  # the client's address and port: one per TCP connection, so reuse shows


class FakeLLMServer:
    def __init__(
        self,
        dialect: Dialect = "openai",
        *,
        default: Reply | None = None,
        respond: Callable[[Any], Reply] | None = None,
        models: set[str] | None = None,
    ) -> None:
        if dialect not in DIALECTS:
            raise ValueError(dialect)
        self.dialect = dialect
        self.models = models  # when set, any other model (deployment) gets the dialect's 404
        self.default = default or Reply()
        self.respond = respond  # computes the reply from the request body when the queue is empty
        self.requests: list[RecordedRequest] = []
        self.hung_up = 0  # stalled streams whose client closed the connection (cancel, limit)
        self._queue: deque[Reply] = deque()
        self._stopping = asyncio.Event()
        self._sleepers: set[asyncio.Future[None]] = set()  # slow-model waits, woken early by stop()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- life cycle -------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        if self.dialect == "openai":
            app.router.add_post("/v1/chat/completions", self._handle)
            app.router.add_post("/chat/completions", self._handle)
        elif self.dialect == "azure":
            app.router.add_post("/openai/deployments/{model}/chat/completions", self._handle)
        elif self.dialect == "anthropic":
            app.router.add_post("/v1/messages", self._handle)
        elif self.dialect == "bedrock":
            app.router.add_post("/model/{model}/invoke-with-response-stream", self._handle)
        else:
            vertex = "/v1/projects/{project}/locations/{region}/publishers/anthropic/models/{tail}"
            app.router.add_post(vertex, self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.base_url

    async def stop(self) -> None:
        self._stopping.set()  # releases stalled handlers
        for sleeper in self._sleepers:
            if not sleeper.done():
                sleeper.set_result(None)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeLLMServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        root = f"http://127.0.0.1:{self.port}"
        return f"{root}/v1" if self.dialect in ("openai", "vertex") else root

    # -- scripting --------------------------------------------------------------------------
    def enqueue(self, *replies: Reply) -> None:
        self._queue.extend(replies)

    def bodies(self) -> list[Any]:
        return [r.body for r in self.requests]

    def _next_reply(self, body: Any) -> Reply:
        if self._queue:
            return self._queue.popleft()
        if self.respond is not None:
            return self.respond(body)
        return self.default

    # -- HTTP -------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = raw.decode("utf-8", "replace")
        model = request.match_info.get("model", "")
        if self.dialect == "vertex":
            model, _, verb = request.match_info["tail"].partition(":")
            if verb != "streamRawPredict":
                return web.json_response(self._error_body(Reply.status_code(404, message=verb)), status=404)
        elif not model and isinstance(body, dict):
            model = str(body.get("model", ""))
        peer = request.transport.get_extra_info("peername") if request.transport else None
        self.requests.append(
            RecordedRequest(
                request.path,
                request.headers.copy(),
                body,
                time.monotonic(),
                dict(request.query),
                model,
                connection=f"{peer[0]}:{peer[1]}" if peer else "",
            )
        )
        if self.dialect == "azure" and "api-version" not in request.query:
            reply = Reply.status_code(404, message="Resource not found (api-version is missing)")
        elif self.models is not None and model not in self.models:
            reply = Reply.status_code(404, message=f"The model {model} does not exist")
        else:
            reply = self._next_reply(body)
        if reply.status != 200:
            return web.json_response(
                self._error_body(reply), status=reply.status, headers={**self._error_headers(reply), **reply.headers}
            )
        if not isinstance(body, dict):
            return web.json_response(self._error_body(replace(reply, error_message="body is not JSON")), status=400)
        content_type = "application/vnd.amazon.eventstream" if self.dialect == "bedrock" else "text/event-stream"
        response = web.StreamResponse(
            headers={"Content-Type": content_type, "Cache-Control": "no-cache", **reply.headers}
        )
        await response.prepare(request)
        with contextlib.suppress(ConnectionError):
            await self._stream(request, response, reply, body, model)
        return response

    async def _stream(
        self, request: web.Request, response: web.StreamResponse, reply: Reply, body: dict, requested: str
    ) -> None:
        model = reply.model or requested
        input_tokens = reply.input_tokens
        if input_tokens is None:
            input_tokens = _count_chars(body)
        output_tokens = reply.output_tokens if reply.output_tokens is not None else len(reply.chunks)
        frames = {
            "openai": _OpenAIFrames,
            "azure": _AzureFrames,
            "bedrock": _BedrockFrames,
        }.get(self.dialect, _AnthropicFrames)(model)
        usage_requested = not isinstance(frames, _OpenAIFrames) or bool(
            (body.get("stream_options") or {}).get("include_usage")
        )

        for frame in frames.opening(input_tokens if reply.send_usage else None):
            await _write(response, reply, frame)
        for n, chunk in enumerate(reply.chunks):
            if n == reply.stall_after:
                await self._wait_for_stop(request)
                return
            if n == reply.close_after:
                _drop_connection(request)
                return
            if n == reply.malformed_after:
                await response.write(frames.malformed())
                return
            if n == reply.error_event_after:
                await _write(response, reply, frames.error(reply.error_message))
                return
            delay = reply.first_token_delay if n == 0 else reply.chunk_delay
            if delay and await self._stopped_during(delay):
                return
            await _write(response, reply, frames.text(chunk))
        after = len(reply.chunks)
        if reply.stall_after is not None and reply.stall_after >= after:
            await self._wait_for_stop(request)
            return
        if reply.close_after is not None and reply.close_after >= after:
            _drop_connection(request)
            return
        if reply.end_without_marker:
            await response.write_eof()
            return
        usage = (input_tokens, output_tokens) if reply.send_usage and usage_requested else None
        for n, frame in enumerate(frames.closing(reply.finish_reason, usage)):
            if reply.stall_after_finish and n == frames.after_finish:
                await self._wait_for_stop(request)  # the answer is whole; only usage and the end marker are missing
                return
            await _write(response, reply, frame)
        if reply.end_delay and await self._stopped_during(reply.end_delay):
            return
        await response.write_eof()

    async def _wait_for_stop(self, request: web.Request) -> None:
        """Stall like a hung model until the server stops; note it when the client hangs up meanwhile."""
        while not self._stopping.is_set():
            transport = request.transport
            if transport is None or transport.is_closing():
                self.hung_up += 1
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), 0.02)

    async def _stopped_during(self, seconds: float) -> bool:
        """Sleep like a slow model, but wake at once when the server stops.

        As cheap as `asyncio.sleep` (one future, one timer): at 50 streams the benchmark's model
        sleeps 5,000 times a second, and `wait_for` would cost a task each time.
        """
        if self._stopping.is_set():
            return True
        sleeper = asyncio.get_running_loop().create_future()
        timer = asyncio.get_running_loop().call_later(seconds, _wake, sleeper)
        self._sleepers.add(sleeper)
        try:
            await sleeper
        finally:
            timer.cancel()
            self._sleepers.discard(sleeper)
        return self._stopping.is_set()

    def _error_headers(self, reply: Reply) -> dict[str, str]:
        if self.dialect != "bedrock":
            return {}
        fallback = "InternalServerException" if reply.status >= 500 else "ValidationException"
        kind = _BEDROCK_ERRORS.get(reply.status, fallback)
        return {"x-amzn-ErrorType": f"{kind}:http://internal.amazon.com/coral/com.amazon.bedrock/"}

    def _error_body(self, reply: Reply) -> dict[str, Any]:
        if self.dialect == "bedrock":
            return {"message": reply.error_message}
        if self.dialect == "vertex":
            status = _GOOGLE_STATUS.get(reply.status, "INTERNAL" if reply.status >= 500 else "INVALID_ARGUMENT")
            return {"error": {"code": reply.status, "message": reply.error_message, "status": status}}
        if self.dialect == "anthropic":
            kind = {
                429: "rate_limit_error",
                529: "overloaded_error",
                401: "authentication_error",
                404: "not_found_error",
            }.get(reply.status, "api_error" if reply.status >= 500 else "invalid_request_error")
            return {"type": "error", "error": {"type": kind, "message": reply.error_message}}
        kind = (
            "rate_limit_exceeded"
            if reply.status == 429
            else "server_error"
            if reply.status >= 500
            else ("invalid_request_error")
        )
        return {"error": {"message": reply.error_message, "type": kind, "param": None, "code": None}}


def _count_chars(body: dict) -> int:
    total = len(body.get("system") or "") if isinstance(body.get("system"), str) else 0
    for message in body.get("messages") or []:
        content = message.get("content")
        if isinstance(content, str):
            total += len(content)
    return total


async def _write(response: web.StreamResponse, reply: Reply, frame: bytes) -> None:
    if not reply.write_size:
        await response.write(frame)
        return
    for i in range(0, len(frame), reply.write_size):
        await response.write(frame[i : i + reply.write_size])
        await asyncio.sleep(0)  # let each piece leave as its own TCP segment


def _wake(sleeper: asyncio.Future[None]) -> None:
    if not sleeper.done():
        sleeper.set_result(None)


def _drop_connection(request: web.Request) -> None:
    transport = request.transport
    if transport is not None:
        transport.abort()  # RST, no final chunk: the client sees the body cut mid-stream


def _sse(data: Any, event: str | None = None) -> bytes:
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {payload}\n\n".encode()


class _OpenAIFrames:
    after_finish = 1  # index in closing(): the finish-reason chunk comes first

    def __init__(self, model: str) -> None:
        self.model = model
        self.created = int(time.time())

    def _chunk(self, delta: dict[str, Any], finish_reason: str | None = None) -> bytes:
        return _sse(
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": self.created,
                "model": self.model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
            }
        )

    def opening(self, input_tokens: int | None) -> list[bytes]:
        return [self._chunk({"role": "assistant", "content": ""})]

    def text(self, chunk: str) -> bytes:
        return self._chunk({"content": chunk})

    def error(self, message: str) -> bytes:
        return _sse({"error": {"message": message, "type": "server_error"}})

    def malformed(self) -> bytes:
        return b"data: {broken json\n\n"

    def closing(self, finish_reason: str, usage: tuple[int, int] | None) -> list[bytes]:
        frames = [self._chunk({}, finish_reason)]
        if usage is not None:
            frames.append(
                _sse(
                    {
                        "id": "chatcmpl-fake",
                        "object": "chat.completion.chunk",
                        "created": self.created,
                        "model": self.model,
                        "choices": [],
                        "usage": {
                            "prompt_tokens": usage[0],
                            "completion_tokens": usage[1],
                            "total_tokens": usage[0] + usage[1],
                        },
                    }
                )
            )
        frames.append(_sse("[DONE]"))
        return frames


class _AnthropicFrames:
    after_finish = 2  # index in closing(): content_block_stop, then message_delta with the stop reason
    STOP_REASONS: ClassVar[dict[str, str]] = {"stop": "end_turn", "length": "max_tokens", "content_filter": "refusal"}

    def __init__(self, model: str) -> None:
        self.model = model

    def encode(self, data: Any, event: str) -> bytes:
        return _sse(data, event)

    def opening(self, input_tokens: int | None) -> list[bytes]:
        usage = {"input_tokens": input_tokens, "output_tokens": 1} if input_tokens is not None else {}
        return [
            self.encode(
                {
                    "type": "message_start",
                    "message": {
                        "id": "msg_fake",
                        "type": "message",
                        "role": "assistant",
                        "content": [],
                        "model": self.model,
                        "stop_reason": None,
                        "stop_sequence": None,
                        "usage": usage,
                    },
                },
                "message_start",
            ),
            self.encode(
                {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
                "content_block_start",
            ),
            self.encode({"type": "ping"}, "ping"),
        ]

    def text(self, chunk: str) -> bytes:
        return self.encode(
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": chunk}},
            "content_block_delta",
        )

    def error(self, message: str) -> bytes:
        return self.encode({"type": "error", "error": {"type": "overloaded_error", "message": message}}, "error")

    def malformed(self) -> bytes:
        return b"event: content_block_delta\ndata: {broken json\n\n"

    def closing(self, finish_reason: str, usage: tuple[int, int] | None) -> list[bytes]:
        delta_usage = {"output_tokens": usage[1]} if usage is not None else {}
        return [
            self.encode({"type": "content_block_stop", "index": 0}, "content_block_stop"),
            self.encode(
                {
                    "type": "message_delta",
                    "delta": {
                        "stop_reason": self.STOP_REASONS.get(finish_reason, finish_reason),
                        "stop_sequence": None,
                    },
                    "usage": delta_usage,
                },
                "message_delta",
            ),
            self.encode({"type": "message_stop"}, "message_stop"),
        ]


class _AzureFrames(_OpenAIFrames):
    """Azure's stream: first a chunk with no choices and the prompt's content-filter results."""

    def opening(self, input_tokens: int | None) -> list[bytes]:
        filters = {"hate": {"filtered": False, "severity": "safe"}, "violence": {"filtered": False, "severity": "safe"}}
        first = _sse(
            {
                "id": "",
                "object": "",
                "created": 0,
                "model": "",
                "choices": [],
                "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": filters}],
            }
        )
        return [first, *super().opening(input_tokens)]


_BEDROCK_ERRORS = {
    429: "ThrottlingException",
    400: "ValidationException",
    403: "AccessDeniedException",
    401: "UnrecognizedClientException",
    404: "ResourceNotFoundException",
    503: "ServiceUnavailableException",
    529: "ServiceUnavailableException",
}
_GOOGLE_STATUS = {
    429: "RESOURCE_EXHAUSTED",
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    503: "UNAVAILABLE",
}


def event_stream_message(headers: dict[str, str], payload: bytes) -> bytes:
    """One AWS event-stream message: prelude (total and header lengths, CRC32), string headers, payload, CRC32."""
    encoded = b"".join(
        len(name).to_bytes(1, "big") + name.encode() + b"\x07" + len(value.encode()).to_bytes(2, "big") + value.encode()
        for name, value in headers.items()
    )
    prelude = struct.pack(">II", 12 + len(encoded) + len(payload) + 4, len(encoded))
    message = prelude + struct.pack(">I", zlib.crc32(prelude)) + encoded + payload
    return message + struct.pack(">I", zlib.crc32(message))


class _BedrockFrames(_AnthropicFrames):
    """The Messages events, each base64-encoded in the `bytes` of an event-stream `chunk` event."""

    def encode(self, data: Any, event: str) -> bytes:
        raw = json.dumps(data, ensure_ascii=False).encode()
        payload = json.dumps({"bytes": base64.b64encode(raw).decode(), "p": "abcdefgh"}).encode()
        headers = {":event-type": "chunk", ":content-type": "application/json", ":message-type": "event"}
        return event_stream_message(headers, payload)

    def error(self, message: str) -> bytes:
        headers = {
            ":exception-type": "serviceUnavailableException",
            ":content-type": "application/json",
            ":message-type": "exception",
        }
        return event_stream_message(headers, json.dumps({"message": message}).encode())

    def malformed(self) -> bytes:
        good = self.text("壊れた")
        return good[:-4] + bytes(4)  # a frame whose checksum does not match


def main(argv: list[str] | None = None) -> None:
    """Run the fake model by hand, e.g. to try `python -m bot chat` against a "real" provider:

    python -m tests.fakes.llm_server --dialect openai --first-token-delay 0.5 --chunk-delay 0.02
    """
    import argparse

    parser = argparse.ArgumentParser(description="録画型の偽 LLM サーバー（OpenAI・Azure・Anthropic・Bedrock・Vertex）")
    parser.add_argument("--dialect", choices=DIALECTS, default="openai")
    parser.add_argument("--answer", default="これは偽の生成AIサーバーからの回答です。")
    parser.add_argument("--chunk-size", type=int, default=4)
    parser.add_argument("--first-token-delay", type=float, default=0.0)
    parser.add_argument("--chunk-delay", type=float, default=0.0)
    args = parser.parse_args(argv)
    reply = Reply.text(
        args.answer,
        chunk_size=args.chunk_size,
        first_token_delay=args.first_token_delay,
        chunk_delay=args.chunk_delay,
    )

    async def serve() -> None:
        async with FakeLLMServer(args.dialect, default=reply) as server:
            print(f"偽の {args.dialect} サーバー: {server.base_url}  （Ctrl+C で終了）", flush=True)
            await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())


if __name__ == "__main__":
    main()
