"""The pipeline with a real OpenAI-style adapter against a slow, recording fake model.

What an employee sees while an answer streams in small pieces, and what the model receives in a
thread, through the same code Slack, the bridge and the console use.
"""

from __future__ import annotations

import io
import random
from collections.abc import AsyncIterator

import pytest

from adapters.base import RetryPolicy, StreamLimits
from adapters.openai_chat import OpenAIChatAdapter
from bot.conversation.pipeline import ConversationPipeline, Outcome
from bot.conversation.ports import FinishedAnswer
from bot.conversation.turn import Author, EarlierMessage, Turn
from bot.platforms.console.sink import ConsoleSink
from tests.fakes.llm_server import FAKE_OPENAI_KEY, FakeLLMServer, Reply

pytestmark = pytest.mark.slow

LIMITS = StreamLimits(first_token_s=3.0, idle_s=2.0, total_s=20.0, retry=RetryPolicy(max_attempts=1))


class RecordingSink(ConsoleSink):
    """The console's sink, remembering every piece the employee was shown while the answer streamed."""

    def __init__(self) -> None:
        super().__init__(io.StringIO())
        self.pieces: list[str] = []

    async def append(self, text: str) -> None:
        self.pieces.append(text)
        await super().append(text)

    @property
    def shown(self) -> str:
        return self.out.getvalue()

    @property
    def finished(self) -> FinishedAnswer:
        assert self.answer is not None, self.shown
        return self.answer


@pytest.fixture
async def llm() -> AsyncIterator[FakeLLMServer]:
    async with FakeLLMServer("openai") as server:
        yield server


@pytest.fixture
async def pipeline(gate, llm, records) -> AsyncIterator[ConversationPipeline]:
    adapter = OpenAIChatAdapter(model="gpt-test", base_url=llm.base_url, api_key=FAKE_OPENAI_KEY, rng=random.Random(0))
    yield ConversationPipeline(gate, adapter, records, limits=LIMITS)
    await adapter.aclose()


def turn(text: str, city: str, *, key: str, earlier: list[EarlierMessage] | None = None) -> Turn:
    return Turn(
        text=text,
        city=city,
        user_id="U1",
        thread_id="T1",
        platform="console",
        channel="C1",
        earlier=list(earlier or []),
        key=key,
    )


def slow(answer: str) -> Reply:
    """A model that writes two or three characters at a time, slowly."""
    return Reply.text(answer, chunk_size=3, first_token_delay=0.05, chunk_delay=0.03)


# ---- the answer check while the model streams -------------------------------------------------


async def test_an_invented_contact_on_a_last_line_without_a_full_stop_is_masked(pipeline, llm) -> None:
    llm.enqueue(slow("年末年始の窓口休業についてお知らせします。\n担当：鈴木一郎（048-477-1111）"))
    sink = RecordingSink()
    assert await pipeline.handle(turn("窓口休業のお知らせを作って", "nagareyama", key="q0"), sink) is Outcome.ANSWERED
    assert sink.finished.text == "年末年始の窓口休業についてお知らせします。\n担当：【氏名1】（【電話番号1】）"
    assert "鈴木" not in sink.shown and "1111" not in sink.shown
    assert "回答に個人情報とみられる記載（氏名1件・電話番号1件）" in sink.shown


@pytest.mark.parametrize("harmless", ["市民向けの年末年始の窓口休業のお知らせ", "期日前投票所の開設日時"])
async def test_harmless_text_streamed_slowly_is_shown_unchanged(pipeline, llm, harmless: str) -> None:
    llm.enqueue(slow(harmless))
    sink = RecordingSink()
    assert await pipeline.handle(turn("見出しを作って", "nagareyama", key="q0"), sink) is Outcome.ANSWERED
    assert sink.finished.text == harmless and sink.pieces == [harmless]
    assert "【氏名" not in sink.shown and "🔒" not in sink.shown


async def test_pieces_shown_while_streaming_end_at_sentence_ends(pipeline, llm) -> None:
    answer = "一つ目の文です。\n二つ目の文です。三つ目は句点なし"
    llm.enqueue(Reply.text(answer, chunk_size=2, chunk_delay=0.05))
    sink = RecordingSink()
    await pipeline.handle(turn("文を三つ", "iwamizawa", key="q0"), sink)
    assert "".join(sink.pieces) == answer and len(sink.pieces) >= 2
    assert all(p.endswith(("。", "\n")) for p in sink.pieces[:-1])


def sent_messages(llm: FakeLLMServer, call: int) -> list[dict[str, str]]:
    return llm.requests[call].body["messages"]


@pytest.mark.parametrize(
    ("city", "article"),
    [
        ("nagareyama", "（流山市生成AI利用ガイドライン 8.3(3)「虚偽の個人情報・名誉毀損等」）"),
        ("niiza", "（新座市生成AI利用ガイドライン 7(2)「生成物が個人等に関する虚偽情報を含む可能性」）"),
        ("matsudo", "（松戸市職員生成AI利活用ルール 第2章6-2(3)「虚偽の個人情報・名誉毀損等」）"),
        ("iwamizawa", ""),
        ("maebashi", ""),
    ],
)
async def test_the_note_on_masked_invented_data_cites_the_citys_own_article_or_none(
    pipeline, llm, city: str, article: str
) -> None:
    llm.enqueue(slow("詳しくは担当の佐藤花子さん（03-1234-5678）に連絡してください。\n"))
    sink = RecordingSink()
    assert await pipeline.handle(turn("問い合わせ先の書き方を教えて", city, key="q0"), sink) is Outcome.ANSWERED
    note = sink.finished.footer.output_note
    assert note == (
        "🔒 回答に個人情報とみられる記載（氏名1件・電話番号1件）があったため伏せました。"
        f"生成AIが作った架空の情報の可能性があります{article}。"
    )
    assert note in sink.shown


# ---- a thread in a city that asks before sending personal data --------------------------------

CONFIRMED = "山田太郎さん（090-1234-5678）への案内文を書いてください。"
MASKED = "【氏名1】さん（【電話番号1】）への案内文を書いてください。"


def history(*texts: str) -> list[EarlierMessage]:
    """Earlier messages as a platform passes them: the asker's raw words and the bot's answers, alternating."""
    return [
        EarlierMessage(
            key=f"q{i // 2}" if i % 2 == 0 else f"a{i // 2}",
            author=Author.ASKER if i % 2 == 0 else Author.BOT,
            text=text,
            author_id="U1",
        )
        for i, text in enumerate(texts)
    ]


def model_saw(llm: FakeLLMServer, call: int) -> str:
    return "\n".join(m["content"] for m in llm.requests[call].body["messages"])


@pytest.mark.parametrize("city", ["niiza", "nagareyama", "maebashi", "matsudo"])
async def test_a_follow_up_carries_the_confirmed_masked_question(pipeline, llm, city: str) -> None:
    llm.enqueue(Reply.text("案内文です。"), Reply.text("より丁寧な案内文です。"))
    sink = RecordingSink()
    assert await pipeline.handle(turn(CONFIRMED, city, key="q0"), sink) is Outcome.CONFIRMING
    assert await pipeline.confirm(sink.confirm_prompt.pending_id, "U1", sink) is Outcome.ANSWERED
    follow_up = turn("もっと丁寧にしてください。", city, key="q1", earlier=history(CONFIRMED, "案内文です。"))
    assert await pipeline.handle(follow_up, RecordingSink()) is Outcome.ANSWERED
    messages = llm.requests[1].body["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[1]["content"] == MASKED and messages[2]["content"] == "案内文です。"
    assert "山田" not in model_saw(llm, 1) and "1234" not in model_saw(llm, 1)


async def test_a_cancelled_question_stays_out_of_the_thread(pipeline, llm) -> None:
    llm.enqueue(Reply.text("挨拶文です。"))
    sink = RecordingSink()
    assert await pipeline.handle(turn(CONFIRMED, "niiza", key="q0"), sink) is Outcome.CONFIRMING
    assert await pipeline.cancel(sink.confirm_prompt.pending_id, "U1", sink) is Outcome.CANCELLED
    follow_up = turn("季節の挨拶文を作ってください。", "niiza", key="q1", earlier=history(CONFIRMED))
    assert await pipeline.handle(follow_up, RecordingSink()) is Outcome.ANSWERED
    assert [m["role"] for m in llm.requests[0].body["messages"]] == ["system", "user"]
    assert "案内文" not in model_saw(llm, 0)


async def test_a_question_confirmed_in_another_process_is_carried_too(pipeline, llm) -> None:
    # The preview was shown elsewhere: the message is sent again with `confirmed`, as Slack and the bridge do.
    llm.enqueue(Reply.text("案内文です。"), Reply.text("短くしました。"))
    assert (
        await pipeline.handle(turn(CONFIRMED, "matsudo", key="q0"), RecordingSink(), confirmed=True) is Outcome.ANSWERED
    )
    follow_up = turn("短くしてください。", "matsudo", key="q1", earlier=history(CONFIRMED, "案内文です。"))
    assert await pipeline.handle(follow_up, RecordingSink()) is Outcome.ANSWERED
    assert llm.requests[1].body["messages"][1]["content"] == MASKED and "山田" not in model_saw(llm, 1)
