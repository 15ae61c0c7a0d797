"""The audit log: one record per request, written before anything reaches a model.

Only the gate's redacted text is stored, and only where the city keeps it; raw text and the
placeholder mapping are never passed in here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import func
from sqlmodel import col, delete, select, update

from bot.config import ALL_CITIES, no_text_cities_setting, one_setting
from bot.storage.database import Database, to_naive_utc, utcnow
from bot.storage.models import AuditRecord, canonical_json

if TYPE_CHECKING:
    from bot.gate.types import Decision, Request

FEEDBACK_VALUES = ("up", "down")  # 👍 / 👎
# What became of a confirm preview. "unknown": recorded before outcomes were kept (migration 0004).
CONFIRM_OUTCOMES = ("sent", "cancelled", "expired")


@cache
def _policy_keeps_redacted_text() -> dict[str, bool]:
    """`store_redacted_text` of every city's policy file, read once per process."""
    from bot.gate.policy import PolicyBook, PolicyError

    try:
        book = PolicyBook.load()
    except PolicyError:
        return {}  # the gate refuses to start on a bad policy; nothing is recorded without it
    return {city: book.get(city).store_redacted_text for city in book.cities}


def keeps_redacted_text(city: str, no_text_cities: Collection[str]) -> bool:
    """False where the city's policy says `store_redacted_text: false`, or for the cities in `no_text_cities`
    (`Settings.no_text_cities`, from AIGATE_NO_TEXT_CITIES; `*` for every city).

    A city that wants no prompt text in its logs at all still gets every other field of the record.
    """
    if not _policy_keeps_redacted_text().get(city, True):
        return False
    return not (ALL_CITIES in no_text_cities or city in no_text_cities)


def keep_redacted_text_except(no_text_cities: Collection[str]) -> Callable[[str], bool]:
    """The rule for a process started with `Settings`: the cities were read and checked once, at start-up."""
    return partial(keeps_redacted_text, no_text_cities=frozenset(no_text_cities))


def keep_redacted_text_unless_configured(city: str) -> bool:
    """The rule without `Settings` (tests, tools): AIGATE_NO_TEXT_CITIES read now, by the rule of `Settings`."""
    return keeps_redacted_text(city, one_setting(no_text_cities_setting))


class AuditStore:
    def __init__(
        self, db: Database, keep_redacted_text: Callable[[str], bool] = keep_redacted_text_unless_configured
    ) -> None:
        self.db = db
        self.keep_redacted_text = keep_redacted_text

    def row(
        self,
        *,
        city: str,
        action: str,
        user_id: str | None = None,
        department: str | None = None,
        channel: str | None = None,
        thread_id: str | None = None,
        platform: str = "console",
        rule_ids: Iterable[str] = (),
        masked_counts: Mapping[str, int] | None = None,
        use_category: str | None = None,
        model: str | None = None,
        tokens_in: int | None = None,
        tokens_out: int | None = None,
        latency_ms: int | None = None,
        redacted_text: str | None = None,
        policy_version: str = "",
        created_at: datetime | None = None,
        files: Sequence[Mapping[str, Any]] | None = None,
        confirm_outcome: str | None = None,
    ) -> AuditRecord:
        """The row for one request, not yet stored (see `record_many`)."""
        return AuditRecord(
            created_at=to_naive_utc(created_at) if created_at else utcnow(),
            city=city,
            user_id=user_id,
            department=department,
            channel=channel,
            thread_id=thread_id,
            platform=platform,
            action=str(action),
            rule_ids=canonical_json(sorted(set(rule_ids))),
            masked_counts=canonical_json(dict(masked_counts or {})),
            use_category=str(use_category) if use_category is not None else None,
            model=model,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            latency_ms=latency_ms,
            redacted_text=redacted_text if self.keep_redacted_text(city) else None,
            policy_version=policy_version,
            files=canonical_json([dict(f) for f in files]) if files else None,
            confirm_outcome=confirm_outcome,
        )

    async def record(self, **fields: Any) -> int:
        """Store one request's record (the fields of `row`) and return its id; StorageUnavailable on any fault."""
        return (await self.record_many([self.row(**fields)]))[0]

    async def record_many(self, records: Sequence[AuditRecord]) -> list[int]:
        """Store several rows in one transaction (one commit) and return their ids, in order."""
        async with self.db.session() as session:
            session.add_all(records)
            await session.flush()
            ids = [record.id for record in records]
        assert all(i is not None for i in ids)
        return [int(i) for i in ids if i is not None]

    def decision_row(
        self,
        request: Request,
        decision: Decision,
        *,
        department: str | None = None,
        files: Sequence[Mapping[str, Any]] | None = None,
    ) -> AuditRecord:
        """The row `record_decision` stores, for callers that store several at once (`record_many`)."""
        return self.row(
            city=request.city,
            action=str(decision.action),
            user_id=request.user_id,
            department=department if department is not None else request.department,
            channel=request.channel,
            thread_id=request.thread_id,
            platform=request.platform,
            rule_ids=decision.rule_ids,
            masked_counts=decision.masked_counts,
            use_category=str(decision.use_category),
            redacted_text=decision.redacted_text,
            policy_version=decision.policy_version,
            files=files,
        )

    async def record_decision(
        self,
        request: Request,
        decision: Decision,
        *,
        department: str | None = None,
        files: Sequence[Mapping[str, Any]] | None = None,
    ) -> int:
        """The record for a gate decision, before the model is called (no request without its record).

        `files` describes attached files (kind, bytes, findings by type); never their names or content.
        """
        return (await self.record_many([self.decision_row(request, decision, department=department, files=files)]))[0]

    async def record_answer(
        self,
        record_id: int,
        *,
        model: str,
        tokens_in: int | None = None,
        tokens_out: int | None = None,
        latency_ms: int | None = None,
    ) -> None:
        await self._update(record_id, model=model, tokens_in=tokens_in, tokens_out=tokens_out, latency_ms=latency_ms)

    async def set_feedback(
        self, record_id: int, *, feedback: str | None = None, minutes_saved: int | None = None
    ) -> None:
        """👍/👎 and the asker's estimate of minutes saved; either may be given alone."""
        values: dict[str, object] = {}
        if feedback is not None:
            if feedback not in FEEDBACK_VALUES:
                raise ValueError(f"feedback は {FEEDBACK_VALUES} のいずれかです: {feedback!r}")
            values["feedback"] = feedback
        if minutes_saved is not None:
            if minutes_saved < 0:
                raise ValueError("minutes_saved は 0 以上です")
            values["minutes_saved"] = minutes_saved
        if values:
            await self._update(record_id, **values)

    async def set_confirm_outcome(self, record_id: int, outcome: str) -> None:
        """What the asker did with a confirm preview: sent, cancelled, or let it expire."""
        if outcome not in CONFIRM_OUTCOMES:
            raise ValueError(f"confirm_outcome は {CONFIRM_OUTCOMES} のいずれかです: {outcome!r}")
        await self._update(record_id, confirm_outcome=outcome)

    async def _update(self, record_id: int, **values: object) -> None:
        async with self.db.session() as session:
            await session.exec(  # type: ignore[call-overload]
                update(AuditRecord).where(col(AuditRecord.id) == record_id).values(**values)
            )

    async def get(self, record_id: int) -> AuditRecord | None:
        async with self.db.session() as session:
            return await session.get(AuditRecord, record_id)

    async def counts_by_action(self, start: datetime, end: datetime, city: str | None = None) -> dict[str, int]:
        """Requests per action in [start, end): today's figures on the admins' App Home.

        Besides allow / confirm / block, `confirm_<outcome>` splits the confirm previews by what became of
        them (`confirm_none`: not answered yet, or never).
        """
        query = (
            select(AuditRecord.action, AuditRecord.confirm_outcome, func.count())
            .where(AuditRecord.created_at >= to_naive_utc(start), AuditRecord.created_at < to_naive_utc(end))
            .group_by(AuditRecord.action, AuditRecord.confirm_outcome)
        )
        if city is not None:
            query = query.where(AuditRecord.city == city)
        async with self.db.session() as session:
            rows = (await session.exec(query)).all()
        counts: dict[str, int] = {}
        for action, outcome, count in rows:
            counts[action] = counts.get(action, 0) + int(count)
            if action == "confirm":
                key = f"confirm_{outcome or 'none'}"
                counts[key] = counts.get(key, 0) + int(count)
        return counts

    async def block_reasons(self, start: datetime, end: datetime, city: str | None = None) -> dict[str, int]:
        """Blocked requests per rule id in [start, end) (a request broken by two rules counts for both)."""
        query = (
            select(AuditRecord.rule_ids, func.count())
            .where(
                AuditRecord.created_at >= to_naive_utc(start),
                AuditRecord.created_at < to_naive_utc(end),
                AuditRecord.action == "block",
            )
            .group_by(AuditRecord.rule_ids)
        )
        if city is not None:
            query = query.where(AuditRecord.city == city)
        async with self.db.session() as session:
            rows = (await session.exec(query)).all()
        reasons: dict[str, int] = {}
        for rule_ids, count in rows:
            for rule_id in json.loads(rule_ids):
                reasons[rule_id] = reasons.get(rule_id, 0) + int(count)
        return reasons

    async def sample(self, n: int, start: datetime, end: datetime, city: str | None = None) -> list[AuditRecord]:
        """N random interactions in [start, end) that kept their redacted text (松戸 第3章1-1 サンプルチェック)."""
        query = (
            select(AuditRecord)
            .where(
                AuditRecord.created_at >= to_naive_utc(start),
                AuditRecord.created_at < to_naive_utc(end),
                col(AuditRecord.redacted_text).is_not(None),
            )
            .order_by(func.random())
            .limit(n)
        )
        if city is not None:
            query = query.where(AuditRecord.city == city)
        async with self.db.session() as session:
            return list((await session.exec(query)).all())

    async def purge_older_than(self, cutoff: datetime, city: str | None = None) -> int:
        statement = delete(AuditRecord).where(AuditRecord.created_at < to_naive_utc(cutoff))
        if city is not None:
            statement = statement.where(AuditRecord.city == city)
        async with self.db.session() as session:
            result = await session.exec(statement)  # type: ignore[call-overload]
            return int(result.rowcount or 0)
