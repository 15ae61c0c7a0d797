"""A recording fake LLM server speaking OpenAI Chat Completions or Anthropic Messages, streamed.

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
import contextlib
import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal

from aiohttp import web

Dialect = Literal["openai", "anthropic"]

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
    headers: dict[str, str]
    body: Any
    received_at: float  # time.monotonic()


class FakeLLMServer:
    def __init__(
        self,
        dialect: Dialect = "openai",
        *,
        default: Reply | None = None,
        respond: Callable[[Any], Reply] | None = None,
    ) -> None:
        if dialect not in ("openai", "anthropic"):
            raise ValueError(dialect)
        self.dialect = dialect
        self.default = default or Reply()
        self.respond = respond  # computes the reply from the request body when the queue is empty
        self.requests: list[RecordedRequest] = []
        self._queue: deque[Reply] = deque()
        self._stopping = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- life cycle -------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        if self.dialect == "openai":
            app.router.add_post("/v1/chat/completions", self._handle)
            app.router.add_post("/chat/completions", self._handle)
        else:
            app.router.add_post("/v1/messages", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.base_url

    async def stop(self) -> None:
        self._stopping.set()  # releases stalled handlers
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
        return f"{root}/v1" if self.dialect == "openai" else root

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
        self.requests.append(RecordedRequest(request.path, dict(request.headers), body, time.monotonic()))
        reply = self._next_reply(body)
        if reply.status != 200:
            return web.json_response(self._error_body(reply), status=reply.status, headers=reply.headers)
        if not isinstance(body, dict):
            return web.json_response(self._error_body(replace(reply, error_message="body is not JSON")), status=400)
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache", **reply.headers}
        )
        await response.prepare(request)
        with contextlib.suppress(ConnectionError):
            await self._stream(request, response, reply, body)
        return response

    async def _stream(self, request: web.Request, response: web.StreamResponse, reply: Reply, body: dict) -> None:
        model = reply.model or str(body.get("model", ""))
        input_tokens = reply.input_tokens
        if input_tokens is None:
            input_tokens = _count_chars(body)
        output_tokens = reply.output_tokens if reply.output_tokens is not None else len(reply.chunks)
        frames = _OpenAIFrames(model) if self.dialect == "openai" else _AnthropicFrames(model)
        usage_requested = self.dialect == "anthropic" or bool((body.get("stream_options") or {}).get("include_usage"))

        for frame in frames.opening(input_tokens if reply.send_usage else None):
            await _write(response, reply, frame)
        for n, chunk in enumerate(reply.chunks):
            if n == reply.stall_after:
                await self._wait_for_stop()
                return
            if n == reply.close_after:
                _drop_connection(request)
                return
            if n == reply.malformed_after:
                await response.write(b"data: {broken json\n\n")
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
            await self._wait_for_stop()
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
                await self._wait_for_stop()  # the answer is whole; only usage and the end marker are missing
                return
            await _write(response, reply, frame)
        await response.write_eof()

    async def _wait_for_stop(self) -> None:
        await self._stopping.wait()

    async def _stopped_during(self, seconds: float) -> bool:
        """Sleep like a slow model, but wake at once when the server stops."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)
        return self._stopping.is_set()

    def _error_body(self, reply: Reply) -> dict[str, Any]:
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

    def opening(self, input_tokens: int | None) -> list[bytes]:
        usage = {"input_tokens": input_tokens, "output_tokens": 1} if input_tokens is not None else {}
        return [
            _sse(
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
            _sse(
                {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
                "content_block_start",
            ),
            _sse({"type": "ping"}, "ping"),
        ]

    def text(self, chunk: str) -> bytes:
        return _sse(
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": chunk}},
            "content_block_delta",
        )

    def error(self, message: str) -> bytes:
        return _sse({"type": "error", "error": {"type": "overloaded_error", "message": message}}, "error")

    def closing(self, finish_reason: str, usage: tuple[int, int] | None) -> list[bytes]:
        delta_usage = {"output_tokens": usage[1]} if usage is not None else {}
        return [
            _sse({"type": "content_block_stop", "index": 0}, "content_block_stop"),
            _sse(
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
            _sse({"type": "message_stop"}, "message_stop"),
        ]


def main(argv: list[str] | None = None) -> None:
    """Run the fake model by hand, e.g. to try `python -m bot chat` against a "real" provider:

    python -m tests.fakes.llm_server --dialect openai --first-token-delay 0.5 --chunk-delay 0.02
    """
    import argparse

    parser = argparse.ArgumentParser(description="録画型の偽 LLM サーバー（OpenAI 互換 / Anthropic）")
    parser.add_argument("--dialect", choices=["openai", "anthropic"], default="openai")
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
