"""One turn of a conversation, from the employee's raw text to a labelled answer and its record.

The gate is the only way to the model: the new text and every earlier message of the thread go
through it (with one PlaceholderBook per thread), and only `Decision.redacted_text` values are
put into the model's messages. Anything that cannot run — the gate, the records — stops the turn
before the model is called (fail closed), with a Japanese sentence for the employee.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from adapters.base import ChatMessage, LLMAdapter, StreamEnd, StreamLimits, TextDelta
from bot.conversation.composer import (
    compose_block,
    compose_confirm,
    compose_footer,
    gate_failed_message,
    suspended_message,
)
from bot.conversation.context import RedactedEarlier, build_messages
from bot.conversation.output_guard import RELEASE_INTERVAL_S, OutputGuard
from bot.conversation.pending import PendingConfirmations, PendingQuestion
from bot.conversation.ports import (
    ConversationRecords,
    FinishedAnswer,
    GatePort,
    RecordsUnavailable,
    ReplySink,
    SuspensionInfo,
)
from bot.conversation.question import ReadyQuestion
from bot.conversation.threads import EarlierVerdict, ThreadMemories, ThreadMemory
from bot.conversation.turn import Turn
from bot.files.attaching import AttachedOutcome, attach_files, read_all
from bot.files.limits import FileLimits
from bot.files.types import FileContent, FileUnreadable
from bot.gate.policy import Policy, UnknownCityError
from bot.gate.types import Action, Decision, GateError, Request

log = logging.getLogger("aigate.conversation")
T = TypeVar("T")

MODEL_FAILED = "生成AIの呼び出しに失敗しました。しばらくしてからもう一度お試しください。"
OUTPUT_CHECK_FAILED = "回答の個人情報チェックを実行できなかったため、回答を表示しません。もう一度お試しください。"
# Characters of an attached file's extract that later messages of the thread carry as context.
FOLLOW_UP_FILE_CHARS = 3_000
CONFIRM_EXPIRED = "この確認は有効期限が切れたか、すでに処理されています。もう一度質問を送ってください。"
NOT_ASKER = "この操作は質問した本人だけができます。"
EMPTY_ANSWER = "生成AIから空の回答が返りました。質問の書き方を変えて、もう一度お試しください。"
# An audit write failed for a reason the records did not name (RecordsUnavailable carries its own sentence).
RECORDS_FAILED = (
    "利用記録を保存できなかったため、入力内容は生成AIに送信していません。しばらくしてからもう一度お試しください。"
)


class Outcome(StrEnum):
    ANSWERED = "answered"
    PARTIAL = "partial"
    BLOCKED = "blocked"
    CONFIRMING = "confirming"
    CANCELLED = "cancelled"
    FAILED = "failed"  # gate or model failure, told to the employee
    SUSPENDED = "suspended"
    UNAVAILABLE = "unavailable"  # records could not be written; nothing sent
    REFUSED = "refused"  # a button pressed by someone else, or an expired one
    DUPLICATE = "duplicate"  # a retry of an event another delivery (or process) already took


class StageClock:
    """Milliseconds per stage of one turn, for the log line operators read (no text, only timings)."""

    def __init__(self) -> None:
        self._last = time.monotonic()
        self.stages: dict[str, int] = {}

    def mark(self, stage: str) -> None:
        now = time.monotonic()
        self.stages[stage] = self.stages.get(stage, 0) + int((now - self._last) * 1000)
        self._last = now

    def __str__(self) -> str:
        return " ".join(f"{stage}={ms}ms" for stage, ms in self.stages.items())


@dataclass(frozen=True, slots=True)
class Prepared:
    """A turn judged and ready to be recorded: nothing of it has been shown or sent yet."""

    policy: Policy
    request: Request
    decision: Decision  # with attached files: the message and the files judged together
    messages: list[ChatMessage]
    files: AttachedOutcome | None = None  # what the audit record and the footer say about the files

    @property
    def audited(self) -> Decision:
        """What the record keeps: the message's redacted text and the files' figures, never the files' text."""
        return self.files.audited(self.decision) if self.files else self.decision

    def ready(self, turn: Turn, record_id: int) -> ReadyQuestion:
        return ReadyQuestion(
            city=turn.city,
            thread_id=turn.thread_id,
            messages=self.messages,
            decision=self.decision,
            record_id=record_id,
            file_notes=self.files.notes if self.files else (),
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a turn stops before the model, in Japanese; `private` notices go to the asker only."""

    message: str
    outcome: Outcome
    private: bool = False


class ConversationPipeline:
    def __init__(
        self,
        gate: GatePort,
        adapter: LLMAdapter,
        records: ConversationRecords,
        *,
        limits: StreamLimits | None = None,
        threads: ThreadMemories | None = None,
        pending: PendingConfirmations | None = None,
        file_limits: FileLimits | None = None,
        release_interval_s: float = RELEASE_INTERVAL_S,
    ) -> None:
        self.gate = gate
        # How often checked pieces of an answer are shown (Slack's edits allow about one a second; 0: at once).
        self.release_interval_s = release_interval_s
        self.file_limits = file_limits or FileLimits.from_env()
        self.adapter = adapter
        self.records = records
        self.limits = limits or StreamLimits()
        self.threads = threads or ThreadMemories()
        self.pending = pending or PendingConfirmations()

    # ---- one message ---------------------------------------------------------------------

    async def handle(self, turn: Turn, sink: ReplySink, *, confirmed: bool = False) -> Outcome:
        """Answer one message. `confirmed`: the asker already approved this message's masked preview
        (pressed 送信する in a process that no longer holds it), so a `confirm` decision is sent."""
        # The claim (one database write) runs while the silent work is done: the lookups and the
        # gate need no claim, only what the employee sees and the model call do. A retry of an
        # event already taken therefore shows nothing and calls nothing.
        clock = StageClock()
        claim = asyncio.ensure_future(self.records.claim_event(turn.event_id)) if turn.event_id else None
        try:
            prepared = await self._prepare(turn)
            clock.mark("prepare")
        finally:
            claimed = await self._claimed(claim)
            clock.mark("claim")
        if claimed is not True:
            return await self._not_claimed(turn, claimed, sink)
        if isinstance(prepared, Problem):  # 利用停止, an unknown city, or a gate that could not run
            await (sink.notice(prepared.message) if prepared.private else sink.error(prepared.message))
            return prepared.outcome
        await sink.decided(prepared.decision)
        action = prepared.decision.action
        if action is Action.ALLOW or (confirmed and action is Action.CONFIRM):
            return await self._record_and_answer(turn, prepared, sink, clock, confirmed=confirmed)
        return await self._record_and_hold(turn, prepared, sink)

    async def _claimed(self, claim: asyncio.Future[bool] | None) -> bool | RecordsUnavailable:
        if claim is None:
            return True
        try:
            return await claim
        except RecordsUnavailable as exc:
            return exc

    async def _not_claimed(self, turn: Turn, claimed: bool | RecordsUnavailable, sink: ReplySink) -> Outcome:
        if isinstance(claimed, RecordsUnavailable):
            await sink.notice(claimed.message)
            return Outcome.UNAVAILABLE
        log.info("event %s already taken (a Slack retry): nothing shown, nothing sent", turn.event_id)
        return Outcome.DUPLICATE

    async def _record_and_answer(
        self, turn: Turn, prepared: Prepared, sink: ReplySink, clock: StageClock, *, confirmed: bool
    ) -> Outcome:
        """allow (or a preview confirmed in another process): the audit record, then the model."""
        decision = prepared.decision
        if confirmed:
            self._mark_confirmed(turn.thread_id, turn.key, decision)
        # The audit record is written before the model is called; the progress shows meanwhile.
        recorded, shown = await asyncio.gather(self._record(prepared), sink.progress(), return_exceptions=True)
        if isinstance(shown, BaseException):
            log.error("could not show progress (%s); nothing sent", type(shown).__name__)
            return Outcome.FAILED
        if isinstance(recorded, RecordsUnavailable):
            await sink.error(recorded.message)  # in place of the progress shown
            return Outcome.UNAVAILABLE
        if isinstance(recorded, BaseException):  # cancelled, not failed
            raise recorded
        if decision.action is Action.CONFIRM and not await self._mark_sent(recorded, sink):
            return Outcome.UNAVAILABLE
        clock.mark("record+progress")
        return await self._answer(prepared.ready(turn, recorded), sink, clock)

    async def _record_and_hold(self, turn: Turn, prepared: Prepared, sink: ReplySink) -> Outcome:
        """block: why, to the asker only; confirm: the masked preview with 送信する / やめる. Recorded first."""
        try:
            record_id = await self._record(prepared)
        except RecordsUnavailable as exc:
            await sink.notice(exc.message)
            return Outcome.UNAVAILABLE
        if prepared.decision.action is Action.BLOCK:
            await sink.blocked(compose_block(prepared.policy, prepared.decision))
            return Outcome.BLOCKED
        held = PendingQuestion(
            prepared.ready(turn, record_id),
            asker_id=turn.user_id,
            created_at=time.monotonic(),
            key=turn.key,
            follow_up_text=self._follow_up_text(turn, prepared.decision),
        )
        pending_id = self.pending.add(held)
        await sink.confirm(
            compose_confirm(prepared.policy, prepared.decision, pending_id=pending_id, asker_id=turn.user_id)
        )
        await self._record_expired()
        return Outcome.CONFIRMING

    async def _record(self, prepared: Prepared) -> int:
        """The audit record, written before anything is shown of the answer or sent to the model."""
        return await self._audit_write(
            self.records.record_decision(
                prepared.request, prepared.audited, files=prepared.files.audit if prepared.files else None
            ),
            "audit record",
        )

    async def _audit_write(self, write: Awaitable[T], what: str) -> T:
        """The one rule for a record the model call waits for: whatever stops the write, the turn stops
        as `RecordsUnavailable` (fail closed, nothing sent), with the records' sentence or RECORDS_FAILED."""
        try:
            return await write
        except RecordsUnavailable:
            raise
        except Exception as exc:
            log.error("%s could not be written (%s); nothing sent", what, type(exc).__name__)
            raise RecordsUnavailable(RECORDS_FAILED) from exc

    # ---- before the first visible reply ----------------------------------------------------

    async def _prepare(self, turn: Turn) -> Prepared | Problem:
        """Everything before the first visible reply, shown to nobody: policy, 利用停止, the gate.

        The directory and 利用停止 lookups run beside the gate (both are silent); a stopped user's
        text is analysed for nothing, but nothing of it leaves the process.
        """
        try:
            policy = self.gate.policies.get(turn.city)
        except UnknownCityError as exc:
            return Problem(str(exc), Outcome.FAILED)
        request = turn.request()
        # Attached files are downloaded and extracted beside everything else (silent, nothing sent).
        reading = asyncio.ensure_future(read_all(turn.files, self.file_limits)) if turn.files else None
        try:
            stop, gated = await asyncio.gather(
                self._suspension(turn, request),
                self._gate_turn(turn, request, policy, reading),
                return_exceptions=True,
            )
        finally:
            if reading is not None and not reading.done():
                reading.cancel()
        if isinstance(stop, RecordsUnavailable):
            return Problem(stop.message, Outcome.UNAVAILABLE, private=True)
        if isinstance(stop, BaseException):
            log.error("利用停止 lookup failed: %s", type(stop).__name__)
            return Problem(gate_failed_message("管理者に連絡してください。"), Outcome.FAILED)
        if stop is not None:
            return Problem(suspended_message(stop.reason, policy.texts.contact), Outcome.SUSPENDED, private=True)
        if isinstance(gated, GateError):
            return Problem(gate_failed_message(gated.message), Outcome.FAILED)
        if isinstance(gated, BaseException):
            log.error("gate failed (%s); nothing sent", type(gated).__name__)
            return Problem(gate_failed_message("管理者に連絡してください。"), Outcome.FAILED)
        earlier, decision, attached = gated
        messages, dropped = build_messages(policy.name, earlier, decision.redacted_text)
        if dropped:
            log.info("thread %s: %d earlier messages left out for the token budget", turn.thread_id, dropped)
        return Prepared(policy, request, decision, messages, attached)

    async def _suspension(self, turn: Turn, request: Request) -> SuspensionInfo | None:
        """利用停止 of the asker, the channel or the 所属; the 所属 looked up goes on the request (the record)."""
        if request.department is None:
            request.department = await self.records.department_of(turn.user_id)
        return await self.records.suspension(turn.user_id, turn.channel, request.department)

    async def _gate_turn(
        self,
        turn: Turn,
        request: Request,
        policy: Policy,
        reading: asyncio.Future[list[FileContent | FileUnreadable]] | None,
    ) -> tuple[list[RedactedEarlier], Decision, AttachedOutcome | None]:
        """The thread's earlier messages, the new one and its files through the gate, under the thread's lock."""
        memory = self.threads.get(turn.thread_id)
        async with memory.lock:
            earlier = await self._gate_earlier(turn, memory)
            decision = await self.gate.acheck(request, placeholders=memory.book)
            if reading is None:
                if turn.key:
                    # Follow-ups reuse this verdict (and see it once the asker confirms a `confirm`).
                    memory.verdicts[turn.key] = EarlierVerdict(decision.action, decision.redacted_text)
                return earlier, decision, None
            attached = await attach_files(
                await reading,
                decision,
                gate=self.gate,
                policy=policy,
                book=memory.book,
                max_chars=self.file_limits.max_chars,
                request=request,
            )
            if turn.key and attached.screened is not None:
                # Follow-ups in the thread see the file's extract (shortened), not just the words.
                memory.verdicts[turn.key] = EarlierVerdict(
                    attached.decision.action, attached.follow_up_text(FOLLOW_UP_FILE_CHARS)
                )
            return earlier, attached.decision, attached

    async def _gate_earlier(self, turn: Turn, memory: ThreadMemory) -> list[RedactedEarlier]:
        """Every earlier message through the same gate and book; only allowed ones are kept."""
        kept: list[RedactedEarlier] = []
        for message in turn.earlier:
            verdict = memory.verdicts.get(message.key)
            if verdict is None:
                decision = await self.gate.acheck(turn.earlier_request(message), placeholders=memory.book)
                verdict = memory.remember(message.key, EarlierVerdict(decision.action, decision.redacted_text))
            if verdict.in_context and verdict.redacted_text.strip():
                kept.append(RedactedEarlier(message.author, verdict.redacted_text))
        return kept

    # ---- the asker's answer to a confirm preview -----------------------------------------

    async def confirm(self, pending_id: str, user_id: str, sink: ReplySink) -> Outcome:
        held = await self._owned(pending_id, user_id, sink)
        if held is None or self.pending.take(pending_id) is None:  # pressed twice at once: the first press wins
            return Outcome.REFUSED
        if held.record_id is not None and not await self._mark_sent(held.record_id, sink):
            return Outcome.UNAVAILABLE
        question = held.question
        self._mark_confirmed(question.thread_id, held.key, question.decision, held.follow_up_text)
        await sink.progress()
        return await self._answer(question, sink, StageClock())

    async def cancel(self, pending_id: str, user_id: str, sink: ReplySink) -> Outcome:
        held = await self._owned(pending_id, user_id, sink)
        if held is None:
            return Outcome.REFUSED
        if self.pending.take(pending_id) is not None and held.record_id is not None:
            try:
                await self.records.record_confirmation(held.record_id, "cancelled")
            except RecordsUnavailable:  # nothing was sent; the digest counts it as never answered
                log.warning("could not record the cancellation of record %s", held.record_id)
        return Outcome.CANCELLED

    async def _owned(self, pending_id: str, user_id: str, sink: ReplySink) -> PendingQuestion | None:
        """The preview still held here and pressed by its asker; otherwise the presser is told why not."""
        held = self.pending.peek(pending_id)
        if held is None:
            await sink.notice(CONFIRM_EXPIRED)
            return None
        if held.asker_id != user_id:
            await sink.notice(NOT_ASKER)
            return None
        return held

    def _follow_up_text(self, turn: Turn, decision: Decision) -> str:
        verdict = self.threads.get(turn.thread_id).verdicts.get(turn.key) if turn.key else None
        return verdict.redacted_text if verdict is not None else decision.redacted_text

    def _mark_confirmed(
        self, thread_id: str, key: str | None, decision: Decision, follow_up_text: str | None = None
    ) -> None:
        """The asker approved the masked question: later turns of the thread carry it like any other."""
        if key is None:
            return
        memory = self.threads.get(thread_id)
        known = memory.verdicts.get(key)
        text = known.redacted_text if known is not None else (follow_up_text or decision.redacted_text)
        memory.verdicts[key] = EarlierVerdict(decision.action, text, confirmed=True)

    async def _record_expired(self) -> None:
        """Previews that expired unanswered in this process are recorded as such (best effort: the digest
        counts an unanswered preview as expired once its lifetime is over anyway)."""
        for record_id in self.pending.take_expired():
            try:
                await self.records.record_confirmation(record_id, "expired")
            except RecordsUnavailable:
                log.warning("could not record the expiry of record %s", record_id)

    async def _mark_sent(self, record_id: int, sink: ReplySink) -> bool:
        """The record says the preview was sent before the model sees it (the digest counts only these)."""
        try:
            await self._audit_write(self.records.record_confirmation(record_id, "sent"), "confirmation")
        except RecordsUnavailable as exc:
            await sink.error(exc.message)
            return False
        return True

    def pending_asker(self, pending_id: str) -> str | None:
        held = self.pending.peek(pending_id)
        return held.asker_id if held else None

    # ---- the model call ------------------------------------------------------------------

    async def _answer(self, question: ReadyQuestion, sink: ReplySink, clock: StageClock) -> Outcome:
        """The model's stream, checked piece by piece before it is shown, then the footer and the figures."""
        guard = OutputGuard(
            self.gate, question.city, self.threads.get(question.thread_id).book, interval_s=self.release_interval_s
        )
        started = time.monotonic()
        try:
            end = await self._stream(question.messages, guard, sink, clock)
        except GateError as exc:
            log.warning("output check failed: %s", exc.detail or exc.message)
            await sink.error(OUTPUT_CHECK_FAILED)
            return Outcome.FAILED
        except Exception:
            log.exception("model stream or output check failed")
            await sink.error(MODEL_FAILED if not guard.text else OUTPUT_CHECK_FAILED)
            return Outcome.FAILED
        latency_ms = int((time.monotonic() - started) * 1000)
        outcome = await self._finish(question, guard, end, sink)
        clock.mark("finish")
        log.info("turn %s in %s: %s", outcome, question.thread_id, clock)
        # The answer's figures complete the record written before the call; the employee does not wait for it.
        if question.record_id is not None:
            await self._record_answer(question.record_id, end, latency_ms)
        return outcome

    async def _stream(
        self, messages: list[ChatMessage], guard: OutputGuard, sink: ReplySink, clock: StageClock
    ) -> StreamEnd | None:
        end: StreamEnd | None = None
        async for event in self.adapter.stream(messages, limits=self.limits):
            if isinstance(event, TextDelta):
                if not guard.text and not guard.pending:
                    clock.mark("first_token")
                guard.add(event.text)
                if guard.ready():
                    piece = await guard.release()
                    if piece:
                        await sink.append(piece)
            else:
                end = event
        clock.mark("model")
        rest = await guard.release(everything=True)
        if rest:
            await sink.append(rest)
        return end

    async def _finish(
        self, question: ReadyQuestion, guard: OutputGuard, end: StreamEnd | None, sink: ReplySink
    ) -> Outcome:
        error = end.error if end is not None else None
        if end is None or not guard.text.strip():
            await sink.error(error.message if error is not None else (MODEL_FAILED if end is None else EMPTY_ANSWER))
            return Outcome.FAILED
        footer = compose_footer(
            self.gate.policies.get(question.city),
            question.decision,
            model=end.model,
            output_counts=dict(guard.counts),
            partial_reason=error.message if error is not None else None,
            file_notes=question.file_notes,
        )
        await sink.finish(
            FinishedAnswer(
                text=guard.text, footer=footer, record_id=question.record_id, model=end.model, partial=error is not None
            )
        )
        return Outcome.PARTIAL if error is not None else Outcome.ANSWERED

    async def _record_answer(self, record_id: int, end: StreamEnd | None, latency_ms: int) -> None:
        model = end.model if end is not None else getattr(self.adapter, "model", "不明")
        try:
            await self.records.record_answer(
                record_id,
                model=model,
                tokens_in=end.input_tokens if end else None,
                tokens_out=end.output_tokens if end else None,
                latency_ms=latency_ms,
            )
        except RecordsUnavailable:
            log.warning("could not record the answer of record %s", record_id)
