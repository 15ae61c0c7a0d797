"""The time limits and the retry policy, written once for every network adapter.

An adapter only knows how to make one attempt: send the request and turn the provider's stream
into `TextDelta` and `Progress` values, raising a typed `LLMError` when something goes wrong.
`stream_with_limits` runs attempts under the three deadlines of `StreamLimits`, retries
retriable errors (429, 5xx, unreachable) while no text has been streamed yet, and always
finishes with exactly one `StreamEnd`.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from adapters.base import RetryPolicy, StreamEnd, StreamEvent, StreamLimits, TextDelta
from adapters.errors import (
    LLMAnswerTruncated,
    LLMConnectionLost,
    LLMContentFiltered,
    LLMError,
    LLMTimeout,
)

log = logging.getLogger("aigate.adapters")


@dataclass(frozen=True, slots=True)
class Progress:
    """What a provider told us besides text. Fields left None keep their earlier value.

    `done` means the provider signalled the end of the stream ([DONE], message_stop); after
    `finish_reason` arrives the answer text is whole even if the stream then breaks.
    """

    model: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    finish_reason: str | None = None
    done: bool = False


AttemptEvent = TextDelta | Progress
OpenAttempt = Callable[[], AsyncIterator[AttemptEvent]]


class _State:
    def __init__(self, model: str) -> None:
        self.model = model
        self.input_tokens: int | None = None
        self.output_tokens: int | None = None
        self.finish_reason: str | None = None
        self.done = False

    def update(self, p: Progress) -> None:
        if p.model:
            self.model = p.model
        if p.input_tokens is not None:
            self.input_tokens = p.input_tokens
        if p.output_tokens is not None:
            self.output_tokens = p.output_tokens
        if p.finish_reason is not None:
            self.finish_reason = p.finish_reason
        self.done = self.done or p.done


def backoff_delay(
    policy: RetryPolicy, attempt: int, retry_after: float | None, rng: random.Random | None = None
) -> float:
    """Full-jitter exponential delay after failed attempt number `attempt` (1-based); Retry-After is a floor."""
    r = rng or random
    delay = r.uniform(0, min(policy.max_delay_s, policy.base_delay_s * (2 ** (attempt - 1))))
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


async def stream_with_limits(
    open_attempt: OpenAttempt,
    *,
    configured_model: str,
    limits: StreamLimits,
    rng: random.Random | None = None,
) -> AsyncIterator[StreamEvent]:
    loop = asyncio.get_running_loop()
    start = loop.time()
    total_deadline = start + limits.total_s
    first_deadline = min(start + limits.first_token_s, total_deadline)
    state = _State(configured_model)
    streamed = False
    attempt = 0

    def end(error: LLMError | None) -> StreamEnd:
        if error is None or state.finish_reason is not None:
            # The model finished its text; a break afterwards only lost the usage numbers.
            error = _finish_error(state.finish_reason)
        complete = error is None
        return StreamEnd(
            model=state.model,
            complete=complete,
            partial=streamed and not complete,
            error=error,
            input_tokens=state.input_tokens,
            output_tokens=state.output_tokens,
            finish_reason=state.finish_reason,
            attempts=attempt,
        )

    while True:
        attempt += 1
        if not streamed:  # nothing of a failed attempt survives into the next one but the model name
            state = _State(state.model)
        events = open_attempt()
        try:
            while True:
                if streamed:
                    idle_deadline = loop.time() + limits.idle_s
                    deadline = min(idle_deadline, total_deadline)
                    kind, seconds = (
                        ("idle", limits.idle_s) if idle_deadline < total_deadline else ("total", limits.total_s)
                    )
                else:
                    deadline = first_deadline
                    kind, seconds = (
                        ("first_token", limits.first_token_s)
                        if first_deadline < total_deadline
                        else ("total", limits.total_s)
                    )
                try:
                    async with asyncio.timeout_at(deadline):
                        event = await anext(events)
                except StopAsyncIteration:
                    break
                except TimeoutError:
                    raise LLMTimeout(kind, seconds=seconds) from None
                if isinstance(event, TextDelta):
                    if event.text:
                        streamed = True
                        yield event
                else:
                    state.update(event)
            if not (state.done or state.finish_reason):
                raise LLMConnectionLost(detail="stream ended without an end-of-answer marker")
            yield end(None)
            return
        except LLMError as error:
            await events.aclose()
            log.warning("LLM attempt %d failed: %s", attempt, error.for_log())
            if streamed or not error.retriable or attempt >= limits.retry.max_attempts:
                yield end(error)
                return
            delay = backoff_delay(limits.retry, attempt, error.retry_after, rng)
            if loop.time() + delay >= first_deadline:
                # Waiting would pass the first-token limit: tell the employee what happened, now.
                yield end(error)
                return
            await asyncio.sleep(delay)
        finally:
            await events.aclose()


def _finish_error(finish_reason: str | None) -> LLMError | None:
    if finish_reason == "length":
        return LLMAnswerTruncated()
    if finish_reason == "content_filter":
        return LLMContentFiltered()
    return None
