"""`python -m bot --help` (and a command's --help) loads no chart, database or language-model library.

Each command module imports its heavy parts inside the command, so listing the commands takes a
fraction of a second; `-X importtime` names every module the interpreter imported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = {"matplotlib", "sqlmodel", "sqlalchemy", "alembic", "presidio_analyzer", "spacy", "ja_ginza", "sudachipy"}


def imported_packages(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "usage: python -m bot" in done.stdout
    # "import time: <self> | <cumulative> | <indented module name>"
    names = [line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")]
    assert "bot.cli" in names  # the listing is real: the command line was imported
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("args", [("--help",), ("db", "--help"), ("digest", "--help"), ("check", "--help")])
def test_help_loads_no_heavy_library(args: tuple[str, ...]) -> None:
    assert imported_packages(*args) & HEAVY == set()


def test_every_command_is_listed_in_the_help() -> None:
    from bot.cli import COMMAND_MODULES, build_parser

    listed = build_parser().format_help()
    for name in COMMAND_MODULES:
        assert name.rsplit(".", 1)[1].replace("_", "-") in listed
