"""The offline adapter: no model, the answer is exactly the prompt a model would have received."""

from __future__ import annotations

from adapters import ChatMessage, StreamEnd, StreamLimits, TextDelta, collect
from adapters.offline import OFFLINE_MODEL, OfflineAdapter

MESSAGES = [
    ChatMessage("system", "あなたは新座市の職員を手伝うアシスタントです。"),
    ChatMessage("user", "【氏名1】さん（【電話番号1】）への挨拶文を作ってください。"),
    ChatMessage("assistant", "承知しました。"),
    ChatMessage("user", "  もう少し丁寧に。\n改行も  そのまま。 "),
]


async def test_offline_answer_is_the_labelled_prompt_verbatim():
    answer = await collect(OfflineAdapter(), MESSAGES, limits=StreamLimits())
    assert answer.text == (
        "【プレビュー】生成AIには接続していません。次の内容が送信されます:\n\n"
        "［システム指示］\nあなたは新座市の職員を手伝うアシスタントです。\n\n"
        "［利用者］\n【氏名1】さん（【電話番号1】）への挨拶文を作ってください。\n\n"
        "［アシスタント］\n承知しました。\n\n"
        "［利用者］\n  もう少し丁寧に。\n改行も  そのまま。 "
    )


async def test_offline_reports_its_model_and_completes_without_tokens():
    answer = await collect(OfflineAdapter(), MESSAGES[:2], limits=StreamLimits())
    assert answer.end == StreamEnd(model=OFFLINE_MODEL, complete=True, finish_reason="stop")
    assert answer.end.model == "offline-preview"
    assert not answer.end.partial
    assert answer.end.input_tokens is None and answer.end.output_tokens is None


async def test_offline_streams_sections_and_ends_with_one_stream_end():
    events = [e async for e in OfflineAdapter().stream(MESSAGES, limits=StreamLimits())]
    assert all(isinstance(e, TextDelta) and e.text for e in events[:-1])
    assert len(events) == 1 + len(MESSAGES) + 1
    assert isinstance(events[-1], StreamEnd)


async def test_offline_with_no_messages_still_says_it_is_a_preview():
    answer = await collect(OfflineAdapter(), [], limits=StreamLimits())
    assert answer.text == "【プレビュー】生成AIには接続していません。次の内容が送信されます:"
    assert answer.end.complete
