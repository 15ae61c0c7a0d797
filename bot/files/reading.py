"""From an attached file to its extracted content: download within the limits, check the kind, extract."""

from __future__ import annotations

import asyncio
import time

from bot.files.extract import extract
from bot.files.limits import FileLimits
from bot.files.sniff import detect_kind
from bot.files.types import AttachedFile, FileContent, FileUnreadable


def size_ja(size: int) -> str:
    """20MB, 1.5MB, 16KB, 512バイト."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + "MB"
    if size >= 1024:
        return f"{size / 1024:.1f}".removesuffix(".0") + "KB"
    return f"{size}バイト"


def too_large_reason(limits: FileLimits) -> str:
    return (
        f"ファイルが大きすぎます（上限 {size_ja(limits.max_bytes)}）。"
        "必要な部分だけを別のファイルにするか、本文に書いてください。"
    )


async def read_attachment(attached: AttachedFile, limits: FileLimits) -> FileContent:
    """The file's extracted content, or FileUnreadable saying in Japanese why it cannot be checked."""
    if attached.size is not None and attached.size > limits.max_bytes:
        raise FileUnreadable(attached.name, too_large_reason(limits), kind="too_large", size=attached.size)
    data = await attached.fetch(limits)
    if len(data) > limits.max_bytes:
        raise FileUnreadable(attached.name, too_large_reason(limits), kind="too_large", size=len(data))
    too_slow = FileUnreadable(
        attached.name,
        f"ファイルの読み取りが {limits.timeout_s:g} 秒以内に終わらなかったため、中止しました。",
        kind="extract_timeout",
        size=len(data),
    )
    started = time.monotonic()
    try:
        # The parser's thread cannot be stopped, but nobody waits for it past the limit.
        content = await asyncio.wait_for(asyncio.to_thread(extract_bytes, attached.name, data), limits.timeout_s)
    except TimeoutError:
        raise too_slow from None
    # A parser holding the interpreter can finish before the timer gets to run: late is late all the same.
    if time.monotonic() - started > limits.timeout_s:
        raise too_slow
    return content


def extract_bytes(name: str, data: bytes) -> FileContent:
    """Kind from the content (the name must agree), then the extractor for it. CPU-bound."""
    kind = detect_kind(name, data)
    try:
        return extract(name, kind, data)
    except FileUnreadable:
        raise
    except Exception as exc:  # a parser's own surprise: the file cannot be checked, so it is not sent
        raise FileUnreadable(
            name,
            f"{kind.label}ファイルを読み取れませんでした（壊れている可能性があります）。",
            kind=str(kind),
            size=len(data),
        ) from exc
