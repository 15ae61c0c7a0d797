"""Anthropic Messages streaming against a recording fake Anthropic server."""

from __future__ import annotations

import anthropic._constants

from adapters import ChatMessage, LLMAnswerTruncated, LLMUnavailable, StreamLimits, collect
from tests.fakes.llm_server import FAKE_ANTHROPIC_KEY, Reply


async def test_sends_system_apart_and_joins_consecutive_turns(fake_anthropic, anthropic_adapter):
    messages = [
        ChatMessage("system", "市役所の職員を手伝います。"),
        ChatMessage("user", "以下はスレッドの過去の発言です（引用）:\n> 会議は【日付1】です"),
        ChatMessage("user", "これを要約してください。"),
        ChatMessage("assistant", "要約します。"),
        ChatMessage("user", "箇条書きで。"),
    ]
    await collect(anthropic_adapter, messages, limits=StreamLimits(max_output_tokens=1234))

    request = fake_anthropic.requests[0]
    assert request.path == "/v1/messages"
    assert request.body == {
        "model": "claude-test",
        "max_tokens": 1234,
        "system": "市役所の職員を手伝います。",
        "messages": [
            {
                "role": "user",
                "content": "以下はスレッドの過去の発言です（引用）:\n> 会議は【日付1】です\n\nこれを要約してください。",
            },
            {"role": "assistant", "content": "要約します。"},
            {"role": "user", "content": "箇条書きで。"},
        ],
        "stream": True,
    }
    assert request.headers["Authorization"] == f"Bearer {FAKE_ANTHROPIC_KEY}"  # how the SDK sends the key
    assert request.headers["anthropic-version"] == anthropic._constants.ANTHROPIC_API_VERSION  # the SDK's own


async def test_streams_text_and_reports_model_and_tokens(fake_anthropic, anthropic_adapter):
    fake_anthropic.enqueue(
        Reply(chunks=("お疲れ様", "です。"), model="claude-test-20260101", input_tokens=31, output_tokens=9)
    )
    answer = await collect(anthropic_adapter, [ChatMessage("user", "挨拶して")], limits=StreamLimits())
    assert answer.text == "お疲れ様です。"
    assert answer.end.complete and not answer.end.partial
    assert answer.end.model == "claude-test-20260101"
    assert (answer.end.input_tokens, answer.end.output_tokens) == (31, 9)
    assert answer.end.finish_reason == "stop"  # end_turn, in the shared vocabulary


async def test_max_tokens_stop_marks_partial(fake_anthropic, anthropic_adapter):
    fake_anthropic.enqueue(Reply(chunks=("途中まで",), finish_reason="length"))
    answer = await collect(anthropic_adapter, [ChatMessage("user", "長く書いて")], limits=StreamLimits())
    assert answer.end.finish_reason == "length"
    assert answer.end.partial
    assert isinstance(answer.end.error, LLMAnswerTruncated)


async def test_overloaded_error_event_mid_stream(fake_anthropic, anthropic_adapter, fast_limits):
    fake_anthropic.enqueue(Reply(chunks=("一", "二", "三"), error_event_after=2))
    answer = await collect(anthropic_adapter, [ChatMessage("user", "数えて")], limits=fast_limits)
    assert answer.text == "一二"
    assert answer.end.partial
    assert isinstance(answer.end.error, LLMUnavailable)
    assert len(fake_anthropic.requests) == 1
