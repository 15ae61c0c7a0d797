"""What a model receives from a thread: redacted turns, other people quoted, trimmed to a budget."""

from __future__ import annotations

from bot.conversation.context import QUOTE_HEADER, RedactedEarlier, build_messages, estimate_tokens
from bot.conversation.turn import Author


def test_roles_follow_who_wrote_each_message_and_other_people_are_quoted() -> None:
    earlier = [
        RedactedEarlier(Author.OTHER, "会議は来週です。\n資料は共有済み"),
        RedactedEarlier(Author.ASKER, "議事録を要約して"),
        RedactedEarlier(Author.BOT, "要約です。"),
    ]
    messages, dropped = build_messages("新座市", earlier, "もっと短く")
    assert dropped == 0
    assert [m.role for m in messages] == ["system", "user", "assistant", "user"]
    assert "新座市" in messages[0].content
    assert messages[1].content == f"{QUOTE_HEADER}\n> 会議は来週です。\n> 資料は共有済み\n\n議事録を要約して"
    assert messages[-1].content == "もっと短く"


def test_old_messages_are_dropped_first_to_stay_within_the_budget() -> None:
    earlier = [RedactedEarlier(Author.ASKER, f"{i}番目の質問" + "あ" * 100) for i in range(10)]
    earlier += [RedactedEarlier(Author.BOT, "回答" + "い" * 100)]
    messages, dropped = build_messages("市", earlier, "次の質問", budget=350)
    kept = "\n".join(m.content for m in messages)
    assert dropped == 8 and "9番目" in kept and "8番目" in kept and "7番目" not in kept
    assert messages[-1].content == "次の質問"


def test_a_thread_never_starts_with_the_bots_own_turn() -> None:
    messages, dropped = build_messages("市", [RedactedEarlier(Author.BOT, "以前の回答")], "質問")
    assert dropped == 1 and [m.role for m in messages] == ["system", "user"]


def test_token_estimate_counts_japanese_characters_as_tokens() -> None:
    assert estimate_tokens("あ" * 100) >= 100  # never under-counts Japanese (about one token a character)
    assert estimate_tokens("a" * 400) < estimate_tokens("あ" * 400)
