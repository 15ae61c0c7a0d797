"""Block Kit builders are pure functions: data in, Slack's dicts out, within Slack's limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.conversation.composer import AnswerFooter, BlockNotice, ConfirmPrompt
from bot.gate.types import Action, Violation
from bot.platforms.slack.blocks.answer_builder import (
    PAGE_CHARS,
    SECTION_CHARS,
    answer_pages,
    footer_blocks,
    last_page_message,
    split_text,
)
from bot.platforms.slack.blocks.block_builder import block_notice_message
from bot.platforms.slack.blocks.confirm_builder import confirm_message, parse_confirm_value

FOOTER = AnswerFooter(
    reminder="⚠️ 事実を確認してください（第10条第1号）",
    provenance="この回答は【gpt-test】により作成されました。",
    policy_line="判定: ガイドライン（iwamizawa@令和7年#r1）",
    masked_line="送信前に伏せた情報: 氏名2件・電話番号1件",
    publish_rule="公開する場合: 「【生成AI名】により作成」と明記",
    output_note=None,
    partial_note="✂️ この回答は途中までです: 止まりました",
)


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("短い", 10, ["短い"]),
        ("", 10, [""]),
        ("一行目です\n二行目です\n三行目です\n", 12, ["一行目です\n二行目です\n", "三行目です\n"]),
        ("文が続きます。文が続きます。文が続きます。", 16, ["文が続きます。文が続きます。", "文が続きます。"]),
        ("区切りのない長い長い文字列", 5, ["区切りのな", "い長い長い", "文字列"]),
    ],
)
def test_split_text_prefers_line_and_sentence_ends(text: str, limit: int, pieces: list[str]) -> None:
    assert split_text(text, limit) == pieces
    assert "".join(split_text(text, limit)) == text


def test_pages_and_sections_stay_under_slack_limits() -> None:
    answer = ("とても長い回答の一文です。" * 300 + "\n") * 10
    pages = answer_pages(answer)
    assert "".join(pages) == answer and all(len(p) <= PAGE_CHARS for p in pages)
    message = last_page_message(pages[-1], FOOTER, 42)
    sections = [b for b in message["blocks"] if b["type"] == "section"]
    assert all(len(b["text"]["text"]) <= SECTION_CHARS for b in sections)
    assert len(message["blocks"]) <= 50


def test_the_footer_carries_every_line_and_the_three_buttons() -> None:
    blocks = footer_blocks(FOOTER, 42)
    texts = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    assert texts[0].startswith("✂️") and "第10条第1号" in texts[1] and "【gpt-test】" in texts[2]
    assert "氏名2件・電話番号1件" in texts[4] and "【生成AI名】により作成" in texts[5]
    buttons = blocks[-1]["elements"]
    assert [(b["text"]["text"], b["value"]) for b in buttons] == [("👍", "42"), ("👎", "42"), ("報告", "42")]


def test_a_block_notice_names_each_rule_and_article() -> None:
    notice = BlockNotice(
        headline="🚫 送信しませんでした。",
        violations=(
            Violation("election.campaign", Action.BLOCK, "地方公務員法第36条", "選挙運動の文章は作れません。"),
        ),
        contact="情報政策課",
    )
    message = block_notice_message(notice)
    assert "選挙運動の文章は作れません。\n根拠: 地方公務員法第36条" in message["text"]
    assert "お問い合わせ: 情報政策課" in str(message["blocks"])


def test_a_confirm_preview_quotes_the_masked_text_and_carries_the_pending_id() -> None:
    prompt = ConfirmPrompt(
        pending_id="p-1",
        asker_id="U1",
        headline="🔎 確認してください。",
        preview="【氏名1】さんへ\n案内",
        reasons=(),
        masked_line="伏せた情報: 氏名1件",
    )
    message = confirm_message(prompt, origin_ts="1700000000.000042")
    assert message["blocks"][1]["text"]["text"] == "> 【氏名1】さんへ\n> 案内"
    actions = message["blocks"][-1]["elements"]
    assert [a["action_id"] for a in actions] == ["confirm_send", "confirm_cancel"]
    assert parse_confirm_value(actions[0]["value"]) == ("p-1", "1700000000.000042")  # any process can resume it
    assert message["blocks"][-2]["text"]["text"] == prompt.pledge  # what 送信する means, right above the buttons
    assert "上の文だけが生成AIに送られます" in prompt.pledge and "責任を持つ" in prompt.pledge


@given(text=st.text(alphabet=st.sampled_from("あい。\n！？ab. "), max_size=400), limit=st.integers(1, 60))
def test_split_text_never_loses_reorders_or_overfills(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(piece) <= limit for piece in pieces)
    assert all(pieces) or pieces == [""]
