"""The bridge's work, HTTP aside: claim a message once, run it through the shared pipeline,
answer with the decision, store and deliver the replies; confirm previews; run admin commands.

Ordering matters for "nothing lost": a message is claimed only after its signature and fields
were checked, and a claim whose turn could not even be recorded is released, so the relay's
retry of the same message_id is processed rather than answered as a duplicate. Only one task
per message writes its state, in order, so a fast answer is never overwritten by "answering".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.admin import AdminService
from bot.admin.commands import AdminCommand, Resume, Status, Stop
from bot.admin.targets import Target
from bot.conversation.composer import FEEDBACK_THANKS
from bot.conversation.pipeline import CONFIRM_EXPIRED, NOT_ASKER, ConversationPipeline, Outcome
from bot.conversation.ports import RecordsUnavailable
from bot.conversation.turn import Turn
from bot.files.limits import FileLimits
from bot.files.reading import too_large_reason
from bot.files.types import AttachedFile, FileUnreadable
from bot.platforms.bridge import errors, render
from bot.platforms.bridge.delivery import CallbackDelivery
from bot.platforms.bridge.errors import BridgeError
from bot.platforms.bridge.protocol import (
    AdminRequest,
    ConfirmRequest,
    FeedbackRequest,
    InboundMessage,
    InlineFile,
    scoped_key,
)
from bot.platforms.bridge.sink import BridgeReplySink, PreviewChanged
from bot.storage import BridgeMessageState, BridgeMessageStore, StorageUnavailable
from bot.storage.suspension import Scope

log = logging.getLogger("aigate.bridge")

# A message still "received" (or "answering" past the model's time limit) this long after its
# last change was abandoned by a process that stopped; the relay's repeat takes it over.
ABANDONED_MARGIN_S = 60.0
INTERNAL = "処理中に問題が発生しました。もう一度お試しください。続く場合は管理者に連絡してください。"
PREVIEW_CHANGED = (
    "確認した内容（伏せ字にした文章）と一致しなかったため、生成AIには送信していません。もう一度質問を送ってください。"
)
CONFIRM_ELSEWHERE = (
    f"{CONFIRM_EXPIRED}（確認待ちの内容はこのサーバーにありません。確認の要求に元の発言の text を付けると、"
    "同じ内容であることを確かめたうえで送信できます。）"
)

STATUS_BY_OUTCOME = {
    Outcome.ANSWERED: "answered",
    Outcome.PARTIAL: "answered",
    Outcome.BLOCKED: "blocked",
    Outcome.CONFIRMING: "awaiting_confirmation",
    Outcome.CANCELLED: "cancelled",
    Outcome.FAILED: "failed",
    Outcome.SUSPENDED: "suspended",
    Outcome.UNAVAILABLE: "unavailable",
    Outcome.REFUSED: "expired",
    Outcome.DUPLICATE: "failed",  # not reached: the bridge claims before the pipeline runs
}


@dataclass(frozen=True, slots=True)
class Where:
    """One message's identity and return address."""

    key: str
    platform: str
    message_id: str
    route: dict[str, Any]


class BridgeService:
    def __init__(
        self,
        pipeline: ConversationPipeline,
        store: BridgeMessageStore,
        admin: AdminService,
        delivery: CallbackDelivery,
        *,
        city: str,
    ) -> None:
        self.pipeline = pipeline
        self.store = store
        self.admin = admin
        self.delivery = delivery
        self.city = city
        self._tasks: set[asyncio.Task[Any]] = set()

    # ---- a new message ------------------------------------------------------------------

    async def receive(self, message: InboundMessage) -> tuple[int, dict[str, Any]]:
        try:
            claimed = await self.store.claim(
                message.key,
                platform=message.platform,
                message_id=message.message_id,
                user_key=message.user_key,
                route=message.route,
            )
        except StorageUnavailable as exc:
            raise errors.unavailable(exc.message) from exc
        if not claimed and not await self._retake_abandoned(message.key):
            return 200, await self._duplicate(message.key)
        turn = Turn(
            text=message.text,
            city=self.city,
            user_id=message.user_key,
            thread_id=message.thread_key,
            platform=message.platform,
            channel=message.channel_key,
            department=message.user.department,
            earlier=list(message.earlier),
            files=[attached(f) for f in message.files],
            key=message.message_id,  # as later messages name it in `earlier`
        )
        where = Where(message.key, message.platform, message.message_id, message.route)
        view = await self._start(where, lambda sink: self.pipeline.handle(turn, sink))
        if view["status"] == "unavailable":
            # Nothing was recorded or sent: give the message back so the relay's retry is processed.
            try:
                await self.store.release(message.key)
            except StorageUnavailable:
                log.warning("could not release the claim on %s", message.key)
            raise errors.unavailable((view.get("reply") or {}).get("text") or INTERNAL)
        return 202, view

    async def _retake_abandoned(self, key: str) -> bool:
        """A repeat of a message whose process stopped before finishing it is processed, not lost.

        "received" is left within a second by a running process; "answering" within the model's
        overall time limit. Anything older than that (plus a margin) was abandoned.
        """
        now = datetime.now(UTC)
        answering_limit = self.pipeline.limits.total_s + ABANDONED_MARGIN_S
        try:
            for status, after_s in (("received", ABANDONED_MARGIN_S), ("answering", answering_limit)):
                if await self.store.retake(key, status, now - timedelta(seconds=after_s)):
                    log.warning("bridge message %s was left %s by a stopped process; processing it again", key, status)
                    return True
        except StorageUnavailable as exc:
            raise errors.unavailable(exc.message) from exc
        return False

    async def _duplicate(self, key: str) -> dict[str, Any]:
        state = await self._get(key)
        if state is None:  # released between the claim and now
            raise errors.unavailable(INTERNAL)
        return {**view_of(state), "duplicate": True}

    # ---- running a turn ---------------------------------------------------------------------

    async def _start(
        self,
        where: Where,
        run: Callable[[BridgeReplySink], Awaitable[Outcome]],
        decision: dict[str, Any] | None = None,
        *,
        approved_preview: str | None = None,
    ) -> dict[str, Any]:
        """Run the turn in its own task; return the message's view once the employee would see something."""
        masked = (decision or {}).get("masked_counts")
        sink = BridgeReplySink(where.message_id, masked, approved_preview=approved_preview)
        first: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        task = asyncio.create_task(self._run(where, run, sink, first, decision))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

        def never_leave_the_relay_waiting(done: asyncio.Task[None]) -> None:
            if not first.done():  # the turn failed before any state (a bug): the relay gets a 500
                failure = None if done.cancelled() else done.exception()
                first.set_exception(failure or RuntimeError("the turn ended without a state"))

        task.add_done_callback(never_leave_the_relay_waiting)
        # The turn goes on even if the relay hangs up while waiting.
        return await asyncio.shield(first)

    async def _run(
        self,
        where: Where,
        run: Callable[[BridgeReplySink], Awaitable[Outcome]],
        sink: BridgeReplySink,
        first: asyncio.Future[dict[str, Any]],
        known_decision: dict[str, Any] | None,
    ) -> None:
        handling = asyncio.ensure_future(run(sink))
        try:
            await self._follow(where, handling, sink, first, known_decision)
        except BaseException:
            handling.cancel()  # a fault here (or shutdown) must not leave a model call running unseen
            raise

    async def _follow(
        self,
        where: Where,
        handling: asyncio.Future[Outcome],
        sink: BridgeReplySink,
        first: asyncio.Future[dict[str, Any]],
        known_decision: dict[str, Any] | None,
    ) -> None:
        shown = asyncio.ensure_future(sink.shown.wait())
        try:
            await asyncio.wait({handling, shown}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            shown.cancel()
        decision = render.decision_view(sink.decision) if sink.decision is not None else known_decision
        if not handling.done() and sink.answering:
            first.set_result(await self._save(where, "answering", decision, None, None))
        try:
            outcome = await handling
        except PreviewChanged:
            log.info("bridge message %s: the confirmed preview changed; nothing sent", where.key)
            outcome, sink.reply = Outcome.FAILED, render.error_reply(PREVIEW_CHANGED)
        except Exception:
            log.exception("bridge message %s failed", where.key)
            outcome, sink.reply = Outcome.FAILED, render.error_reply(INTERNAL)
        status = STATUS_BY_OUTCOME[outcome]
        view = await self._save(where, status, decision, sink.reply, sink.pending_id)
        if not first.done():
            first.set_result(view)
        if sink.reply is None or (status == "unavailable" and not sink.answering):
            return  # nothing for the employee, or the relay is told by the 503 and sends again
        await self.delivery.deliver(where.key, where.platform, view, delivery_id=f"{where.key}:{status}")

    async def _save(
        self,
        where: Where,
        status: str,
        decision: dict[str, Any] | None,
        reply: dict[str, Any] | None,
        pending_id: str | None,
    ) -> dict[str, Any]:
        try:
            await self.store.save(where.key, status=status, decision=decision, reply=reply, pending_id=pending_id)
        except StorageUnavailable as exc:
            # The reply still goes to the relay (202 and callback); only GET will not find it.
            log.warning("could not store the state of %s: %s", where.key, exc.detail or exc.message)
        return render.message_view(
            platform=where.platform,
            message_id=where.message_id,
            status=status,
            route=where.route,
            decision=decision,
            reply=reply,
        )

    async def _get(self, key: str) -> BridgeMessageState | None:
        try:
            return await self.store.get(key)
        except StorageUnavailable as exc:
            raise errors.unavailable(exc.message) from exc

    # ---- reading a message ------------------------------------------------------------------

    async def view(self, platform: str, message_id: str) -> dict[str, Any]:
        state = await self._get(f"{platform}:{message_id}")
        if state is None:
            raise errors.not_found(message_id)
        return view_of(state)

    # ---- the asker's answer to a confirm preview --------------------------------------------

    async def confirm(self, request: ConfirmRequest) -> tuple[int, dict[str, Any]]:
        state = await self._get(request.key)
        if state is None:
            raise errors.not_found(request.message_id)
        if state.user_key != request.user_key:
            raise BridgeError(403, "not_asker", NOT_ASKER)
        if state.status != "awaiting_confirmation":
            raise BridgeError(
                409,
                "not_awaiting_confirmation",
                f"このメッセージは確認待ちではありません（現在の状態: {state.status}）。",
                current_status=state.status,
            )
        pending_id = state.pending_id or ""
        here = self.pipeline.pending_asker(pending_id) is not None
        if request.send and not here and request.text is None:
            raise BridgeError(410, "confirm_expired", CONFIRM_ELSEWHERE)
        where = Where(state.key, state.platform, state.message_id, state.route)
        next_status = "confirmed" if request.send else "cancelled"
        try:
            taken = await self.store.transition(state.key, "awaiting_confirmation", next_status)
        except StorageUnavailable as exc:
            raise errors.unavailable(exc.message) from exc
        if not taken:  # the same confirm, twice at once or in two processes: the first one wins
            raise BridgeError(409, "not_awaiting_confirmation", "この確認はすでに処理されています。")
        if not request.send:
            if here:
                await self.pipeline.cancel(pending_id, request.user_key, BridgeReplySink(state.message_id))
            reply = render.notice_reply(render.CANCELLED, kind="cancelled")
            view = await self._save(where, "cancelled", state.decision, reply, None)
            self._spawn(self.delivery.deliver(where.key, where.platform, view, delivery_id=f"{where.key}:cancelled"))
            return 200, view
        if here:
            view = await self._start(
                where, lambda sink: self.pipeline.confirm(pending_id, request.user_key, sink), state.decision
            )
            return 202, view
        # Another process showed the preview (or this one restarted): the message goes through the
        # gate again, and is sent only if the gate gives exactly the preview the asker approved.
        assert request.text is not None
        turn = Turn(
            text=request.text,
            city=self.city,
            user_id=request.user_key,
            thread_id=scoped_key(
                state.platform, str(state.route.get("conversation_id")), str(state.route.get("thread_id"))
            ),
            platform=state.platform,
            channel=scoped_key(state.platform, str(state.route.get("conversation_id"))),
            department=state.route.get("department"),
            earlier=list(request.earlier),
            files=[attached(f) for f in request.files],
            key=request.message_id,
        )
        approved = (state.decision or {}).get("redacted_preview")
        view = await self._start(
            where,
            lambda sink: self.pipeline.handle(turn, sink, confirmed=True),
            state.decision,
            approved_preview=approved if isinstance(approved, str) else "",
        )
        return 202, view

    def _spawn(self, work: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # ---- 👍 / 👎 ---------------------------------------------------------------------------

    async def feedback(self, request: FeedbackRequest) -> dict[str, Any]:
        state = await self._get(request.key)
        if state is None:
            raise errors.not_found(request.message_id)
        record_id = (state.reply or {}).get("record_id")
        if state.status != "answered" or not isinstance(record_id, int):
            raise BridgeError(
                409, "no_answer", "評価できるのは回答済みのメッセージだけです。", current_status=state.status
            )
        try:
            await self.pipeline.records.set_feedback(record_id, request.feedback)
        except RecordsUnavailable as exc:
            raise errors.unavailable(exc.message) from exc
        return {
            "message_id": request.message_id,
            "feedback": request.feedback,
            "text": FEEDBACK_THANKS[request.feedback],
        }

    # ---- administration ---------------------------------------------------------------------

    async def administer(self, request: AdminRequest) -> tuple[int, dict[str, Any]]:
        command: AdminCommand
        if request.command == "status":
            command = Status()
        else:
            target = Target(Scope(request.scope or "all"), request.target)
            command = Stop(target, request.reason) if request.command == "stop" else Resume(target, request.reason)
        logged = " ".join(part for part in (request.scope, request.target, request.reason) if part)
        allowed = self.admin.admins.is_admin(request.actor)
        try:
            reply = await self.admin.execute(request.actor, command, logged)
        except StorageUnavailable as exc:
            raise errors.unavailable(exc.message) from exc
        if not allowed:
            raise BridgeError(403, "not_admin", reply.text)
        body: dict[str, Any] = {"command": request.command, "text": render.plain(reply.text)}
        body["announcement"] = render.plain(reply.announcement) if reply.announcement else None
        return 200, body

    async def aclose(self, grace_s: float = 10.0) -> None:
        """Let running turns and deliveries finish for a while, then stop them (their state stays stored)."""
        if self._tasks:
            _done, pending = await asyncio.wait(list(self._tasks), timeout=grace_s)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        await self.delivery.aclose()


def attached(inline: InlineFile) -> AttachedFile:
    """A file sent inside the message, handed to the pipeline like a downloaded one (same limits)."""

    async def fetch(limits: FileLimits) -> bytes:
        if len(inline.data) > limits.max_bytes:
            raise FileUnreadable(inline.name, too_large_reason(limits), kind="too_large", size=len(inline.data))
        return inline.data

    return AttachedFile(name=inline.name, size=len(inline.data), mimetype=inline.mimetype, fetch=fetch)


def view_of(state: BridgeMessageState) -> dict[str, Any]:
    view = render.message_view(
        platform=state.platform,
        message_id=state.message_id,
        status=state.status,
        route=state.route,
        decision=state.decision,
        reply=state.reply,
    )
    view["delivery"] = {
        "attempts": state.callback_attempts,
        "delivered": state.delivered_at is not None,
        "error": state.delivery_error,
    }
    return view
