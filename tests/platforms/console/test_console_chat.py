"""The local console: the same pipeline as Slack, driven here through piped input."""

from __future__ import annotations

import io

import pytest

from adapters.offline import OfflineAdapter
from bot.conversation.pipeline import ConversationPipeline
from bot.platforms.console.session import ConsoleSession


async def run_console(gate, records, city: str, lines: list[str]) -> str:
    out = io.StringIO()
    pipeline = ConversationPipeline(gate, OfflineAdapter(), records)
    session = ConsoleSession(pipeline, city, out=out, inp=io.StringIO("".join(line + "\n" for line in lines)))
    assert await session.run() == 0
    return out.getvalue()


async def test_a_newcomer_sees_redaction_provenance_and_a_block(gate, records) -> None:
    transcript = await run_console(
        gate,
        records,
        "iwamizawa",
        [
            "山田太郎さん（090-1234-5678）への案内文を丁寧に書き直してください。",
            "市長選挙で現職候補への投票を呼びかける文章を作ってください。",
        ],
    )
    answer, blocked = transcript.split("市長選挙で現職候補", 1)
    assert "【プレビュー】" in answer and "【氏名1】さん" in answer
    assert "山田太郎" not in answer.split("⏳", 1)[1]  # the echoed input has it; nothing after it does
    assert "この回答は【offline-preview】により作成" in answer
    assert "送信前に伏せた情報: 氏名1件・電話番号1件" in answer
    assert "生成AIに送信しませんでした" in blocked and "根拠: " in blocked and "第8条第5号" in blocked


async def test_follow_ups_continue_the_thread_with_the_same_placeholders(gate, records) -> None:
    transcript = await run_console(
        gate,
        records,
        "iwamizawa",
        [
            "山田太郎さんへのお礼状を作ってください。",
            "山田太郎さんの部分をもっと丁寧にしてください。",
        ],
    )
    second = transcript.split("もっと丁寧に", 1)[1]
    assert second.count("【氏名1】") >= 2  # the earlier turn and the new one, one person, one placeholder
    assert "【氏名2】" not in second


async def test_confirm_waits_for_yes_and_no_sends_nothing(gate, records) -> None:
    transcript = await run_console(
        gate,
        records,
        "nagareyama",
        [
            "山田太郎さんへの案内文を書いてください。",
            "n",
            "佐藤花子さんへの案内文を書いてください。",
            "y",
        ],
    )
    first, second = transcript.split("佐藤花子さんへの案内文", 1)
    assert "【氏名1】さんへの案内文を書いてください。" in first and "取りやめました" in first
    assert "【プレビュー】" not in first
    assert "【プレビュー】" in second and "この回答は【offline-preview】" in second


async def test_help_new_thread_and_quit(gate, records) -> None:
    transcript = await run_console(gate, records, "niiza", ["/help", "/new", "/quit", "届かない質問"])
    assert transcript.count("使い方:") == 2 and "新しいスレッドを始めました。" in transcript
    assert "届かない質問" not in transcript


async def test_the_offline_preview_shows_harmless_questions_unchanged_and_masks_names(gate, records) -> None:
    transcript = await run_console(
        gate,
        records,
        "iwamizawa",
        [
            "市民向けの年末年始の窓口休業のお知らせ",
            "/new",
            "期日前投票所の開設日時",
            "/new",
            "担当：鈴木一郎（048-477-1111）",
        ],
    )
    first, second, third = (part.split("⏳", 1)[1] for part in transcript.split("あなた> ")[1::2])
    for shown, question in ((first, "市民向けの年末年始の窓口休業のお知らせ"), (second, "期日前投票所の開設日時")):
        assert f"［利用者］\n{question}\n" in shown
        assert shown.count("【氏名") == 1 and "🔒" not in shown  # only the system prompt's example placeholder
    assert "［利用者］\n担当：【氏名1】（【電話番号1】）\n" in third and "鈴木" not in third and "1111" not in third


async def test_a_fourth_offline_turn_stays_short(gate, records) -> None:
    questions = ["会議の案内文を作って", "もっと短く", "敬語にして", "件名もつけて"]
    transcript = await run_console(gate, records, "iwamizawa", questions)
    fourth = transcript.split("あなた> 件名もつけて", 1)[1].split("─" * 60, 1)[0]
    assert fourth.count("【プレビュー】") == 1 and fourth.count("あなたは岩見沢市の職員") == 0
    assert all(fourth.count(f"［利用者］\n{q}\n") == 1 for q in questions)
    assert len([line for line in fourth.splitlines() if line.strip()]) <= 20  # it was about a hundred


@pytest.mark.parametrize("city", ["iwamizawa", "niiza", "nagareyama", "maebashi", "matsudo"])
async def test_the_first_name_of_a_thread_is_name_1_after_a_preview(gate, records, city: str) -> None:
    transcript = await run_console(
        gate,
        records,
        city,
        [
            "市民向けの年末年始の窓口休業のお知らせ",
            "期日前投票所の開設日時を案内する文を作って",
            "山田太郎さんに送る形にして",
            "y",
        ],
    )
    after = transcript.split("あなた> 山田太郎さんに送る形にして", 1)[1]
    assert "【氏名1】さんに送る形にして" in after and "【氏名2】" not in after
    assert "🔒" not in transcript


@pytest.mark.parametrize("city", ["niiza", "nagareyama", "maebashi", "matsudo"])
async def test_the_confirm_text_says_what_leaves_and_who_answers_for_it(gate, records, city: str) -> None:
    question = "山田太郎さん（090-1234-5678）への案内文を書いてください。"
    transcript = await run_console(gate, records, city, [question, "n"])
    confirm = transcript.split("取りやめました", 1)[0]
    assert "生成AIに送られるのは、次の文（個人情報などは伏せ字にしたもの）だけです。" in confirm
    assert "  > 【氏名1】さん（【電話番号1】）への案内文を書いてください。" in confirm
    assert "に置き換えました" in confirm and "生成AIに送りません" in confirm  # the ban on input, kept
    assert "上の文だけが生成AIに送られます" in confirm and "送信に責任を持つ" in confirm
    assert "差し支え" not in confirm  # no more 「禁止されています」 followed by 「差し支えないか」
