"""LLM adapters behind one async streaming protocol (see adapters/base.py).

Only text the gate let through reaches an adapter; an adapter never sees raw personal data.

    adapter = build_adapter()            # from LLM_PROVIDER / LLM_MODEL / …; offline by default
    answer = await collect(adapter, [ChatMessage("user", redacted_text)], limits=limits_from_env())
    answer.text, answer.end.model, answer.end.partial, answer.end.error  # error.message is Japanese

Providers: offline, openai (any OpenAI-compatible server), azure (Azure OpenAI deployments),
anthropic, bedrock (Claude on Amazon Bedrock), vertex (Claude on Google Vertex AI), all but
offline through the official `openai` and `anthropic` SDKs.

Adding a provider: write `adapters/<name>.py` with a class satisfying `LLMAdapter` and a
`from_env(env)` that raises `LLMConfigError` (Japanese) for bad settings (adapters/env.py has the
readers); add one line to `registry.PROVIDERS`. An SDK adapter (adapters/sdk_stream.py) only
describes one attempt (the request, how to read the SDK's events into `TextDelta`/`Progress`);
`streaming.stream_with_limits` owns the time limits, the retries and the final `StreamEnd`, and
`failures.translate` turns SDK exceptions into typed errors. Test it against
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
