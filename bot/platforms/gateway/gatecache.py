"""The gate as the gateway uses it: the same checks, without analysing again what a client resends.

A chat UI sends the whole conversation with every request, so without this each request would
run the gate again on every earlier message (and Open WebUI's title and tag requests resend it
all once more), one after another on the gate's one worker thread.

What the gate finds in a text and which rules it breaks depend only on the text and the city's
policy; only the placeholder numbers depend on the request's PlaceholderBook. So a decision is
kept without its redacted text, under a keyed digest of (city, policy version, text), and a
later request that sends the same text gets the placeholders from its own book, in its own
order: `redact` with the same findings, exactly what the gate itself would have written. No text
is kept — only the digest, the findings' positions and types, and the rules' ids and wording.

Output checks are the gate's own; a piece that is only white space (the line break after a
sentence) is returned as it is without a trip to the gate's thread, as the gate would return it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.gate.placeholders import redact

if TYPE_CHECKING:
    from bot.gate.gate import Gate
    from bot.gate.placeholders import PlaceholderBook
    from bot.gate.policy import PolicyBook
    from bot.gate.types import Decision, Finding, Request

MAX_DECISIONS = 4096
# One key per process, like the placeholder books: a digest says nothing outside this process.
_KEY = secrets.token_bytes(32)


class GatewayGate:
    """`GatePort` over the one `Gate`, remembering the decisions of texts already checked."""

    def __init__(self, gate: Gate, max_decisions: int = MAX_DECISIONS) -> None:
        self.gate = gate
        self._max = max_decisions
        self._decisions: OrderedDict[bytes, Decision] = OrderedDict()
        self.hits = 0

    @property
    def policies(self) -> PolicyBook:
        return self.gate.policies

    async def acheck(self, request: Request, placeholders: PlaceholderBook | None = None) -> Decision:
        policy = self.gate.policies.get(request.city)  # UnknownCityError, as from the gate
        digest = hmac.new(
            _KEY,
            "\0".join((request.city, policy.id, policy.policy_version, request.text)).encode(),
            hashlib.sha256,
        ).digest()
        known = self._decisions.get(digest)
        if known is not None:
            self._decisions.move_to_end(digest)
            self.hits += 1
            return replace(known, redacted_text=redact(request.text, known.findings, placeholders))
        decision = await self.gate.acheck(request, placeholders=placeholders)
        self._decisions[digest] = replace(decision, redacted_text="")
        while len(self._decisions) > self._max:
            self._decisions.popitem(last=False)
        return decision

    async def ascan_output(
        self, text: str, city: str, placeholders: PlaceholderBook | None = None
    ) -> tuple[str, list[Finding]]:
        self.gate.policies.get(city)  # UnknownCityError, as from the gate
        if not text.strip():
            return text, []
        return await self.gate.ascan_output(text, city, placeholders=placeholders)
