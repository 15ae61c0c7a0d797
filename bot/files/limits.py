"""How much of a file the bot reads and sends: size, time and character budget, from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_CHARS = 12_000
DEFAULT_MAX_FILES = 5


class FileLimitsError(ValueError):
    """A limit in the environment that cannot be used; `str()` is Japanese."""


@dataclass(frozen=True, slots=True)
class FileLimits:
    max_bytes: int = DEFAULT_MAX_BYTES  # AIGATE_FILE_MAX_BYTES: larger files are not downloaded
    timeout_s: float = DEFAULT_TIMEOUT_S  # AIGATE_FILE_TIMEOUT: seconds for one download
    max_chars: int = DEFAULT_MAX_CHARS  # AIGATE_FILE_MAX_CHARS: extracted characters sent, all files together
    max_files: int = DEFAULT_MAX_FILES  # AIGATE_FILE_MAX_COUNT: files per message

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> FileLimits:
        env = os.environ if environ is None else environ
        return cls(
            max_bytes=_positive(env, "AIGATE_FILE_MAX_BYTES", DEFAULT_MAX_BYTES, int),
            timeout_s=_positive(env, "AIGATE_FILE_TIMEOUT", DEFAULT_TIMEOUT_S, float),
            max_chars=_positive(env, "AIGATE_FILE_MAX_CHARS", DEFAULT_MAX_CHARS, int),
            max_files=_positive(env, "AIGATE_FILE_MAX_COUNT", DEFAULT_MAX_FILES, int),
        )


def _positive(env: Mapping[str, str], name: str, default: float, kind: type) -> Any:
    raw = env.get(name)
    if raw is None or str(raw).strip() == "":
        return kind(default)
    try:
        value = kind(str(raw).strip())
    except ValueError:
        raise FileLimitsError(f"{name}={raw!r} は数値ではありません。正の数を指定してください。") from None
    if value <= 0:
        raise FileLimitsError(f"{name}={raw!r} は使えません。正の数を指定してください。")
    return value
