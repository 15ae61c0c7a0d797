"""OpenAI's response objects: a whole chat completion, and the chunks of a streamed one."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any


def completion_id() -> str:
    return f"chatcmpl-aigate-{uuid.uuid4().hex[:24]}"


def usage(tokens_in: int | None, tokens_out: int | None) -> dict[str, int] | None:
    """OpenAI's usage object, only when the model reported both figures."""
    if tokens_in is None or tokens_out is None:
        return None
    return {"prompt_tokens": tokens_in, "completion_tokens": tokens_out, "total_tokens": tokens_in + tokens_out}


def completion(cid: str, model: str, content: str, finish_reason: str, tokens: dict[str, int] | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": cid,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        ],
    }
    if tokens is not None:
        body["usage"] = tokens
    return body


def chunk(
    cid: str,
    model: str,
    *,
    content: str | None = None,
    role: bool = False,
    finish_reason: str | None = None,
    tokens: dict[str, int] | None = None,
    no_choice: bool = False,
    extra: dict[str, Any] | None = None,
) -> bytes:
    delta: dict[str, Any] = {}
    if role:
        delta["role"] = "assistant"
    if content is not None:
        delta["content"] = content
    body: dict[str, Any] = {
        "id": cid,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": []
        if no_choice
        else [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
    }
    if tokens is not None:
        body["usage"] = tokens
    return sse({**body, **(extra or {})})


def sse(body: dict[str, Any]) -> bytes:
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()


DONE = b"data: [DONE]\n\n"
