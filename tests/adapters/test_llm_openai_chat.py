"""OpenAI Chat Completions streaming against a recording fake OpenAI-compatible server."""

from __future__ import annotations

from adapters import ChatMessage, LLMAnswerTruncated, LLMUnavailable, StreamLimits, TextDelta, collect
from adapters.openai_chat import OpenAIChatAdapter
from tests.fakes.llm_server import FAKE_OPENAI_KEY, Reply

MESSAGES = [
    ChatMessage("system", "あなたは市役所の職員を手伝うアシスタントです。"),
    ChatMessage("user", "【氏名1】様あての挨拶文を作ってください。"),
]


async def test_sends_exactly_the_messages_and_streams_the_answer(fake_openai, openai_adapter):
    fake_openai.enqueue(Reply(chunks=("拝啓", "　時下ますます", "ご清栄のことと"), model="gpt-test-2026-01-01"))
    events = [e async for e in openai_adapter.stream(MESSAGES, limits=StreamLimits())]

    assert [e.text for e in events if isinstance(e, TextDelta)] == ["拝啓", "　時下ますます", "ご清栄のことと"]
    request = fake_openai.requests[0]
    assert request.path == "/v1/chat/completions"
    assert request.body == {
        "model": "gpt-test",
        "messages": [
            {"role": "system", "content": "あなたは市役所の職員を手伝うアシスタントです。"},
            {"role": "user", "content": "【氏名1】様あての挨拶文を作ってください。"},
        ],
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    assert request.headers["Authorization"] == f"Bearer {FAKE_OPENAI_KEY}"
    end = events[-1]
    assert end.complete and not end.partial and end.error is None
    assert end.model == "gpt-test-2026-01-01"  # the model that answered, not merely the one asked for
    assert end.finish_reason == "stop"
    assert end.attempts == 1


async def test_reports_token_counts(fake_openai, openai_adapter):
    fake_openai.enqueue(Reply(chunks=("はい",), input_tokens=42, output_tokens=7))
    answer = await collect(openai_adapter, MESSAGES, limits=StreamLimits())
    assert (answer.end.input_tokens, answer.end.output_tokens) == (42, 7)


async def test_server_without_usage_leaves_counts_empty_but_completes(fake_openai, openai_adapter):
    fake_openai.enqueue(Reply(chunks=("はい",), send_usage=False))
    answer = await collect(openai_adapter, MESSAGES, limits=StreamLimits())
    assert answer.text == "はい"
    assert answer.end.complete
    assert answer.end.input_tokens is None and answer.end.output_tokens is None


async def test_local_server_without_key_gets_no_authorization_header(fake_openai):
    adapter = OpenAIChatAdapter(model="llama3.1", base_url=fake_openai.base_url)
    try:
        answer = await collect(adapter, MESSAGES, limits=StreamLimits())
    finally:
        await adapter.aclose()
    assert answer.end.complete
    assert "Authorization" not in fake_openai.requests[0].headers


async def test_output_length_limit_marks_the_answer_partial(fake_openai, openai_adapter):
    fake_openai.enqueue(Reply(chunks=("長い回答の", "途中"), finish_reason="length"))
    answer = await collect(openai_adapter, MESSAGES, limits=StreamLimits())
    assert answer.text == "長い回答の途中"
    assert answer.end.partial and not answer.end.complete
    assert isinstance(answer.end.error, LLMAnswerTruncated)
    assert answer.end.error.message == "回答が長いため、生成AIの出力上限で途中までとなりました。"


async def test_error_event_inside_the_stream_cuts_the_answer(fake_openai, openai_adapter, fast_limits):
    fake_openai.enqueue(Reply(chunks=("前半", "後半"), error_event_after=1))
    answer = await collect(openai_adapter, MESSAGES, limits=fast_limits)
    assert answer.text == "前半"
    assert answer.end.partial
    assert isinstance(answer.end.error, LLMUnavailable)
    assert len(fake_openai.requests) == 1  # text was shown: never retried, never duplicated
