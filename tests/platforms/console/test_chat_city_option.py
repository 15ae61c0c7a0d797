"""`python -m bot chat --city tokyo`: the mistake is the option's, and the message says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_an_unknown_city_option_is_named_as_such(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "AIGATE_CITY"}
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'chat.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--city", "tokyo"],
        cwd=ROOT,
        env=environment,
        input="",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "--city tokyo: 市「tokyo」のポリシーはありません。使える市: iwamizawa（岩見沢市）" in done.stderr
    assert "AIGATE_CITY" not in done.stderr
