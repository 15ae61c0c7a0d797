"""Attached files leave figures in the audit record — kind, size, findings — never a name or content."""

from __future__ import annotations

from bot.gate.types import Action, Decision, Request, UseCategory
from bot.storage import AuditStore, Database


def decision() -> Decision:
    return Decision(
        action=Action.BLOCK,
        redacted_text="この名簿を集計して",
        findings=(),
        violations=(),
        use_category=UseCategory.ORGANISING,
        policy_id="maebashi",
        policy_version="maebashi@第5版#r1",
    )


async def test_file_figures_are_stored_beside_the_decision(db: Database) -> None:
    store = AuditStore(db)
    files = [
        {
            "kind": "csv",
            "bytes": 48_213,
            "chars": 30_112,
            "used_chars": 12_000,
            "findings": {"PERSON": 120, "PHONE_NUMBER": 118},
        },
        {"kind": "image", "bytes": 2_048, "refused": True},
    ]
    record_id = await store.record_decision(Request(text="", city="maebashi", user_id="U1"), decision(), files=files)
    record = await store.get(record_id)
    assert record is not None
    assert record.file_list == files
    assert record.redacted_text == "この名簿を集計して"


async def test_a_message_without_files_has_no_file_figures(db: Database) -> None:
    store = AuditStore(db)
    record_id = await store.record_decision(Request(text="", city="maebashi"), decision())
    record = await store.get(record_id)
    assert record is not None and record.files is None and record.file_list == []
