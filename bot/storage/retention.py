"""Deleting what is older than the city's retention period (松戸 第3章1-3(3): 入力内容及びログは
市が定める期間保存し、保存期間経過後、適切な方法により削除すること).

Incident reports are official reports, not logs, and are kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import col, delete

from bot.storage.database import Database, to_naive_utc, utcnow
from bot.storage.models import AdminAction, AuditRecord, BridgeMessage, DigestMark, ProcessedEvent

# Slack stops retrying an event after minutes; a day of ids is plenty to catch every retry.
EVENT_ID_KEEP = timedelta(days=1)
# A relay fetches a bridge answer (GET /bridge/v1/messages/{id}) within minutes; a week is generous.
BRIDGE_MESSAGE_KEEP = timedelta(days=7)


@dataclass
class PurgeResult:
    audit_records: dict[str, int] = field(default_factory=dict)  # city → rows deleted
    admin_actions: int = 0
    digest_marks: int = 0
    processed_events: int = 0
    bridge_messages: int = 0

    @property
    def total(self) -> int:
        return (
            sum(self.audit_records.values())
            + self.admin_actions
            + self.digest_marks
            + self.processed_events
            + self.bridge_messages
        )


async def purge_expired(
    db: Database,
    retention_days_by_city: Mapping[str, int],
    default_days: int | None = None,
    now: datetime | None = None,
) -> PurgeResult:
    """Delete records past retention: per city for audit records; the longest period for the rest.

    Audit records of a city missing from `retention_days_by_city` are kept unless `default_days`
    is given (a city without a policy file is never purged by guesswork).
    """
    if not retention_days_by_city and default_days is None:
        raise ValueError("保存期間（日数）が1つも指定されていません")
    for days in [*retention_days_by_city.values(), default_days]:
        if days is not None and days < 1:
            raise ValueError("保存期間は1日以上にしてください")
    moment = to_naive_utc(now) if now else utcnow()
    result = PurgeResult()
    async with db.session() as session:
        for city, days in sorted(retention_days_by_city.items()):
            deleted = await session.exec(  # type: ignore[call-overload]
                delete(AuditRecord).where(
                    AuditRecord.city == city, AuditRecord.created_at < moment - timedelta(days=days)
                )
            )
            result.audit_records[city] = int(deleted.rowcount or 0)
        if default_days is not None:
            deleted = await session.exec(  # type: ignore[call-overload]
                delete(AuditRecord).where(
                    col(AuditRecord.city).not_in(list(retention_days_by_city)),
                    AuditRecord.created_at < moment - timedelta(days=default_days),
                )
            )
            result.audit_records["(その他)"] = int(deleted.rowcount or 0)
        longest = timedelta(days=max(d for d in [*retention_days_by_city.values(), default_days] if d))
        deleted = await session.exec(delete(AdminAction).where(AdminAction.at < moment - longest))  # type: ignore[call-overload]
        result.admin_actions = int(deleted.rowcount or 0)
        deleted = await session.exec(delete(DigestMark).where(DigestMark.claimed_at < moment - longest))  # type: ignore[call-overload]
        result.digest_marks = int(deleted.rowcount or 0)
        deleted = await session.exec(  # type: ignore[call-overload]
            delete(ProcessedEvent).where(ProcessedEvent.received_at < moment - EVENT_ID_KEEP)
        )
        result.processed_events = int(deleted.rowcount or 0)
        deleted = await session.exec(  # type: ignore[call-overload]
            delete(BridgeMessage).where(BridgeMessage.created_at < moment - BRIDGE_MESSAGE_KEEP)
        )
        result.bridge_messages = int(deleted.rowcount or 0)
    return result


def retention_from_policies() -> dict[str, int]:
    """Every city's `retention_days` from policies/*.yaml (raises PolicyError for a bad file)."""
    from bot.gate.policy import POLICY_DIR, PolicyBook

    if not any(POLICY_DIR.glob("*.yaml")):
        return {}
    book = PolicyBook.load()
    return {city: book.get(city).retention_days for city in book.cities}
