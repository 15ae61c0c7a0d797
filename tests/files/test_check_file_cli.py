"""`python -m bot check-file`, run as an operator runs it: a subprocess with files on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.files import samples

ROOT = Path(__file__).resolve().parents[2]


def run_check_file(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", "check-file", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


@pytest.mark.slow
def test_a_roster_is_judged_with_figures_article_and_the_text_that_would_be_sent(tmp_path: Path) -> None:
    path = tmp_path / "名簿.csv"
    path.write_bytes(samples.csv_bytes(samples.roster_rows(30)))
    result = run_check_file("--city", "maebashi", "--json", str(path))
    assert result.returncode == 1, result.stderr  # 1: it would not be sent
    record = json.loads(result.stdout)
    assert record["action"] == "block"
    assert record["found"]["PERSON"] == 30 and record["people"] == 30
    assert record["violations"][0]["rule"] == "files.personal_data_bulk"
    assert "3(2)" in record["violations"][0]["article"]
    assert "鈴木結衣" not in record["text"] and "【氏名1】" in record["text"]


def test_a_file_that_cannot_be_checked_is_explained_without_loading_the_gate(tmp_path: Path) -> None:
    path = tmp_path / "写真.png"
    path.write_bytes(samples.png_bytes())
    result = run_check_file("--city", "niiza", str(path))
    assert result.returncode == 1
    assert "判定: 送信不可（block）" in result.stdout
    assert "「写真.png」: 画像ファイルは内容" in result.stdout
