"""LLM adapters behind one async streaming protocol (see adapters/base.py).

Only text the gate let through reaches an adapter; an adapter never sees raw personal data.
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
