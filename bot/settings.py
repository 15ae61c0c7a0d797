"""Process-wide settings read from the environment (and `.env`), never from code."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


@cache
def load_dotenv_once() -> None:
    """Read `.env` from the working directory if present; real environment variables win."""
    env_file = Path.cwd() / ".env"
    if env_file.is_file():
        from dotenv import load_dotenv

        load_dotenv(env_file, override=False)


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default
