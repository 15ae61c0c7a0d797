"""LLM adapters behind one async streaming protocol (see adapters/base.py).

Only text the gate let through reaches an adapter; an adapter never sees raw personal data.

    adapter = build_adapter()            # from LLM_PROVIDER / LLM_MODEL / …; offline by default
    answer = await collect(adapter, [ChatMessage("user", redacted_text)], limits=limits_from_env())
    answer.text, answer.end.model, answer.end.partial, answer.end.error  # error.message is Japanese

Adding a provider: write `adapters/<name>.py` with a class satisfying `LLMAdapter` and a
`from_env(env)` that raises `LLMConfigError` (Japanese) for bad settings; add one line to
`registry.PROVIDERS`. A network adapter only describes one attempt (request body, how to read the
provider's events into `TextDelta`/`Progress`) and hands it to `streaming.stream_with_limits`,
which owns the time limits, the retries and the final `StreamEnd`; `http_sse.post_sse` does the
HTTP, the event-stream parsing and the status-to-error mapping. Test it against
`tests/fakes/llm_server.py` (add a dialect there if the wire format is new).
"""

from adapters.base import (
    Answer,
    ChatMessage,
    LLMAdapter,
    RetryPolicy,
    StreamEnd,
    StreamEvent,
    StreamLimits,
    TextDelta,
    collect,
)
from adapters.errors import (
    LLMAnswerTruncated,
    LLMAuthError,
    LLMBadRequest,
    LLMConfigError,
    LLMConnectionLost,
    LLMContentFiltered,
    LLMError,
    LLMProtocolError,
    LLMRateLimited,
    LLMTimeout,
    LLMUnavailable,
)
from adapters.registry import build_adapter, limits_from_env

__all__ = [
    "Answer",
    "ChatMessage",
    "LLMAdapter",
    "LLMAnswerTruncated",
    "LLMAuthError",
    "LLMBadRequest",
    "LLMConfigError",
    "LLMConnectionLost",
    "LLMContentFiltered",
    "LLMError",
    "LLMProtocolError",
    "LLMRateLimited",
    "LLMTimeout",
    "LLMUnavailable",
    "RetryPolicy",
    "StreamEnd",
    "StreamEvent",
    "StreamLimits",
    "TextDelta",
    "build_adapter",
    "collect",
    "limits_from_env",
]
