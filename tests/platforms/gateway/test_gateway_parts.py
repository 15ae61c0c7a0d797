"""The gateway's small parts on their own: confirmation codes, the rate window, a conversation as a Turn,
the gate's remembered decisions."""

from __future__ import annotations

import aiohttp
import pytest

from bot.conversation.turn import Author
from bot.gate import PlaceholderBook
from bot.gate.types import Request
from bot.platforms.gateway.confirmation import code_in, confirmation_code, matches
from bot.platforms.gateway.gatecache import GatewayGate
from bot.platforms.gateway.keys import GatewayKey, key_digest
from bot.platforms.gateway.protocol import ClientMessage
from bot.platforms.gateway.ratelimit import RateLimiter
from bot.platforms.gateway.render import RULE
from bot.platforms.gateway.turns import NoQuestionForCode, build_turn
from tests.platforms.gateway.conftest import Gateway

KEY = GatewayKey(
    key_id="k1",
    digest=key_digest("a-test-key-0123456789abcdef"),
    city="niiza",
    user="u1",
    department="総務課",
    label="テスト",
)


def test_a_code_belongs_to_one_masked_text_one_city_and_one_key() -> None:
    code = confirmation_code(KEY.digest, "niiza", "【氏名1】さんへの督促状")
    assert len(code) == 9 and code[4] == "-"
    assert matches(code, KEY.digest, "niiza", "【氏名1】さんへの督促状")
    assert not matches(code, KEY.digest, "niiza", "【氏名2】さんへの督促状")
    assert not matches(code, KEY.digest, "matsudo", "【氏名1】さんへの督促状")
    assert not matches(code, key_digest("another-key-0123456789abcdef"), "niiza", "【氏名1】さんへの督促状")


@pytest.mark.parametrize(
    ("message", "found"),
    [
        ("ABCD-EFGH", "ABCD-EFGH"),
        ("  確認コード: abcd-efgh \n", "ABCD-EFGH"),
        ("確認コード：ＡＢＣＤ－ＥＦＧＨ。", "ABCD-EFGH"),  # typed with a Japanese input method
        ("ABCD EFGH", "ABCD-EFGH"),
        ("ABCD-EFGH を送ります", None),
        ("ABCD-EFG1", None),  # 1 is not in the code's alphabet
        ("議事録を要約して", None),
    ],
)
def test_a_code_is_recognised_only_when_it_is_the_whole_message(message: str, found: str | None) -> None:
    assert code_in(message) == found


def test_the_rate_window_frees_a_slot_after_a_minute() -> None:
    now = [1000.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert limiter.take("k") == 0 and limiter.take("k") == 0
    now[0] += 15
    assert limiter.take("k") == 45 and limiter.take("other") == 0
    now[0] += 45
    assert limiter.take("k") == 0
    assert RateLimiter(0).take("k") == 0  # 0: no limit


def test_a_conversation_becomes_a_turn_without_the_gateways_own_words() -> None:
    messages = (
        ClientMessage("system", "丁寧に答えてください。"),
        ClientMessage("user", "山田さんへの督促状を作って"),
        ClientMessage("assistant", "🔎 送信前の確認: …\n確認コード: ABCD-EFGH"),
        ClientMessage("user", "ABCD-EFGH"),
        ClientMessage("assistant", "督促状の案です。\n\n" + RULE + "\n⚠️ 事実確認をしてください"),
        ClientMessage("tool", "検索結果"),
        ClientMessage("user", "もう少し短くして"),
    )
    built = build_turn(KEY, messages)
    turn = built.turn
    assert built.approved_code is None and turn.text == "もう少し短くして"
    assert [(m.author, m.text) for m in turn.earlier] == [
        (Author.SYSTEM, "丁寧に答えてください。"),
        (Author.ASKER, "山田さんへの督促状を作って"),
        (Author.BOT, "督促状の案です。"),
        (Author.OTHER, "検索結果"),
    ]
    assert built.approved_earlier == {"1": "ABCD-EFGH"}  # the code approves the question before it
    assert (turn.city, turn.user_id, turn.department, turn.platform) == ("niiza", "gateway:u1", "総務課", "gateway")
    assert build_turn(KEY, messages).turn.thread_id != turn.thread_id  # one placeholder book per request

    confirming = build_turn(KEY, messages[:4])
    assert confirming.approved_code == "ABCD-EFGH" and confirming.turn.text == "山田さんへの督促状を作って"
    assert [m.text for m in confirming.turn.earlier] == ["丁寧に答えてください。"]
    assert confirming.approved_earlier == {}
    with pytest.raises(NoQuestionForCode):
        build_turn(KEY, (ClientMessage("user", "ABCD-EFGH"),))


async def test_unknown_gateway_urls_answer_in_openais_shape(gateway: Gateway) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{gateway.base_url}/v1/embeddings", json={}) as response:
            body = await response.json()
            assert response.status == 404 and "/v1/chat/completions" in body["error"]["message"]
        async with session.get(f"{gateway.base_url}/v1/chat/completions") as response:
            body = await response.json()
            assert response.status == 405 and "POST" in body["error"]["message"]


async def test_a_remembered_decision_is_the_one_the_gate_gives_with_the_requests_book(gate) -> None:
    """The same texts, in one order and then another: each request's placeholders follow its own order."""
    texts = [
        "佐藤花子さん（電話 090-1111-2222）に会議の日程を連絡してください。",
        "山田太郎さんと佐藤さんの件です。",
        "マイナンバー 123456789018 の住民への通知文を作ってください。",
        "議事録を要約してください。",
    ]
    remembering = GatewayGate(gate)
    for order in (texts, list(reversed(texts)), texts):
        ours, theirs = PlaceholderBook(), PlaceholderBook()
        for text in order:
            request = Request(text=text, city="niiza")
            assert await remembering.acheck(request, placeholders=ours) == gate.check(request, theirs)
    assert remembering.hits == 2 * len(texts)
    for text in ("\n", "  \n", "担当は鈴木一郎さんです。"):
        assert await remembering.ascan_output(text, "niiza") == gate.scan_output(text, "niiza")
