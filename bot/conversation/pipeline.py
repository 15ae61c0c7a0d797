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
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from adapters.base import ChatMessage, StreamEnd, StreamLimits, TextDelta
from bot.conversation.composer import (
    compose_block,
    compose_confirm,
    compose_footer,
    gate_failed_message,
    suspended_message,
)
from bot.conversation.context import RedactedEarlier, build_messages
from bot.conversation.output_guard import OutputGuard
from bot.conversation.pending import PendingConfirmations, PendingQuestion
from bot.conversation.ports import (
    ConversationRecords,
    FinishedAnswer,
    RecordsUnavailable,
    ReplySink,
    SuspensionInfo,
)
from bot.conversation.threads import EarlierVerdict, ThreadMemories, ThreadMemory
from bot.conversation.turn import Author, Turn
from bot.files.attaching import AttachedOutcome, attach_files, read_all
from bot.files.limits import FileLimits
from bot.gate.policy import Policy, UnknownCityError
from bot.gate.types import Action, Decision, GateError, Request

log = logging.getLogger("aigate.conversation")

MODEL_FAILED = "生成AIの呼び出しに失敗しました。しばらくしてからもう一度お試しください。"
OUTPUT_CHECK_FAILED = "回答の個人情報チェックを実行できなかったため、回答を表示しません。もう一度お試しください。"
# Characters of an attached file's extract that later messages of the thread carry as context.
FOLLOW_UP_FILE_CHARS = 3_000
CONFIRM_EXPIRED = "この確認は有効期限が切れたか、すでに処理されています。もう一度質問を送ってください。"
NOT_ASKER = "この操作は質問した本人だけができます。"
EMPTY_ANSWER = "生成AIから空の回答が返りました。質問の書き方を変えて、もう一度お試しください。"


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


class Prepared(NamedTuple):
    policy: Policy
    request: Request
    decision: Decision  # with attached files: the message and the files judged together
    messages: list[ChatMessage]
    files: AttachedOutcome | None = None  # what the audit record and the footer say about the files


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a turn stops before the model, in Japanese; `private` notices go to the asker only."""

    message: str
    outcome: Outcome
    private: bool = False


class ConversationPipeline:
    def __init__(
        self,
        gate: Any,
        adapter: Any,
        records: ConversationRecords,
        *,
        limits: StreamLimits | None = None,
        threads: ThreadMemories | None = None,
        pending: PendingConfirmations | None = None,
        file_limits: FileLimits | None = None,
    ) -> None:
        self.gate = gate
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
        if isinstance(claimed, RecordsUnavailable):
            await sink.notice(claimed.message)
            return Outcome.UNAVAILABLE
        if claimed is False:
            log.info("event %s already taken (a Slack retry): nothing shown, nothing sent", turn.event_id)
            return Outcome.DUPLICATE
        if isinstance(prepared, Problem):
            await (sink.notice(prepared.message) if prepared.private else sink.error(prepared.message))
            return prepared.outcome
        policy, request, decision, messages, files = prepared
        await sink.decided(decision)
        # The record keeps the message's redacted text and the files' figures, never the files' text.
        audited = files.audited(decision) if files else decision
        file_audit = files.audit if files else None
        file_notes = files.notes if files else ()

        if decision.action is Action.ALLOW or (confirmed and decision.action is Action.CONFIRM):
            if confirmed:
                self._mark_confirmed(turn.thread_id, turn.key, decision)
            # The audit record is written before the model is called; the progress shows meanwhile.
            recorded, shown = await asyncio.gather(
                self.records.record_decision(request, audited, files=file_audit), sink.progress(),
                return_exceptions=True,
            )
            if isinstance(shown, BaseException):
                log.error("could not show progress (%s); nothing sent", type(shown).__name__)
                return Outcome.FAILED
            if isinstance(recorded, BaseException):
                await sink.error(recorded.message if isinstance(recorded, RecordsUnavailable) else MODEL_FAILED)
                return Outcome.UNAVAILABLE
            if decision.action is Action.CONFIRM and not await self._mark_sent(recorded, sink):
                return Outcome.UNAVAILABLE
            clock.mark("record+progress")
            return await self._answer(turn.city, turn.thread_id, decision, messages, recorded, sink,
                                      progress_shown=True, clock=clock, file_notes=file_notes)
        try:
            record_id = await self.records.record_decision(request, audited, files=file_audit)
        except RecordsUnavailable as exc:
            await sink.notice(exc.message)
            return Outcome.UNAVAILABLE
        if decision.action is Action.BLOCK:
            await sink.blocked(compose_block(policy, decision))
            return Outcome.BLOCKED
        pending_id = self.pending.add(
            PendingQuestion(
                asker_id=turn.user_id,
                city=turn.city,
                thread_id=turn.thread_id,
                messages=messages,
                decision=decision,
                record_id=record_id,
                created_at=time.monotonic(),
                file_notes=file_notes,
                key=turn.key,
                follow_up_text=self._follow_up_text(turn, decision),
            )
        )
        await sink.confirm(compose_confirm(policy, decision, pending_id=pending_id, asker_id=turn.user_id))
        await self._record_expired()
        return Outcome.CONFIRMING

    async def _claimed(self, claim: asyncio.Future[bool] | None) -> bool | RecordsUnavailable:
        if claim is None:
            return True
        try:
            return await claim
        except RecordsUnavailable as exc:
            return exc

    async def _prepare(self, turn: Turn) -> Prepared | Problem:
        """Everything before the first visible reply, shown to nobody: policy, 利用停止, the gate.

        The directory and 利用停止 lookups run beside the gate (both are silent); a stopped user's
        text is analysed for nothing, but nothing of it leaves the process.
        """
        try:
            policy = self.gate.policies.get(turn.city)
        except UnknownCityError as exc:
            return Problem(str(exc), Outcome.FAILED)
        request = Request(
            text=turn.text,
            city=turn.city,
            user_id=turn.user_id,
            department=turn.department,
            channel=turn.channel,
            thread_id=turn.thread_id,
            platform=turn.platform,
        )

        async def stop_in_force() -> SuspensionInfo | None:
            if turn.department is None:
                turn.department = request.department = await self.records.department_of(turn.user_id)
            return await self.records.suspension(turn.user_id, turn.channel, turn.department)

        # Attached files are downloaded and extracted beside everything else (silent, nothing sent).
        reading = asyncio.ensure_future(read_all(turn.files, self.file_limits)) if turn.files else None

        async def through_gate() -> tuple[list[RedactedEarlier], Decision, AttachedOutcome | None]:
            memory = self.threads.get(turn.thread_id)
            async with memory.lock:
                earlier = await self._gate_earlier(turn, memory)
                decision = await self.gate.acheck(request, placeholders=memory.book)
                attached = None
                if reading is not None:
                    attached = await attach_files(
                        await reading, decision, gate=self.gate, policy=policy, book=memory.book,
                        max_chars=self.file_limits.max_chars, request=request,
                    )
                    if turn.key and attached.screened is not None:
                        # Follow-ups in the thread see the file's extract (shortened), not just the words.
                        memory.verdicts[turn.key] = EarlierVerdict(
                            attached.decision.action, attached.follow_up_text(FOLLOW_UP_FILE_CHARS)
                        )
                elif turn.key:
                    # Follow-ups reuse this verdict (and see it once the asker confirms a `confirm`).
                    memory.verdicts[turn.key] = EarlierVerdict(decision.action, decision.redacted_text)
                return earlier, attached.decision if attached else decision, attached

        try:
            stop, gated = await asyncio.gather(stop_in_force(), through_gate(), return_exceptions=True)
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

    async def _gate_earlier(self, turn: Turn, memory: ThreadMemory) -> list[RedactedEarlier]:
        """Every earlier message through the same gate and book; only allowed ones are kept."""
        kept: list[RedactedEarlier] = []
        for message in turn.earlier:
            verdict = memory.verdicts.get(message.key)
            if verdict is None:
                author_id = message.author_id if message.author is not Author.BOT else None
                decision = await self.gate.acheck(
                    Request(text=message.text, city=turn.city, user_id=author_id, channel=turn.channel,
                            thread_id=turn.thread_id, platform=turn.platform),
                    placeholders=memory.book,
                )
                verdict = EarlierVerdict(decision.action, decision.redacted_text)
                memory.verdicts[message.key] = verdict
            if verdict.in_context and verdict.redacted_text.strip():
                kept.append(RedactedEarlier(message.author, verdict.redacted_text))
        return kept

    # ---- the asker's answer to a confirm preview -----------------------------------------

    async def confirm(self, pending_id: str, user_id: str, sink: ReplySink) -> Outcome:
        question = self.pending.peek(pending_id)
        if question is None:
            await sink.notice(CONFIRM_EXPIRED)
            return Outcome.REFUSED
        if question.asker_id != user_id:
            await sink.notice(NOT_ASKER)
            return Outcome.REFUSED
        if self.pending.take(pending_id) is None:  # pressed twice at once: the first press wins
            return Outcome.REFUSED
        if question.record_id is not None and not await self._mark_sent(question.record_id, sink):
            return Outcome.UNAVAILABLE
        self._mark_confirmed(question.thread_id, question.key, question.decision, question.follow_up_text)
        return await self._answer(
            question.city, question.thread_id, question.decision, question.messages, question.record_id, sink,
            file_notes=question.file_notes,
        )

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

    async def cancel(self, pending_id: str, user_id: str, sink: ReplySink) -> Outcome:
        question = self.pending.peek(pending_id)
        if question is None:
            await sink.notice(CONFIRM_EXPIRED)
            return Outcome.REFUSED
        if question.asker_id != user_id:
            await sink.notice(NOT_ASKER)
            return Outcome.REFUSED
        if self.pending.take(pending_id) is not None and question.record_id is not None:
            try:
                await self.records.record_confirmation(question.record_id, "cancelled")
            except RecordsUnavailable:  # nothing was sent; the digest counts it as never answered
                log.warning("could not record the cancellation of record %s", question.record_id)
        return Outcome.CANCELLED

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
            await self.records.record_confirmation(record_id, "sent")
        except RecordsUnavailable as exc:
            await sink.error(exc.message)
            return False
        return True

    def pending_asker(self, pending_id: str) -> str | None:
        question = self.pending.peek(pending_id)
        return question.asker_id if question else None

    # ---- the model call ------------------------------------------------------------------

    async def _answer(
        self,
        city: str,
        thread_id: str,
        decision: Decision,
        messages: list[ChatMessage],
        record_id: int | None,
        sink: ReplySink,
        *,
        progress_shown: bool = False,
        clock: StageClock | None = None,
        file_notes: tuple[str, ...] = (),
    ) -> Outcome:
        clock = clock or StageClock()
        policy = self.gate.policies.get(city)
        memory = self.threads.get(thread_id)
        if not progress_shown:
            await sink.progress()
        guard = OutputGuard(self.gate, city, memory.book)
        started = time.monotonic()
        end: StreamEnd | None = None
        try:
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
        except GateError as exc:
            log.warning("output check failed: %s", exc.detail or exc.message)
            await sink.error(OUTPUT_CHECK_FAILED)
            return Outcome.FAILED
        except Exception:
            log.exception("model stream or output check failed")
            await sink.error(MODEL_FAILED if not guard.text else OUTPUT_CHECK_FAILED)
            return Outcome.FAILED
        latency_ms = int((time.monotonic() - started) * 1000)
        model = end.model if end is not None else getattr(self.adapter, "model", "不明")
        error = end.error if end is not None else None
        if end is None or not guard.text.strip():
            await sink.error(error.message if error is not None else (MODEL_FAILED if end is None else EMPTY_ANSWER))
            outcome = Outcome.FAILED
        else:
            footer = compose_footer(
                policy,
                decision,
                model=model,
                output_counts=dict(guard.counts),
                partial_reason=error.message if error is not None else None,
                file_notes=file_notes,
            )
            await sink.finish(
                FinishedAnswer(text=guard.text, footer=footer, record_id=record_id, model=model,
                               partial=error is not None)
            )
            outcome = Outcome.PARTIAL if error is not None else Outcome.ANSWERED
        clock.mark("finish")
        log.info("turn %s in %s: %s", outcome, thread_id, clock)
        # The answer's figures complete the record written before the call; the employee does not wait for it.
        if record_id is not None:
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
        return outcome
