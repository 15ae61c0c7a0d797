"""Reading a request body under a size limit, shared by the webhook bridge and the gateway."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web


async def read_limited_body(request: web.Request, limit: int, too_large: Callable[[int], Exception]) -> bytes:
    """The body, refused with `too_large(limit)` as soon as it passes the limit (a declared length unread)."""
    if request.content_length is not None and request.content_length > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)
