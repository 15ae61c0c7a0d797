"""The confirmation code that lets a plain chat UI say 送信する after a confirm preview.

A chat UI has no buttons, and the next request may reach another process or a restarted one, so
nothing is kept between requests: the code is an HMAC over the masked text the asker was shown,
keyed by the asker's API key (its sha256). When the next user message is only the code, the
earlier question goes through the gate again, and it is sent only if the gate gives exactly the
masked text whose code this is — the same text, with the same placeholders, the asker approved.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import unicodedata

CODE_LABEL = "確認コード"
_CODE = re.compile(r"^\s*(?:確認コード\s*[:：]?\s*)?([A-Z2-7]{4})[-\s]?([A-Z2-7]{4})\s*[。.]?\s*$")


def confirmation_code(key_digest: bytes, city: str, masked_text: str) -> str:
    """Eight letters and digits (XXXX-XXXX) that only this key gets for this masked text."""
    mac = hmac.new(
        key_digest, b"aigate-gateway-confirm\0" + city.encode() + b"\0" + masked_text.encode(), hashlib.sha256
    ).digest()
    letters = base64.b32encode(mac[:5]).decode("ascii")
    return f"{letters[:4]}-{letters[4:8]}"


def code_in(message: str) -> str | None:
    """The code when the message is nothing but a code (full-width letters and 確認コード: allowed)."""
    found = _CODE.match(unicodedata.normalize("NFKC", message).upper())
    return f"{found.group(1)}-{found.group(2)}" if found else None


def matches(code: str, key_digest: bytes, city: str, masked_text: str) -> bool:
    return hmac.compare_digest(code, confirmation_code(key_digest, city, masked_text))
