"""/file in the console: the same reading, gate and refusals as in Slack, with files from this computer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.files import samples
from tests.platforms.console.test_console_chat import run_console

pytestmark = pytest.mark.slow


async def test_a_local_csv_is_masked_and_previewed_with_its_budget_note(gate, records, tmp_path: Path) -> None:
    path = tmp_path / "名簿.csv"
    path.write_bytes(samples.csv_bytes(samples.roster_rows(5), "cp932"))
    transcript = await run_console(gate, records, "iwamizawa", [f"/file {path}", "この名簿の件数を数えて"])
    assert "📎 名簿.csv を次の質問に添付します。" in transcript
    after = transcript.split("⏳", 1)[1]
    assert "【添付ファイル1: 名簿.csv（CSV）】" in after and "【氏名1】" in after
    for row in samples.roster_rows(5)[1:]:
        assert row[1] not in after


async def test_a_local_image_is_refused_and_the_next_question_has_no_file(gate, records, tmp_path: Path) -> None:
    path = tmp_path / "写真.png"
    path.write_bytes(samples.png_bytes())
    transcript = await run_console(gate, records, "maebashi", [f"/file {path}", "この写真を説明して", "挨拶文を作って"])
    refused, second = transcript.split("挨拶文を作って", 1)
    assert "「写真.png」: 画像ファイルは内容" in refused and "生成AIに送信しませんでした" in refused
    assert "添付ファイル" not in second and "【プレビュー】" in second


async def test_a_missing_local_file_is_explained_at_once_and_the_question_goes_without_it(
    gate, records, tmp_path: Path
) -> None:
    missing = tmp_path / "ない.csv"
    transcript = await run_console(gate, records, "niiza", [f"/file {missing}", "挨拶文を作って"])
    at_once, answered = transcript.split("あなた> 挨拶文を作って", 1)
    assert f"⚠️ ファイル {missing} が見つかりません。このファイルは添付していません。" in at_once
    assert "📎" not in transcript and "添付ファイル" not in answered
    assert "【プレビュー】" in answered and "生成AIに送信しませんでした" not in answered


async def test_a_folder_or_a_broken_path_is_refused_at_once(gate, records, tmp_path: Path) -> None:
    good = tmp_path / "メモ.txt"
    good.write_text("会議は来週です。", encoding="utf-8")
    transcript = await run_console(
        gate,
        records,
        "iwamizawa",
        [
            f"/file {tmp_path}",
            f"/file '{tmp_path}/メモ.txt",
            f"/file {tmp_path / 'ない.txt'} {good}",
            "要約して",
        ],
    )
    assert f"⚠️ {tmp_path} はフォルダです。ファイルを指定してください。このファイルは添付していません。" in transcript
    assert "引用符" in transcript and "何も添付していません" in transcript
    assert "ない.txt が見つかりません" in transcript and "📎 メモ.txt を次の質問に添付します。" in transcript
    answered = transcript.split("あなた> 要約して", 1)[1]
    assert "【添付ファイル1: メモ.txt" in answered and "会議は来週です。" in answered
