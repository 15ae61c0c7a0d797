"""The pipeline's thread memory for gateway requests: one placeholder book per request, forgotten with it.

The gateway's one pipeline (built at start-up) asks for a thread's memory by the turn's thread id;
each request has a thread id of its own, opened when the request starts and closed when its turn
ends, so no request sees another's placeholders and nothing outlives the request.

A question the asker sent with its confirmation code in an earlier request comes back in the
history the client resends. Its verdict is `confirm`, which the pipeline leaves out of the
context unless the asker approved it; here it counts as approved when the code that follows it
in the history is the one the gateway showed for exactly the masked text the gate gives now.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from bot.conversation.threads import EarlierVerdict, ThreadMemory
from bot.gate.types import Action


def _no_code(_masked_text: str) -> str:
    return ""


@dataclass
class RequestMemory(ThreadMemory):
    """One request's book and verdicts; a `confirm` question approved by its code is marked confirmed."""

    approved: dict[str, str] = field(default_factory=dict)  # earlier message key → the code sent after it
    code_for: Callable[[str], str] = _no_code  # masked text → this key's confirmation code

    def remember(self, key: str, verdict: EarlierVerdict) -> EarlierVerdict:
        code = self.approved.get(key)
        if (
            code is not None
            and verdict.action is Action.CONFIRM
            and hmac.compare_digest(self.code_for(verdict.redacted_text), code)
        ):
            verdict = replace(verdict, confirmed=True)
        return super().remember(key, verdict)


class RequestMemories:
    """`ThreadMemories` for the gateway: a fresh memory per request's thread id, dropped when it ends."""

    def __init__(self) -> None:
        self._open: dict[str, RequestMemory] = {}

    def open(self, thread_id: str, approved: dict[str, str], code_for: Callable[[str], str]) -> RequestMemory:
        memory = self._open[thread_id] = RequestMemory(approved=approved, code_for=code_for)
        return memory

    def close(self, thread_id: str) -> None:
        self._open.pop(thread_id, None)

    def get(self, thread_id: str) -> ThreadMemory:
        # Every gateway turn's thread is opened first; another id gets a memory that nothing keeps.
        return self._open.get(thread_id) or ThreadMemory()

    @property
    def open_count(self) -> int:
        """Requests under way (no __len__: the pipeline tests its `threads` argument for truth)."""
        return len(self._open)
