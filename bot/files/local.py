"""A file on this computer as an attachment (the console chat's /file), read within the same limits."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.files.limits import FileLimits
from bot.files.reading import too_large_reason
from bot.files.types import AttachedFile, FileUnreadable


def local_attachment(path: Path) -> AttachedFile:
    async def fetch(limits: FileLimits) -> bytes:
        return await asyncio.to_thread(_read, path, limits)

    try:
        size: int | None = path.stat().st_size
    except OSError:
        size = None
    return AttachedFile(name=path.name, size=size, mimetype=None, fetch=fetch)


def _read(path: Path, limits: FileLimits) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise FileUnreadable(path.name, f"ファイル {path} が見つかりません。", kind="missing") from None
    except OSError as exc:
        raise FileUnreadable(path.name, f"ファイル {path} を読めません（{exc.strerror}）。", kind="missing") from exc
    if len(data) > limits.max_bytes:
        raise FileUnreadable(path.name, too_large_reason(limits), kind="too_large", size=len(data))
    return data
