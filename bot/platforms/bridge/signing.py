"""Signing both ways: HMAC-SHA256 with the shared secret over the timestamp followed by the body.

    X-Aigate-Timestamp: 1764068400
    X-Aigate-Signature: v1=<hex of HMAC-SHA256(secret, "1764068400" + body)>

The relay signs what it sends, the bot signs its callbacks the same way. A request without a body
(GET) signs its path with the query instead, so a signature cannot be reused for another message.
A timestamp further than five minutes from now is refused: a captured request cannot be replayed
later.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from bot.platforms.bridge import errors

TIMESTAMP_HEADER = "X-Aigate-Timestamp"
SIGNATURE_HEADER = "X-Aigate-Signature"
VERSION = "v1"
TOLERANCE_S = 300


def signature(secret: str, timestamp: str, payload: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + payload, hashlib.sha256)
    return f"{VERSION}={mac.hexdigest()}"


def signed_headers(secret: str, payload: bytes, *, now: float | None = None) -> dict[str, str]:
    timestamp = str(int(now if now is not None else time.time()))
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature(secret, timestamp, payload)}


def verify(
    secret: str,
    timestamp: str | None,
    given: str | None,
    payload: bytes,
    *,
    now: float | None = None,
    tolerance_s: int = TOLERANCE_S,
) -> None:
    """Raise a BridgeError (401) unless the signature is fresh and made with the secret."""
    if not timestamp or not given:
        raise errors.missing_signature()
    if not timestamp.strip().isdigit() or not timestamp.isascii():
        raise errors.bad_timestamp()
    moment = now if now is not None else time.time()
    if abs(moment - int(timestamp)) > tolerance_s:
        raise errors.stale_timestamp(tolerance_s)
    expected = signature(secret, timestamp.strip(), payload)
    if not given.isascii() or not hmac.compare_digest(expected.encode(), given.strip().encode()):
        raise errors.bad_signature()
