#!/usr/bin/env python3
"""One entry point for a newcomer: make the virtualenv, install the project, run it or test it.

    python3 scripts/dev.py chat    # install, then the local console on the embedded defaults
    python3 scripts/dev.py test    # install, then ruff, mypy and the whole test suite

Only the standard library is used here, because this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".aigate-installed"


def _project_fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_installed() -> None:
    """Create .venv and install the project with its dev extras, once per pyproject change."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before the project's Python is known
        sys.exit(f"Python 3.11 以上が必要です（現在: {sys.version.split()[0]}）。")
    if not PYTHON.exists():
        print("仮想環境 .venv を作成しています…", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _project_fingerprint():
        return
    print("依存パッケージをインストールしています（初回は数分かかります）…", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(_project_fingerprint())


def _postgres_listening(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def ensure_postgres() -> None:
    """Start the machine's PostgreSQL cluster if it is installed but not running (CI needs it)."""
    if _postgres_listening():
        return
    etc = Path("/etc/postgresql")
    versions = sorted(p.name for p in etc.iterdir()) if etc.is_dir() else []
    if not versions:
        print("注意: PostgreSQL が見つかりません。PostgreSQL のテストは CI 以外では省略されます。", flush=True)
        return
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"], check=False)


def run_tests(extra: list[str]) -> int:
    ensure_postgres()
    lint = subprocess.run([str(PYTHON), "-m", "ruff", "check", "."], cwd=ROOT)
    if lint.returncode != 0:
        return lint.returncode
    layout = subprocess.run([str(PYTHON), "-m", "ruff", "format", "--check", "."], cwd=ROOT)
    if layout.returncode != 0:
        return layout.returncode
    types = subprocess.run([str(PYTHON), "-m", "mypy"], cwd=ROOT)  # the files of [tool.mypy] in pyproject.toml
    if types.returncode != 0:
        return types.returncode
    return subprocess.run([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    ensure_installed()
    if command == "test":
        return run_tests(rest)
    if command == "install":
        return 0
    # Anything else is a bot subcommand: `dev.py chat`, `dev.py check --city niiza` …
    return subprocess.run([str(PYTHON), "-m", "bot", command, *rest], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
