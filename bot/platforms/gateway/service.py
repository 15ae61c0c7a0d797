"""One gateway request through the shared pipeline: the client's conversation becomes a Turn, the
pipeline gates every message with the request's one placeholder book, records the decision,
applies 利用停止, calls the model and checks its output; the sink turns that into events.

Each request gets a pipeline object of its own (a few references: cheap) so that its placeholder
book and the model's token figures belong to it alone; the gate, the adapter, the records and the
database are the process's shared ones.
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
from bot.conversation.threads import ThreadMemory
from bot.files.limits import FileLimits
from bot.gate.types import Decision, Request
from bot.platforms.gateway.confirmation import confirmation_code
from bot.platforms.gateway.keys import GatewayKey
from bot.platforms.gateway.protocol import ChatRequest
from bot.platforms.gateway.sink import GatewaySink, PreviewChanged
from bot.platforms.gateway.turns import build_turn

if TYPE_CHECKING:
    from adapters.base import LLMAdapter
    from bot.conversation.turn import Turn
    from bot.gate.gate import Gate
    from bot.gate.policy import Policy

log = logging.getLogger("aigate.gateway")

CODE_MISMATCH = (
    "🔎 この確認コードは、直前の質問を伏せ字にした内容と一致しませんでした。生成AIには何も送信していません。"
    "質問をもう一度送ってください。"
)
INTERNAL = "処理中に問題が発生しました。入力内容は生成AIに送信していません。続く場合は管理者に連絡してください。"


class OneRequestMemory:
    """The pipeline's thread memory for one request: one placeholder book, forgotten with the request."""

    def __init__(self) -> None:
        self.memory = ThreadMemory()

    def get(self, _thread_id: str) -> ThreadMemory:
        return self.memory


class RequestRecords:
    """The shared records, keeping the model's token figures of this request for OpenAI's `usage`."""

    def __init__(self, records: ConversationRecords) -> None:
        self._records = records
        self.tokens: tuple[int | None, int | None] = (None, None)
        # Set when the answer's figures are known: the response need not wait for their database write.
        self.answered = asyncio.Event()

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
        self.tokens = (tokens_in, tokens_out)
        self.answered.set()
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
    records: RequestRecords
    model: str  # the adapter's model, for the chunks before the answer says which model wrote it
    policy: Policy  # the key's city's
    task: asyncio.Task[Outcome] = field(repr=False)


class GatewayService:
    def __init__(
        self,
        gate: Gate,
        adapter: LLMAdapter,
        records: ConversationRecords,
        *,
        limits: StreamLimits | None = None,
        file_limits: FileLimits | None = None,
    ) -> None:
        self.gate = gate
        self.adapter = adapter
        self.records = records
        self.limits = limits or StreamLimits()
        self.file_limits = file_limits or FileLimits()
        self.pending = PendingConfirmations()  # the pipeline keeps confirm previews here; the gateway uses codes
        self._tasks: set[asyncio.Task[Outcome]] = set()

    @property
    def model(self) -> str:
        return str(getattr(self.adapter, "model", "aigate"))

    def start(self, key: GatewayKey, chat: ChatRequest, *, channel: str = "gateway") -> Run:
        """Start the turn (NoQuestionForCode: a code with no question before it). It runs to its end
        even if the client hangs up, so its record is completed."""
        built = build_turn(key, chat.messages, channel=channel)
        records = RequestRecords(self.records)
        pipeline = ConversationPipeline(
            self.gate,
            self.adapter,
            records,
            limits=self.limits,
            threads=OneRequestMemory(),  # type: ignore[arg-type]
            pending=self.pending,
            file_limits=self.file_limits,
        )
        sink = GatewaySink(partial(confirmation_code, key.digest, key.city), approved_code=built.approved_code)
        task = asyncio.create_task(self._run(pipeline, built.turn, sink, confirmed=built.approved_code is not None))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return Run(key, sink, records, self.model, self.gate.policies.get(key.city), task)

    async def _run(self, pipeline: ConversationPipeline, turn: Turn, sink: GatewaySink, *, confirmed: bool) -> Outcome:
        outcome = Outcome.FAILED
        try:
            outcome = await pipeline.handle(turn, sink, confirmed=confirmed)
        except PreviewChanged:
            log.info("gateway: a confirmation code did not match its question; nothing recorded or sent")
            outcome = Outcome.REFUSED
            await sink.notice(CODE_MISMATCH)
        except Exception:
            log.exception("gateway turn failed")
            await sink.error(INTERNAL)
        finally:
            sink.done(outcome)
        return outcome

    async def aclose(self, grace_s: float = 10.0) -> None:
        if self._tasks:
            _done, pending = await asyncio.wait(list(self._tasks), timeout=grace_s)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
