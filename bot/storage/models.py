"""The tables. Raw user text and the placeholder mapping have no column here, on purpose.

Timestamps are naive UTC. JSON-shaped fields (rule ids, masked counts) are stored as canonical
JSON text (sorted keys) so that both SQLite and PostgreSQL can group by them in the digest.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.storage.database import utcnow


# Naive UTC on both backends: PostgreSQL's timestamptz would reinterpret naive values in the
# session's time zone.
def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class AuditRecord(SQLModel, table=True):
    """One request through the gate, whatever the decision (松戸 第3章1-3: 入力内容及びログ)."""

    __tablename__ = "audit_records"
    __table_args__ = (
        Index("ix_audit_records_created_at", "created_at"),
        Index("ix_audit_records_city_created_at", "city", "created_at"),
    )

    id: int | None = Field(
        default=None, sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    )
    created_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=DateTime())
    city: str = Field(max_length=40)
    user_id: str | None = Field(default=None, max_length=64)
    department: str | None = Field(default=None, max_length=200)  # 所属 at the time of the request
    channel: str | None = Field(default=None, max_length=64)
    thread_id: str | None = Field(default=None, max_length=64)
    platform: str = Field(default="console", max_length=20)
    action: str = Field(max_length=10)  # allow / confirm / block
    # What became of a confirm preview: sent / cancelled (by the asker) / expired; empty while it waits
    # (or if it was never answered before the process that held it went away). Only for action confirm.
    confirm_outcome: str | None = Field(default=None, max_length=10)
    rule_ids: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    masked_counts: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    use_category: str | None = Field(default=None, max_length=40)
    model: str | None = Field(default=None, max_length=100)
    tokens_in: int | None = None
    tokens_out: int | None = None
    latency_ms: int | None = None
    redacted_text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    feedback: str | None = Field(default=None, max_length=4)  # "up" (👍) / "down" (👎)
    minutes_saved: int | None = None
    policy_version: str = Field(default="", max_length=100)
    # Attached files: [{"kind": "csv", "bytes": 1234, "findings": {"PERSON": 120}, …}] — no names, no content.
    files: str | None = Field(default=None, sa_column=Column(Text, nullable=True))

    @property
    def file_list(self) -> list[dict[str, Any]]:
        return list(json.loads(self.files)) if self.files else []

    @property
    def rule_id_list(self) -> list[str]:
        return list(json.loads(self.rule_ids))

    @property
    def masked_count_map(self) -> dict[str, int]:
        return dict(json.loads(self.masked_counts))


class Suspension(SQLModel, table=True):
    """利用停止 (新座 8, 流山 9): active while `lifted_at` is empty."""

    __tablename__ = "suspensions"
    __table_args__ = (Index("ix_suspensions_active", "lifted_at"),)

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=12)  # all / user / channel / department
    target: str = Field(default="", max_length=200)  # "" for all
    reason: str = Field(sa_column=Column(Text, nullable=False))
    created_by: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=DateTime())
    lifted_at: datetime | None = Field(default=None, sa_type=DateTime())
    lifted_by: str | None = Field(default=None, max_length=64)


class AdminAction(SQLModel, table=True):
    """Every admin command, including refused attempts by non-admins."""

    __tablename__ = "admin_actions"
    __table_args__ = (Index("ix_admin_actions_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=DateTime())
    actor: str = Field(max_length=64)
    action: str = Field(max_length=40)  # stop / resume / status / sample / incident / directory …
    target: str | None = Field(default=None, max_length=200)
    allowed: bool = True
    detail: str = Field(default="{}", sa_column=Column(Text, nullable=False))


class IncidentReport(SQLModel, table=True):
    """事故報告 (岩見沢 第12条, 松戸 6-6 / 様式3 障害発生報告書)."""

    __tablename__ = "incident_reports"
    __table_args__ = (Index("ix_incident_reports_created_at", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=DateTime())
    city: str = Field(default="", max_length=40)
    reporter: str = Field(max_length=64)
    department: str | None = Field(default=None, max_length=200)
    occurred_at: datetime = Field(sa_type=DateTime())  # 発生日時 (naive UTC)
    background: str = Field(sa_column=Column(Text, nullable=False))  # 経緯
    cause: str = Field(default="", sa_column=Column(Text, nullable=False))  # 原因
    outlook: str = Field(default="", sa_column=Column(Text, nullable=False))  # 今後の対応と見通し
    notes: str = Field(default="", sa_column=Column(Text, nullable=False))  # 備考
    contact: str | None = Field(default=None, max_length=200)  # 連絡先
    audit_record_id: int | None = Field(default=None, sa_type=BigInteger)  # the answer 「報告」 was pressed on
    channel: str | None = Field(default=None, max_length=64)
    thread_id: str | None = Field(default=None, max_length=64)


class ProcessedEvent(SQLModel, table=True):
    """Slack retries the same event; the first process to insert its id answers it."""

    __tablename__ = "processed_events"

    event_id: str = Field(primary_key=True, max_length=200)
    received_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=DateTime(), index=True)


class DigestMark(SQLModel, table=True):
    """'This week's digest for this 所属 has been sent': claimed once across processes."""

    __tablename__ = "digest_marks"
    __table_args__ = (UniqueConstraint("week", "scope", name="uq_digest_marks_week_scope"),)

    id: int | None = Field(default=None, primary_key=True)
    week: str = Field(max_length=10)  # ISO week, e.g. 2026-W47
    scope: str = Field(max_length=200)  # a 所属, or CITY_SCOPE for the whole city
    claimed_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=DateTime())
    claimed_by: str = Field(default="", max_length=100)


class DirectoryUser(SQLModel, table=True):
    """職員 → 所属."""

    __tablename__ = "directory_users"

    user_id: str = Field(primary_key=True, max_length=64)
    department: str = Field(max_length=200, index=True)
    display_name: str | None = Field(default=None, max_length=200)
    updated_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=DateTime())


class DepartmentManager(SQLModel, table=True):
    """所属 → 所属長 (who receives the weekly digest)."""

    __tablename__ = "department_managers"

    department: str = Field(primary_key=True, max_length=200)
    manager_user_id: str = Field(primary_key=True, max_length=64)


class BridgeMessage(SQLModel, table=True):
    """One message from a webhook relay (bot/platforms/bridge): claimed once, then its state and replies.

    The row is the idempotency claim on (platform, message_id): the process whose insert gets in
    answers it. Only redacted material is kept: the gate's decision (redacted preview, counts,
    rules) and the replies shown to the employee (the output-checked answer); never the raw text.
    """

    __tablename__ = "bridge_messages"
    __table_args__ = (Index("ix_bridge_messages_created_at", "created_at"),)

    key: str = Field(primary_key=True, max_length=200)  # "<platform>:<message_id>"
    platform: str = Field(max_length=20)
    message_id: str = Field(max_length=128)
    user_key: str = Field(max_length=64)  # "<platform>:<user id>", the asker
    status: str = Field(default="received", max_length=24)
    route: str = Field(default="{}", sa_column=Column(Text, nullable=False))  # conversation/thread/user ids
    decision: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    reply: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    pending_id: str | None = Field(default=None, max_length=64)  # the confirm preview waiting in a process
    created_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=DateTime())
    updated_at: datetime = Field(default_factory=utcnow, nullable=False, sa_type=DateTime())
    callback_attempts: int = 0
    delivered_at: datetime | None = Field(default=None, sa_type=DateTime())
    delivery_error: str | None = Field(default=None, max_length=300)


ALL_TABLES = [
    AuditRecord,
    Suspension,
    AdminAction,
    IncidentReport,
    ProcessedEvent,
    DigestMark,
    DirectoryUser,
    DepartmentManager,
    BridgeMessage,
]
