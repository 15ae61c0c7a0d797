"""Gateway requests through the gateway's one pipeline, built once at start-up.

The client's conversation becomes a Turn; the pipeline gates every message with the request's one
placeholder book (its own thread memory, bot/platforms/gateway/memory.py), records the decision,
applies 利用停止, calls the model and checks its output; the sink turns that into events.

The pipeline shares the process's gate (through `GatewayGate`, which does not analyse a resent
history again), adapter and records. It releases each checked sentence of the answer as soon as it
is checked (no Slack edit rate to respect), so the output check runs while the model still writes.
The model's token figures reach the request that asked for them through `GatewayRecords`; the
answer's record update (model, tokens, latency) is written after the response went out, by the
turn's task, which `aclose` waits for. The audit record itself is written before the model is
called, as for every platform (fail closed).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from adapters.base import StreamLimits
from bot.conversation.pending import PendingConfirmations
from bot.conversation.pipeline import ConversationPipeline, Outcome
from bot.conversation.ports import ConversationRecords, SuspensionInfo
from bot.files.limits import FileLimits
from bot.gate.types import Decision, Request
from bot.platforms.gateway.confirmation import confirmation_code
from bot.platforms.gateway.gatecache import GatewayGate
from bot.platforms.gateway.keys import GatewayKey
from bot.platforms.gateway.memory import RequestMemories
from bot.platforms.gateway.protocol import ChatRequest
from bot.platforms.gateway.sink import Figures, GatewaySink, PreviewChanged
from bot.platforms.gateway.turns import build_turn

if TYPE_CHECKING:
    from adapters.base import LLMAdapter
    from bot.conversation.turn import Turn
    from bot.gate.policy import Policy

log = logging.getLogger("aigate.gateway")

CODE_MISMATCH = (
    "🔎 この確認コードは、直前の質問を伏せ字にした内容と一致しませんでした。生成AIには何も送信していません。"
    "質問をもう一度送ってください。"
)
INTERNAL = "処理中に問題が発生しました。入力内容は生成AIに送信していません。続く場合は管理者に連絡してください。"


class GatewayRecords:
    """The shared records, handing each answer's token figures to the request waiting for them."""

    def __init__(self, records: ConversationRecords) -> None:
        self._records = records
        self._figures: dict[int, asyncio.Future[Figures]] = {}

    def expect(self, record_id: int) -> asyncio.Future[Figures]:
        """The figures `record_answer` will give for this record (asked for before it is called)."""
        return self._figures.setdefault(record_id, asyncio.get_running_loop().create_future())

    def forget(self, record_id: int) -> None:
        waiter = self._figures.pop(record_id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result((None, None))

    async def claim_event(self, event_id: str) -> bool:
        return await self._records.claim_event(event_id)

    async def department_of(self, user_id: str | None) -> str | None:
        return await self._records.department_of(user_id)

    async def suspension(
        self, user_id: str | None, channel: str | None, department: str | None
    ) -> SuspensionInfo | None:
        return await self._records.suspension(user_id, channel, department)

    async def record_decision(
        self, request: Request, decision: Decision, *, files: list[dict[str, Any]] | None = None
    ) -> int:
        return await self._records.record_decision(request, decision, files=files)

    async def record_answer(
        self, record_id: int, *, model: str, tokens_in: int | None, tokens_out: int | None, latency_ms: int
    ) -> None:
        waiter = self._figures.pop(record_id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result((tokens_in, tokens_out))  # the response need not wait for the write below
        await self._records.record_answer(
            record_id, model=model, tokens_in=tokens_in, tokens_out=tokens_out, latency_ms=latency_ms
        )

    async def set_feedback(self, record_id: int, feedback: str) -> None:
        await self._records.set_feedback(record_id, feedback)

    async def record_confirmation(self, record_id: int, outcome: str) -> None:
        await self._records.record_confirmation(record_id, outcome)


@dataclass
class Run:
    key: GatewayKey
    sink: GatewaySink
    model: str  # the adapter's model, for the chunks before the answer says which model wrote it
    policy: Policy  # the key's city's
    task: asyncio.Task[Outcome] = field(repr=False)


class GatewayService:
    def __init__(
        self,
        gate: GatewayGate,
        adapter: LLMAdapter,
        records: ConversationRecords,
        *,
        limits: StreamLimits | None = None,
        file_limits: FileLimits | None = None,
    ) -> None:
        self.gate = gate
        self.adapter = adapter
        self.records = GatewayRecords(records)
        self.memories = RequestMemories()
        self.pipeline = ConversationPipeline(
            gate,
            adapter,
            self.records,
            limits=limits or StreamLimits(),
            threads=self.memories,  # type: ignore[arg-type]
            pending=PendingConfirmations(),  # the pipeline keeps confirm previews here; the gateway uses codes
            file_limits=file_limits or FileLimits(),
            release_interval_s=0.0,
        )
        self._tasks: set[asyncio.Task[Outcome]] = set()

    @property
    def model(self) -> str:
        return str(getattr(self.adapter, "model", "aigate"))

    def start(self, key: GatewayKey, chat: ChatRequest, *, channel: str = "gateway") -> Run:
        """Start the turn (NoQuestionForCode: a code with no question before it). It runs to its end
        even if the client hangs up, so its record is completed."""
        built = build_turn(key, chat.messages, channel=channel)
        code_for = partial(confirmation_code, key.digest, key.city)
        self.memories.open(built.turn.thread_id, built.approved_earlier, code_for)
        sink = GatewaySink(code_for, self.records.expect, approved_code=built.approved_code)
        task = asyncio.create_task(self._run(built.turn, sink, confirmed=built.approved_code is not None))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return Run(key, sink, self.model, self.gate.policies.get(key.city), task)

    async def _run(self, turn: Turn, sink: GatewaySink, *, confirmed: bool) -> Outcome:
        outcome = Outcome.FAILED
        try:
            outcome = await self.pipeline.handle(turn, sink, confirmed=confirmed)
        except PreviewChanged:
            log.info("gateway: a confirmation code did not match its question; nothing recorded or sent")
            outcome = Outcome.REFUSED
            await sink.notice(CODE_MISMATCH)
        except Exception:
            log.exception("gateway turn failed")
            await sink.error(INTERNAL)
        finally:
            self.memories.close(turn.thread_id)
            if sink.record_id is not None:
                self.records.forget(sink.record_id)
            sink.done(outcome)
        return outcome

    async def aclose(self, grace_s: float = 10.0) -> None:
        """Wait for the turns still running (their answers' record updates), then stop the rest."""
        if self._tasks:
            _done, pending = await asyncio.wait(list(self._tasks), timeout=grace_s)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
