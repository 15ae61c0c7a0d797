"""The offline adapter: no model, the answer is exactly the prompt a model would have received."""

from __future__ import annotations

from adapters import ChatMessage, StreamEnd, StreamLimits, TextDelta, collect
from adapters.offline import OFFLINE_MODEL, PREVIEW_HEADER, OfflineAdapter

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


async def test_in_a_thread_earlier_previews_and_the_system_prompt_take_one_line_each():
    first = await collect(OfflineAdapter(), MESSAGES[:2], limits=StreamLimits())
    thread = [*MESSAGES[:2], ChatMessage("assistant", first.text), ChatMessage("user", "もっと短く")]
    second = await collect(OfflineAdapter(), thread, limits=StreamLimits())
    assert second.text == (
        "【プレビュー】生成AIには接続していません。次の内容が送信されます:\n\n"
        "［システム指示］\n（最初のプレビューと同じため省略）\n\n"
        "［利用者］\n【氏名1】さん（【電話番号1】）への挨拶文を作ってください。\n\n"
        "［アシスタント］\n（以前に表示したプレビュー。生成AIにつないでいれば、その回答がここに入ります）\n\n"
        "［利用者］\nもっと短く"
    )
    thread += [ChatMessage("assistant", second.text), ChatMessage("user", "敬語で")]
    third = await collect(OfflineAdapter(), thread, limits=StreamLimits())
    assert third.text.count(PREVIEW_HEADER) == 1 and third.text.count("\n") == second.text.count("\n") + 6
