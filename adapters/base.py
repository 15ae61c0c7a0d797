"""The one protocol every LLM adapter speaks, and the values that cross it.

An adapter receives only what the gate let through (already redacted) and streams back events:
any number of `TextDelta`, then exactly one `StreamEnd`. Provider failures never escape as
exceptions from the iterator; they arrive as `StreamEnd.error`, a typed `LLMError` carrying the
Japanese sentence for the employee. That way a caller has one loop and always learns which model
answered (for 「この回答は【model】により作成」) and whether the text it showed is whole or partial.

    async for event in adapter.stream(messages, limits=StreamLimits()):
        if isinstance(event, TextDelta):
            show(event.text)
        else:  # StreamEnd
            finish(model=event.model, partial=event.partial, error=event.error)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from adapters.errors import LLMError

Role = Literal["system", "user", "assistant"]
ROLES: tuple[Role, ...] = ("system", "user", "assistant")


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: Role
    content: str

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {self.role!r}")
        if not isinstance(self.content, str):
            raise TypeError("content must be str")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retries on 429 and 5xx, only before the first token so no text is ever shown twice.

    The delay is exponential with full jitter (`uniform(0, min(max_delay, base_delay * 2**n))`);
    a Retry-After from the provider is honoured as the lower bound. A wait that would pass the
    first-token limit is not started: the caller gets the error at once instead.
    """

    max_attempts: int = 3
    base_delay_s: float = 0.5
    max_delay_s: float = 8.0


@dataclass(frozen=True, slots=True)
class StreamLimits:
    """Three separate limits; on any of them the stream ends with `LLMTimeout`, never hangs.

    - first_token_s: from the call until the first text arrives (connection, retries and waiting
      included, because that is what the employee waits through),
    - idle_s: the longest gap between two chunks once text is flowing,
    - total_s: the whole answer.
    """

    first_token_s: float = 30.0
    idle_s: float = 20.0
    total_s: float = 180.0
    max_output_tokens: int | None = None  # LLM_MAX_TOKENS; None: the provider's default (Claude: 4096)
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    def __post_init__(self) -> None:
        for name in ("first_token_s", "idle_s", "total_s"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of the answer, in order. Never repeated, never empty."""

    text: str


@dataclass(frozen=True, slots=True)
class StreamEnd:
    """The last event of every stream.

    - model: the model that actually answered, as the provider reported it (else the configured one),
    - complete: the model finished its answer normally,
    - partial: some text was streamed but the answer is not whole (cut by a limit, a lost
      connection or the output-length limit) — the caller must label it as partial,
    - error: why the answer is missing or cut (a typed `LLMError` with a Japanese `.message`);
      None when complete,
    - input_tokens / output_tokens: when the provider reports them,
    - finish_reason: normalised to "stop" | "length" | "content_filter" (other values kept as given),
    - attempts: how many HTTP requests were made (retries before the first token).

    `error is None` exactly when `complete`; `partial` implies `error` is set.
    """

    model: str
    complete: bool
    partial: bool = False
    error: LLMError | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    finish_reason: str | None = None
    attempts: int = 1


StreamEvent = TextDelta | StreamEnd


@runtime_checkable
class LLMAdapter(Protocol):
    """One module per implementation (adapters/openai_chat.py, …), one line in adapters/registry.py."""

    name: str  # provider name: "offline", "openai", "azure", "anthropic", "bedrock", "vertex"
    model: str  # the configured model ("offline-preview" for the offline adapter)

    def stream(self, messages: list[ChatMessage], *, limits: StreamLimits) -> AsyncIterator[StreamEvent]:
        """Stream the answer to `messages` (already redacted by the gate). Ends with one StreamEnd."""
        ...

    async def aclose(self) -> None:
        """Release connections. The adapter must not be used afterwards."""
        ...


@dataclass(frozen=True, slots=True)
class Answer:
    """A whole stream collected: what a non-streaming caller (console, tests, digests) needs."""

    text: str
    end: StreamEnd


async def collect(adapter: LLMAdapter, messages: list[ChatMessage], *, limits: StreamLimits) -> Answer:
    parts: list[str] = []
    end: StreamEnd | None = None
    async for event in adapter.stream(messages, limits=limits):
        if isinstance(event, TextDelta):
            parts.append(event.text)
        else:
            end = event
    if end is None:  # a broken adapter; say so instead of pretending the answer is whole
        raise RuntimeError(f"adapter {adapter.name} ended without StreamEnd")
    return Answer(text="".join(parts), end=end)
