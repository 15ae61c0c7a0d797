"""Reading an OpenAI Chat Completions request: the few fields the gateway uses, and its limits.

Only text is accepted (a string, or `text` parts of a content list); images, audio and tools are
refused with a Japanese 400 rather than silently dropped. Every other OpenAI field (temperature,
max_tokens, …) is accepted and ignored: the city's adapter settings decide how the model is called.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.gate.gate import MAX_PROMPT_CHARS
from bot.platforms.gateway import errors

MAX_BODY_BYTES = 1024 * 1024
MAX_MESSAGES = 100
MAX_TOTAL_CHARS = 60_000
ROLES = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant", "tool": "tool"}


@dataclass(frozen=True, slots=True)
class ClientMessage:
    role: str  # system / user / assistant / tool
    text: str


@dataclass(frozen=True, slots=True)
class ChatRequest:
    model: str
    messages: tuple[ClientMessage, ...]
    stream: bool
    include_usage: bool


def parse_json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise errors.bad_request("リクエストの本文がJSONとして読めません（UTF-8のJSONで送ってください）。") from exc
    if not isinstance(data, dict):
        raise errors.bad_request("リクエストの本文はJSONオブジェクト（{…}）にしてください。")
    return data


def parse_chat(body: bytes) -> ChatRequest:
    data = parse_json(body)
    model = data.get("model")
    if not isinstance(model, str) or not model.strip():
        raise errors.bad_request("model がありません。GET /v1/models で表示されるモデル名を指定してください。", "model")
    raw_messages = data.get("messages")
    if not isinstance(raw_messages, list) or not raw_messages:
        raise errors.bad_request("messages がありません。1件以上のメッセージを送ってください。", "messages")
    if len(raw_messages) > MAX_MESSAGES:
        raise errors.bad_request(
            f"メッセージが多すぎます（{len(raw_messages)}件）。{MAX_MESSAGES}件以内にしてください"
            "（会話が長い場合は新しい会話を始めてください）。",
            "messages",
            code="too_many_messages",
        )
    messages = tuple(_message(n, item) for n, item in enumerate(raw_messages))
    total = sum(len(m.text) for m in messages)
    if total > MAX_TOTAL_CHARS:
        raise errors.bad_request(
            f"メッセージの合計が長すぎます（{total:,}文字）。{MAX_TOTAL_CHARS:,}文字以内にしてください。",
            "messages",
            code="context_length_exceeded",
        )
    if messages[-1].role != "user" or not messages[-1].text.strip():
        raise errors.bad_request("最後のメッセージは、空でない user のメッセージにしてください。", "messages")
    stream = data.get("stream", False)
    if not isinstance(stream, bool):
        raise errors.bad_request("stream は true か false にしてください。", "stream")
    options = data.get("stream_options") or {}
    include_usage = bool(options.get("include_usage")) if isinstance(options, dict) else False
    return ChatRequest(model=model.strip(), messages=messages, stream=stream, include_usage=include_usage)


def _message(n: int, item: Any) -> ClientMessage:
    param = f"messages[{n}]"
    if not isinstance(item, dict):
        raise errors.bad_request(f"{param} は role と content を持つオブジェクトにしてください。", param)
    role = ROLES.get(str(item.get("role")))
    if role is None:
        raise errors.bad_request(
            f"{param} の role={item.get('role')!r} には対応していません（system / user / assistant のいずれか）。",
            param,
        )
    text = _text(item.get("content"), param)
    if len(text) > MAX_PROMPT_CHARS:
        raise errors.bad_request(
            f"{param} が長すぎます（{len(text):,}文字）。1件 {MAX_PROMPT_CHARS:,}文字以内に分けて送ってください。",
            param,
            code="context_length_exceeded",
        )
    return ClientMessage(role, text)


def _text(content: Any, param: str) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        pieces: list[str] = []
        for part in content:
            if isinstance(part, dict) and part.get("type") == "text" and isinstance(part.get("text"), str):
                pieces.append(part["text"])
            else:
                kind = part.get("type") if isinstance(part, dict) else type(part).__name__
                raise errors.bad_request(
                    f"{param} の {kind!r} には対応していません。このゲートが扱えるのは文字（text）だけです。", param
                )
        return "\n".join(pieces)
    raise errors.bad_request(f"{param} の content は文字列にしてください。", param)
