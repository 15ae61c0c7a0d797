"""The answer check while a model streams: however the stream is cut, the answer is masked the same way.

A model's text arrives in arbitrary pieces. The guard must never scan a half name (「鈴木一」) or a
single kanji as a name, must check a last line without 。, and must give the same masked answer
whether the text came whole or one character at a time.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.conversation.output_guard import FORCE_RELEASE_CHARS, OutputGuard
from bot.gate import PlaceholderBook

pytestmark = pytest.mark.slow

CITY = "nagareyama"

# Answers as a model writes them; the invented contact comes last, with or without a final 。.
ANSWERS = [
    "令和8年1月の窓口休業についてお知らせします。\n年末年始（12月29日から1月3日まで）は市役所の窓口を休業します。"
    "\nお問い合わせは市民課までお願いします。\n担当：鈴木一郎（048-477-1111）",
    "期日前投票所の開設日時は次のとおりです。\n・市役所本庁舎：1月10日から1月17日まで、午前8時30分から午後8時まで"
    "\n・東部出張所：1月14日から1月17日まで\nご不明な点は選挙管理委員会事務局の佐藤花子さん（04-7150-6072）にお問い合わせください。",
    "市民向けの年末年始の窓口休業のお知らせ",
    "期日前投票所の開設日時",
    "Thank you for your inquiry. The office is closed from Dec. 29. Please call Mr. Ichiro Suzuki at 048-477-1111",
    "お礼状の文案です。\n\n拝啓　時下ますますご清祥のこととお慶び申し上げます。先日はご多忙のところ、市の防災訓練に"
    "ご協力いただき、誠にありがとうございました。今後ともよろしくお願い申し上げます。\n敬具\n\n"
    "流山市総務部防災危機管理課　田中美咲（TEL 04-7158-1111、tanaka.misaki@example.jp）。",
    "ご質問の件、確かではありませんが、制度の詳細は原典でご確認ください！担当の山本健太さんの連絡先は090-1234-5678です",
    "接続手順です。\n1. SSIDを選びます。\n2. パスワード Niiza2025!Wifi を入力します! Done? "
    "詳しくは https://example.jp/wifi?id=3 へ",
]


def chunked(text: str, cuts: list[int]) -> list[str]:
    points = sorted({c % (len(text) + 1) for c in cuts} | {0, len(text)})
    return [text[a:b] for a, b in itertools.pairwise(points)]


async def guarded(gate, pieces: list[str], *, release_each: bool = True) -> tuple[str, dict[str, int]]:
    """Feed the pieces as a stream would (releasing whatever is ready after each), then the end."""
    guard = OutputGuard(gate, CITY, PlaceholderBook(), interval_s=0.0)
    shown: list[str] = []
    for piece in pieces:
        guard.add(piece)
        if release_each and guard.ready():
            shown.append(await guard.release())
    shown.append(await guard.release(everything=True))
    assert "".join(shown) == guard.text
    return guard.text, dict(guard.counts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=st.sampled_from(ANSWERS), cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=40))
def test_any_chunking_masks_the_answer_as_the_whole_text(gate, answer: str, cuts: list[int]) -> None:
    whole = asyncio.run(guarded(gate, [answer], release_each=False))
    streamed = asyncio.run(guarded(gate, chunked(answer, cuts)))
    assert streamed == whole


@pytest.mark.parametrize("answer", ANSWERS)
async def test_one_character_at_a_time_is_the_whole_text(gate, answer: str) -> None:
    assert await guarded(gate, list(answer)) == await guarded(gate, [answer], release_each=False)


@pytest.mark.parametrize("final", ["", "。"])
async def test_an_invented_contact_on_the_last_line_is_masked_with_or_without_a_full_stop(gate, final: str) -> None:
    text, counts = await guarded(gate, list("以下のとおりです。\n担当：鈴木一郎（048-477-1111）" + final))
    assert text == "以下のとおりです。\n担当：【氏名1】（【電話番号1】）" + final
    assert counts == {"PERSON": 1, "PHONE_NUMBER": 1}


@pytest.mark.parametrize("harmless", ["市民向けの年末年始の窓口休業のお知らせ", "期日前投票所の開設日時"])
async def test_harmless_text_without_a_full_stop_is_not_cut_into_single_characters(gate, harmless: str) -> None:
    assert await guarded(gate, list(harmless)) == (harmless, {})


async def test_the_whole_answer_masks_what_a_single_scan_of_it_masks(gate) -> None:
    for answer in ANSWERS:
        masked, _ = gate.scan_output(answer, CITY, PlaceholderBook())
        assert (await guarded(gate, list(answer)))[0] == masked


async def test_a_long_line_without_any_sentence_end_is_never_cut_inside_a_name_or_number(gate) -> None:
    for shift in range(0, 24, 3):
        text = "あ" * (FORCE_RELEASE_CHARS - 10 + shift) + "鈴木一郎（048-477-1111）に" + "い" * 100
        shown, counts = await guarded(gate, [text[i : i + 7] for i in range(0, len(text), 7)])
        assert "鈴木" not in shown and "1111" not in shown and "【氏名1】" in shown and "【電話番号1】" in shown
        assert counts == {"PERSON": 1, "PHONE_NUMBER": 1}
        assert shown == (await guarded(gate, [text], release_each=False))[0]


async def test_a_long_line_is_released_before_the_stream_ends(gate) -> None:
    guard = OutputGuard(gate, CITY, PlaceholderBook(), interval_s=0.0)
    guard.add("お知らせ、" * (FORCE_RELEASE_CHARS // 5 + 10))
    assert guard.ready()
    first = await guard.release()
    assert first and len(first) <= FORCE_RELEASE_CHARS and first.endswith("、") and guard.pending


async def test_a_password_with_an_exclamation_mark_is_masked_whole(gate) -> None:
    text, counts = await guarded(gate, list("庁内Wi-Fiのパスワードは Niiza2025!Wifi です。"))
    assert text == "庁内Wi-Fiのパスワードは 【認証情報1】 です。" and counts == {"CREDENTIAL": 1}


async def test_every_prompt_of_the_bench_corpus_streamed_is_masked_as_one_scan_of_it(gate) -> None:
    # Prompts, not answers, but the same Japanese office text with names, numbers and credentials in it.
    corpus = Path(__file__).parents[2] / "bench" / "data" / "prompts.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 300
    rng = random.Random(12)
    for text in texts:
        cuts = [rng.randrange(len(text) + 1) for _ in range(rng.randrange(1, 30))]
        whole, _ = gate.scan_output(text, CITY, PlaceholderBook())
        assert (await guarded(gate, chunked(text, cuts)))[0] == whole, text
