"""Faults every network adapter must survive the same way, run against every provider's fake server
(OpenAI, Azure OpenAI, Anthropic, Bedrock, Vertex) through the official SDK clients.

Retries happen only before the first token; after text was shown the answer is marked partial
and ends with a typed error carrying the Japanese message the employee will read.
"""

from __future__ import annotations

import logging
import random

import pytest

from adapters import (
    ChatMessage,
    LLMAuthError,
    LLMBadRequest,
    LLMConnectionLost,
    LLMProtocolError,
    LLMRateLimited,
    LLMTimeout,
    LLMUnavailable,
    RetryPolicy,
    StreamEnd,
    StreamLimits,
    TextDelta,
    collect,
)
from adapters.streaming import backoff_delay
from tests.adapters.conftest import SECRET_OF
from tests.fakes.llm_server import Reply

ASK = [ChatMessage("user", "議事録を要約してください。")]
AUTH_FAILED = "生成AIの認証に失敗しました（APIキーの設定を確認する必要があります）。管理者に連絡してください。"
TOO_LONG = "送信する内容が長すぎて、生成AIが受け付けませんでした。内容を短くするか、新しいスレッドでお試しください。"
NOT_STARTED = "生成AIの応答が時間内に始まりませんでした。しばらくしてからもう一度お試しください。"
STALLED = "生成AIの応答が途中で止まったため、回答を打ち切りました。もう一度お試しください。"
UNAVAILABLE = "生成AIのサービスに接続できませんでした。しばらくしてからもう一度お試しください。"
CHUNKS = ("本日の", "会議では", "予算について", "話し合いました。")


async def test_429_with_retry_after_is_waited_out_then_retried(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply.status_code(429, retry_after=0.3), Reply(chunks=CHUNKS))
    answer = await collect(adapter, ASK, limits=fast_limits)

    assert answer.text == "".join(CHUNKS)
    assert answer.end.complete and answer.end.attempts == 2
    first, second = server.requests
    assert second.received_at - first.received_at >= 0.3  # Retry-After honoured, not just the tiny backoff
    assert second.body == first.body


async def test_retry_after_beyond_the_first_token_limit_gives_up_at_once(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply.status_code(429, retry_after=120))
    answer = await collect(adapter, ASK, limits=fast_limits)

    assert len(server.requests) == 1
    assert isinstance(answer.end.error, LLMRateLimited)
    assert answer.end.error.message == "生成AIが混み合っています。約120秒後にもう一度お試しください。"
    assert answer.end.error.status == 429
    assert not answer.end.partial and not answer.end.complete


async def test_persistent_429_stops_after_max_attempts(provider, fast_limits):
    server, adapter = provider
    server.enqueue(*[Reply.status_code(429)] * 5)
    answer = await collect(adapter, ASK, limits=fast_limits)

    assert len(server.requests) == fast_limits.retry.max_attempts == 3
    assert answer.end.attempts == 3
    assert isinstance(answer.end.error, LLMRateLimited)
    assert answer.end.error.message == "生成AIが混み合っています。少し時間をおいてからもう一度お試しください。"


@pytest.mark.parametrize("status", [500, 502, 503, 529])
async def test_server_error_then_success(provider, fast_limits, status):
    server, adapter = provider
    server.enqueue(Reply.status_code(status), Reply(chunks=CHUNKS))
    answer = await collect(adapter, ASK, limits=fast_limits)

    assert answer.text == "".join(CHUNKS)  # exactly once: the failed attempt streamed nothing
    assert answer.end.complete and answer.end.attempts == 2
    assert len(server.requests) == 2


async def test_server_errors_every_time_end_unavailable(provider, fast_limits):
    server, adapter = provider
    server.enqueue(*[Reply.status_code(500)] * 3)
    answer = await collect(adapter, ASK, limits=fast_limits)
    assert isinstance(answer.end.error, LLMUnavailable)
    assert answer.end.error.message == UNAVAILABLE
    assert len(server.requests) == 3


@pytest.mark.parametrize(
    ("status", "error_type", "message"),
    [
        (400, LLMBadRequest, "生成AIが依頼を受け付けませんでした。内容を短くするか、管理者に連絡してください。"),
        (
            404,
            LLMBadRequest,
            "設定されたモデル「{model}」が生成AIのサービスに見つかりません。"
            "管理者に LLM_MODEL の設定を確認してもらってください。",
        ),
        (413, LLMBadRequest, TOO_LONG),
        (401, LLMAuthError, AUTH_FAILED),
        (403, LLMAuthError, AUTH_FAILED),
    ],
)
async def test_client_errors_are_not_retried(provider, fast_limits, status, error_type, message):
    server, adapter = provider
    server.enqueue(Reply.status_code(status))
    answer = await collect(adapter, ASK, limits=fast_limits)
    assert len(server.requests) == 1
    assert type(answer.end.error) is error_type
    if error_type is LLMAuthError:  # Azure, Bedrock and Vertex say which credentials to check
        message = adapter.auth_message or message
    assert answer.end.error.message == message.format(model=adapter.model)


async def test_context_too_long_is_explained(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply.status_code(400, message="This model's maximum context length is 8192 tokens"))
    answer = await collect(adapter, ASK, limits=fast_limits)
    assert answer.end.error.message == TOO_LONG


async def test_slow_first_token_times_out_without_retry(provider):
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, first_token_delay=5))
    limits = StreamLimits(first_token_s=0.3, idle_s=5, total_s=10)
    answer = await collect(adapter, ASK, limits=limits)

    assert answer.text == ""
    assert isinstance(answer.end.error, LLMTimeout) and answer.end.error.kind == "first_token"
    assert answer.end.error.message == NOT_STARTED
    assert not answer.end.partial and not answer.end.complete
    assert len(server.requests) == 1


async def test_stall_mid_stream_ends_partial_on_the_idle_limit(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, stall_after=2))
    answer = await collect(adapter, ASK, limits=fast_limits)

    assert answer.text == "本日の会議では"
    assert answer.end.partial and not answer.end.complete
    assert isinstance(answer.end.error, LLMTimeout) and answer.end.error.kind == "idle"
    assert answer.end.error.message == STALLED
    assert len(server.requests) == 1


async def test_whole_answer_limit(provider):
    server, adapter = provider
    server.enqueue(Reply(chunks=tuple("一二三四五六七八九十"), chunk_delay=0.2))
    limits = StreamLimits(first_token_s=2, idle_s=1, total_s=1.0)
    answer = await collect(adapter, ASK, limits=limits)

    assert 0 < len(answer.text) < 10
    assert answer.end.partial
    assert isinstance(answer.end.error, LLMTimeout) and answer.end.error.kind == "total"
    assert answer.end.error.message.startswith("生成AIの回答が制限時間内に終わらなかったため")


async def test_connection_dropped_mid_stream_is_partial_and_not_retried(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, close_after=3))
    answer = await collect(adapter, ASK, limits=fast_limits)

    assert answer.text == "本日の会議では予算について"  # never duplicated by a retry
    assert answer.end.partial
    assert isinstance(answer.end.error, LLMConnectionLost)
    assert answer.end.error.message == "生成AIとの接続が回答の途中で切れました。もう一度お試しください。"
    assert len(server.requests) == 1


async def test_connection_dropped_before_any_text_is_retried(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, close_after=0), Reply(chunks=CHUNKS))
    answer = await collect(adapter, ASK, limits=fast_limits)
    assert answer.text == "".join(CHUNKS)
    assert answer.end.complete and answer.end.attempts == 2


async def test_body_ending_without_end_marker_is_partial(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, end_without_marker=True))
    answer = await collect(adapter, ASK, limits=fast_limits)
    assert answer.text == "".join(CHUNKS)
    assert answer.end.partial
    assert isinstance(answer.end.error, LLMConnectionLost)


@pytest.mark.parametrize("after", [0, 2])
async def test_malformed_event_is_a_protocol_error(provider, fast_limits, after):
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, malformed_after=after))
    answer = await collect(adapter, ASK, limits=fast_limits)
    assert answer.text == "".join(CHUNKS[:after])
    assert isinstance(answer.end.error, LLMProtocolError)
    assert answer.end.error.message == "生成AIから想定外の形式の応答が返りました。管理者に連絡してください。"
    assert answer.end.partial == (after > 0)
    assert len(server.requests) == 1  # a server that speaks garbage will not speak better on a retry


async def test_unreachable_server_is_unavailable_after_retries(provider, fast_limits):
    server, adapter = provider
    await server.stop()
    answer = await collect(adapter, ASK, limits=fast_limits)
    assert isinstance(answer.end.error, LLMUnavailable)
    assert answer.end.attempts == fast_limits.retry.max_attempts
    assert answer.end.model == adapter.model  # still known, for the log and the provenance note


async def test_api_key_never_appears_in_errors_or_logs(provider, fast_limits, caplog):
    server, adapter = provider
    key = SECRET_OF[adapter.name]
    echo = f"Incorrect API key provided: {key}. Authorization: Bearer {key}"
    server.enqueue(Reply.status_code(500, message=echo), Reply.status_code(401, message=echo))
    with caplog.at_level(logging.DEBUG):
        answer = await collect(adapter, ASK, limits=fast_limits)

    error = answer.end.error
    assert isinstance(error, LLMAuthError)
    assert "Incorrect API key provided" in error.detail  # the provider's words are kept for the operator …
    for text in (str(error), repr(error), error.detail, error.for_log(), caplog.text, repr(adapter)):
        assert key not in text  # … but never the key
        assert key[:12] not in text
    assert "LLMUnavailable status=500" in caplog.text  # the retried failure was logged


async def test_time_to_first_token_includes_the_retries(provider):
    """The employee waits through retries too, so they count against the first-token limit."""
    server, adapter = provider
    server.enqueue(*[Reply.status_code(503, retry_after=0.4)] * 10)
    limits = StreamLimits(first_token_s=1.5, idle_s=1, total_s=5, retry=RetryPolicy(max_attempts=10))
    answer = await collect(adapter, ASK, limits=limits)
    # Gave up before the limit, with the real reason rather than waiting into a timeout.
    assert isinstance(answer.end.error, LLMUnavailable) and answer.end.error.status == 503
    assert 1 <= len(server.requests) <= 4 < limits.retry.max_attempts  # 1.5 s holds at most three 0.4 s waits


def test_backoff_grows_exponentially_with_jitter_and_respects_retry_after():
    policy = RetryPolicy(base_delay_s=0.5, max_delay_s=4.0)
    rng = random.Random(1)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 4.0)]:
        delays = [backoff_delay(policy, attempt, None, rng) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8  # jitter spreads over the whole window
    assert all(backoff_delay(policy, 1, 7.0, rng) >= 7.0 for _ in range(50))


async def test_stall_after_the_finish_reason_keeps_the_answer_whole(provider, fast_limits):
    """The model said it was done; losing the usage numbers afterwards does not make the answer partial."""
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, stall_after_finish=True))
    answer = await collect(adapter, ASK, limits=fast_limits)
    assert answer.text == "".join(CHUNKS)
    assert answer.end.complete and not answer.end.partial and answer.end.error is None
    assert answer.end.finish_reason == "stop"


async def test_consumer_that_stops_early_releases_the_connection(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, stall_after=1))
    stream = adapter.stream(ASK, limits=fast_limits)
    first = await anext(stream)
    await stream.aclose()  # e.g. the thread was deleted while the answer streamed
    assert first.text == CHUNKS[0]
    server.enqueue(Reply(chunks=("次",)))
    answer = await collect(adapter, ASK, limits=fast_limits)  # the adapter is still usable
    assert answer.text == "次" and answer.end.complete


async def test_frames_split_inside_characters_are_reassembled(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, write_size=2))  # 2 bytes: every 3-byte kana is cut in two
    answer = await collect(adapter, ASK, limits=fast_limits)
    assert answer.text == "".join(CHUNKS)
    assert answer.end.complete


@pytest.mark.parametrize(
    "reply",
    [
        Reply(chunks=CHUNKS),
        Reply(chunks=CHUNKS, finish_reason="length"),
        Reply(chunks=CHUNKS, close_after=2),
        Reply(chunks=CHUNKS, malformed_after=0),
        Reply.status_code(400),
    ],
)
async def test_stream_end_invariants(provider, fast_limits, reply):
    """Exactly one StreamEnd, last; error is None exactly when complete; partial means text was shown."""
    server, adapter = provider
    server.enqueue(reply)
    events = [e async for e in adapter.stream(ASK, limits=fast_limits)]
    ends = [e for e in events if isinstance(e, StreamEnd)]
    assert len(ends) == 1 and events[-1] is ends[0]
    end = ends[0]
    assert (end.error is None) == end.complete
    shown = any(isinstance(e, TextDelta) for e in events)
    assert end.partial == (shown and not end.complete)
