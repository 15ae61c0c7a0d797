"""Width normalisation that keeps every offset where it was.

NFKC would be the obvious choice, but it changes string length (㈱ → (株), ｶﾞ → ガ), so spans found
in the normalised text would no longer line up with what the employee typed. This map is strictly
one character to one character.
"""

from __future__ import annotations

import re

# Full-width ASCII (U+FF01–FF5E) to ASCII, the ideographic space to a space.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
# Characters people (and IMEs) type where a hyphen is meant inside a number: 090ー1234ー5678.
DASH_LOOKALIKES = "‐‑‒–—―−ーｰ─━"
_DASH_BETWEEN_DIGITS = re.compile(rf"(?<=[0-9])[{DASH_LOOKALIKES}](?=[0-9])")
_WIDTH_TABLE = str.maketrans(_WIDTH)


def normalize_width(text: str) -> str:
    """Full-width to half-width, and dash look-alikes between digits to '-'. Same length as `text`.

    ー (the long-vowel mark) is only touched between digits; mapping it everywhere would turn
    カード into カ-ド.
    """
    half = text.translate(_WIDTH_TABLE)
    return _DASH_BETWEEN_DIGITS.sub("-", half)
