"""Each of the ten `Outcome`s of one turn, at the pipeline: what the employee is shown, what is recorded, and
whether anything reached the model.

The gate is a stub implementing `GatePort` that returns prepared Decisions (no GiNZA: these tests are
about the pipeline's branches, the end-to-end tests under tests/platforms cover the real gate). The
records are the real SQLite storage, the model the real OpenAI client against the recording fake server.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from adapters.base import RetryPolicy, StreamLimits
from adapters.openai_chat import OpenAIChatAdapter
from bot.conversation.composer import BlockNotice, ConfirmPrompt
from bot.conversation.pipeline import (
    CONFIRM_EXPIRED,
    MODEL_FAILED,
    NOT_ASKER,
    RECORDS_FAILED,
    ConversationPipeline,
    Outcome,
)
from bot.conversation.ports import FinishedAnswer, GatePort
from bot.conversation.records import DatabaseRecords
from bot.conversation.turn import Turn
from bot.gate.placeholders import PlaceholderBook
from bot.gate.policy import PolicyBook
from bot.gate.types import Action, Decision, Finding, GateError, Request, UseCategory, Violation
from bot.storage import Database
from bot.storage.errors import DEFAULT_MESSAGE as STORAGE_UNAVAILABLE
from bot.storage.migrate import upgrade
from bot.storage.suspension import Scope
from tests.fakes.llm_server import FAKE_OPENAI_KEY, FakeLLMServer, Reply

pytestmark = pytest.mark.slow

CITY = "nagareyama"
LIMITS = StreamLimits(first_token_s=3.0, idle_s=2.0, total_s=20.0, retry=RetryPolicy(max_attempts=1))
RULE = Violation(rule_id="test-rule", action=Action.BLOCK, article="テスト用の条文", message="送信できません。")
CAUTION = Violation(
    rule_id="test-caution", action=Action.CONFIRM, article="テスト用の条文", message="確認してください。"
)


def decision(action: Action, redacted: str) -> Decision:
    violations = {Action.ALLOW: (), Action.CONFIRM: (CAUTION,), Action.BLOCK: (RULE,)}[action]
    return Decision(
        action=action,
        redacted_text=redacted,
        findings=(),
        violations=violations,
        use_category=UseCategory.WRITING,
        policy_id=CITY,
        policy_version="test",
        city_name="流山市",
    )


class StubGate:
    """Prepared decisions by raw text (or an exception to raise); the model's output passes unchanged."""

    def __init__(self, answers: dict[str, Decision | Exception]) -> None:
        self._policies = PolicyBook.load()
        self.answers = answers
        self.checked: list[str] = []

    @property
    def policies(self) -> PolicyBook:
        return self._policies

    async def acheck(self, request: Request, placeholders: PlaceholderBook | None = None) -> Decision:
        self.checked.append(request.text)
        answer = self.answers[request.text]
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def ascan_output(
        self, text: str, city: str, placeholders: PlaceholderBook | None = None
    ) -> tuple[str, list[Finding]]:
        return text, []


class RecordingSink:
    """Every call the pipeline makes on the platform, in order, as (method, argument)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    async def decided(self, decision: Decision) -> None:
        self.calls.append(("decided", decision.action))

    async def progress(self) -> None:
        self.calls.append(("progress", None))

    async def append(self, text: str) -> None:
        self.calls.append(("append", text))

    async def finish(self, answer: FinishedAnswer) -> None:
        self.calls.append(("finish", answer))

    async def blocked(self, notice: BlockNotice) -> None:
        self.calls.append(("blocked", notice))

    async def confirm(self, prompt: ConfirmPrompt) -> None:
        self.calls.append(("confirm", prompt))

    async def error(self, message: str) -> None:
        self.calls.append(("error", message))

    async def notice(self, message: str) -> None:
        self.calls.append(("notice", message))

    @property
    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.calls]

    def last(self, kind: str) -> Any:
        return [value for k, value in self.calls if k == kind][-1]

    @property
    def shown(self) -> str:
        return "".join(value for kind, value in self.calls if kind == "append")


class BrokenAuditRecords(DatabaseRecords):
    """The real records, except that writing the audit record fails with an error the storage did not name."""

    async def record_decision(self, request: Request, decision: Decision, *, files: Any = None) -> int:
        raise RuntimeError("a fault the storage layer did not turn into RecordsUnavailable")


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    url = f"sqlite:///{tmp_path}/outcomes.sqlite3"
    upgrade(url)
    db = Database(url)
    yield db
    await db.dispose()


@pytest.fixture
async def llm() -> AsyncIterator[FakeLLMServer]:
    async with FakeLLMServer("openai") as server:
        yield server


@pytest.fixture
async def adapter(llm: FakeLLMServer) -> AsyncIterator[OpenAIChatAdapter]:
    adapter = OpenAIChatAdapter(model="gpt-test", base_url=llm.base_url, api_key=FAKE_OPENAI_KEY, rng=random.Random(0))
    yield adapter
    await adapter.aclose()


def pipeline_with(
    gate: GatePort, adapter: OpenAIChatAdapter, database: Database, records: type[DatabaseRecords] = DatabaseRecords
) -> ConversationPipeline:
    return ConversationPipeline(gate, adapter, records(database), limits=LIMITS)


def turn(text: str, *, user: str = "U1", event_id: str | None = None) -> Turn:
    return Turn(
        text=text,
        city=CITY,
        user_id=user,
        thread_id="T1",
        platform="console",
        channel="C1",
        event_id=event_id,
        key="q0",
    )


async def audit_rows(database: Database) -> list[tuple[str, str | None, str | None]]:
    async with database.engine.connect() as conn:
        result = await conn.execute(text("SELECT action, confirm_outcome, model FROM audit_records ORDER BY id"))
        return [tuple(row) for row in result.all()]


async def test_answered_the_record_is_written_before_the_model_and_completed_after(database, adapter, llm) -> None:
    llm.enqueue(Reply.text("お知らせの文案です。"))
    gate = StubGate({"お知らせを作って": decision(Action.ALLOW, "お知らせを作って")})
    sink = RecordingSink()

    outcome = await pipeline_with(gate, adapter, database).handle(turn("お知らせを作って"), sink)

    assert outcome is Outcome.ANSWERED
    assert sink.kinds[:2] == ["decided", "progress"] and sink.kinds[-1] == "finish"
    assert sink.shown == "お知らせの文案です。" == sink.last("finish").text
    assert not sink.last("finish").partial
    assert llm.bodies()[0]["messages"][-1]["content"].endswith("お知らせを作って")
    assert await audit_rows(database) == [("allow", None, "gpt-test")]


async def test_partial_a_cut_answer_is_shown_and_labelled(database, adapter, llm) -> None:
    llm.enqueue(Reply.text("途中までの回答", finish_reason="length"))
    gate = StubGate({"長い文書を作って": decision(Action.ALLOW, "長い文書を作って")})
    sink = RecordingSink()

    assert await pipeline_with(gate, adapter, database).handle(turn("長い文書を作って"), sink) is Outcome.PARTIAL
    finished = sink.last("finish")
    assert finished.partial and finished.text == "途中までの回答"


async def test_blocked_nothing_is_sent_and_the_rule_is_told(database, adapter, llm) -> None:
    gate = StubGate({"禁止された依頼": decision(Action.BLOCK, "禁止された依頼")})
    sink = RecordingSink()

    assert await pipeline_with(gate, adapter, database).handle(turn("禁止された依頼"), sink) is Outcome.BLOCKED
    assert sink.kinds == ["decided", "blocked"]
    assert sink.last("blocked").violations == (RULE,)
    assert llm.requests == []
    assert await audit_rows(database) == [("block", None, None)]


async def test_confirming_then_answered_once_the_asker_sends_it(database, adapter, llm) -> None:
    llm.enqueue(Reply.text("確認後の回答です。"))
    gate = StubGate({"山田さんへの手紙": decision(Action.CONFIRM, "【氏名1】さんへの手紙")})
    pipeline = pipeline_with(gate, adapter, database)
    sink = RecordingSink()

    assert await pipeline.handle(turn("山田さんへの手紙"), sink) is Outcome.CONFIRMING
    prompt = sink.last("confirm")
    assert prompt.preview == "【氏名1】さんへの手紙" and prompt.asker_id == "U1"
    assert llm.requests == []

    pressed = RecordingSink()
    assert await pipeline.confirm(prompt.pending_id, "U1", pressed) is Outcome.ANSWERED
    assert pressed.kinds[0] == "progress" and pressed.last("finish").text == "確認後の回答です。"
    assert llm.bodies()[0]["messages"][-1]["content"].endswith("【氏名1】さんへの手紙")
    assert await audit_rows(database) == [("confirm", "sent", "gpt-test")]


async def test_cancelled_nothing_is_sent_and_the_record_says_so(database, adapter, llm) -> None:
    gate = StubGate({"山田さんへの手紙": decision(Action.CONFIRM, "【氏名1】さんへの手紙")})
    pipeline = pipeline_with(gate, adapter, database)
    sink = RecordingSink()
    await pipeline.handle(turn("山田さんへの手紙"), sink)

    pressed = RecordingSink()
    assert await pipeline.cancel(sink.last("confirm").pending_id, "U1", pressed) is Outcome.CANCELLED
    assert pressed.calls == [] and llm.requests == []
    assert await audit_rows(database) == [("confirm", "cancelled", None)]


async def test_refused_a_button_pressed_by_someone_else_or_no_longer_held(database, adapter, llm) -> None:
    gate = StubGate({"山田さんへの手紙": decision(Action.CONFIRM, "【氏名1】さんへの手紙")})
    pipeline = pipeline_with(gate, adapter, database)
    sink = RecordingSink()
    await pipeline.handle(turn("山田さんへの手紙"), sink)
    pending_id = sink.last("confirm").pending_id

    other = RecordingSink()
    assert await pipeline.confirm(pending_id, "U2", other) is Outcome.REFUSED
    assert await pipeline.cancel(pending_id, "U2", other) is Outcome.REFUSED
    assert other.calls == [("notice", NOT_ASKER), ("notice", NOT_ASKER)]
    assert pipeline.pending_asker(pending_id) == "U1"  # still the asker's to answer

    gone = RecordingSink()
    assert await pipeline.confirm("no-such-preview", "U1", gone) is Outcome.REFUSED
    assert await pipeline.cancel("no-such-preview", "U1", gone) is Outcome.REFUSED
    assert gone.calls == [("notice", CONFIRM_EXPIRED), ("notice", CONFIRM_EXPIRED)]
    assert llm.requests == []


async def test_failed_when_the_gate_cannot_run(database, adapter, llm) -> None:
    gate = StubGate({"何か": GateError("解析を実行できませんでした。")})
    sink = RecordingSink()

    assert await pipeline_with(gate, adapter, database).handle(turn("何か"), sink) is Outcome.FAILED
    assert sink.kinds == ["error"] and "解析を実行できませんでした。" in sink.last("error")
    assert llm.requests == [] and await audit_rows(database) == []


async def test_failed_when_the_model_fails(database, adapter, llm) -> None:
    llm.enqueue(Reply.status_code(500))
    gate = StubGate({"お知らせを作って": decision(Action.ALLOW, "お知らせを作って")})
    sink = RecordingSink()

    assert await pipeline_with(gate, adapter, database).handle(turn("お知らせを作って"), sink) is Outcome.FAILED
    assert sink.kinds == ["decided", "progress", "error"]
    assert sink.last("error").strip()  # the adapter's Japanese sentence for the provider's failure
    assert len(llm.requests) == 1
    assert await audit_rows(database) == [("allow", None, "gpt-test")]


async def test_suspended_the_stopped_asker_is_told_privately(database, adapter, llm) -> None:
    records = DatabaseRecords(database)
    await records.suspensions.stop(Scope.USER, "U1", "テストのため", by="admin")
    gate = StubGate({"お知らせを作って": decision(Action.ALLOW, "お知らせを作って")})
    sink = RecordingSink()

    outcome = await ConversationPipeline(gate, adapter, records, limits=LIMITS).handle(turn("お知らせを作って"), sink)

    assert outcome is Outcome.SUSPENDED
    assert sink.kinds == ["notice"] and "テストのため" in sink.last("notice")
    assert llm.requests == [] and await audit_rows(database) == []


async def test_duplicate_a_retried_event_shows_and_sends_nothing(database, adapter, llm) -> None:
    llm.enqueue(Reply.text("一度だけの回答です。"))
    gate = StubGate({"お知らせを作って": decision(Action.ALLOW, "お知らせを作って")})
    pipeline = pipeline_with(gate, adapter, database)

    assert await pipeline.handle(turn("お知らせを作って", event_id="Ev1"), RecordingSink()) is Outcome.ANSWERED
    retry = RecordingSink()
    assert await pipeline.handle(turn("お知らせを作って", event_id="Ev1"), retry) is Outcome.DUPLICATE
    assert retry.calls == [] and len(llm.requests) == 1


async def test_unavailable_when_the_event_cannot_be_claimed(database, adapter, llm) -> None:
    async with database.engine.begin() as conn:
        await conn.execute(text("DROP TABLE processed_events"))
    gate = StubGate({"お知らせを作って": decision(Action.ALLOW, "お知らせを作って")})
    sink = RecordingSink()

    outcome = await pipeline_with(gate, adapter, database).handle(turn("お知らせを作って", event_id="Ev1"), sink)

    assert outcome is Outcome.UNAVAILABLE
    assert sink.calls == [("notice", STORAGE_UNAVAILABLE)] and llm.requests == []


# ---- an audit record that cannot be written: the same rule on both branches ---------------------------

ASKED = {
    Action.ALLOW: ("お知らせを作って", decision(Action.ALLOW, "お知らせを作って")),
    Action.CONFIRM: ("山田さんへの手紙", decision(Action.CONFIRM, "【氏名1】さんへの手紙")),
    Action.BLOCK: ("禁止された依頼", decision(Action.BLOCK, "禁止された依頼")),
}


@pytest.mark.parametrize("action", list(ASKED))
async def test_unavailable_when_the_database_refuses_the_audit_record(database, adapter, llm, action) -> None:
    async with database.engine.begin() as conn:
        await conn.execute(text("DROP TABLE audit_records"))
    asked, decided = ASKED[action]
    sink = RecordingSink()

    outcome = await pipeline_with(StubGate({asked: decided}), adapter, database).handle(turn(asked), sink)

    assert outcome is Outcome.UNAVAILABLE
    told = "error" if action is Action.ALLOW else "notice"  # the error takes the place of the progress shown
    assert sink.last(told) == STORAGE_UNAVAILABLE
    assert {"append", "finish", "blocked", "confirm"}.isdisjoint(sink.kinds)
    assert llm.requests == []


@pytest.mark.parametrize("action", list(ASKED))
async def test_unavailable_not_model_failed_when_the_audit_write_fails_otherwise(
    database, adapter, llm, action, caplog
) -> None:
    asked, decided = ASKED[action]
    sink = RecordingSink()

    pipeline = pipeline_with(StubGate({asked: decided}), adapter, database, records=BrokenAuditRecords)
    outcome = await pipeline.handle(turn(asked), sink)

    assert outcome is Outcome.UNAVAILABLE
    told = "error" if action is Action.ALLOW else "notice"
    assert sink.last(told) == RECORDS_FAILED
    assert MODEL_FAILED not in [value for _, value in sink.calls]
    assert {"append", "finish", "blocked", "confirm"}.isdisjoint(sink.kinds)
    assert llm.requests == []
    assert "RuntimeError" in caplog.text and "a fault" not in caplog.text  # the type for the operator, no text


async def test_unavailable_when_a_confirmed_preview_cannot_be_marked_sent(database, adapter, llm) -> None:
    gate = StubGate({"山田さんへの手紙": decision(Action.CONFIRM, "【氏名1】さんへの手紙")})
    pipeline = pipeline_with(gate, adapter, database)
    sink = RecordingSink()
    await pipeline.handle(turn("山田さんへの手紙"), sink)
    async with database.engine.begin() as conn:
        await conn.execute(text("DROP TABLE audit_records"))

    pressed = RecordingSink()
    assert await pipeline.confirm(sink.last("confirm").pending_id, "U1", pressed) is Outcome.UNAVAILABLE
    assert pressed.calls == [("error", STORAGE_UNAVAILABLE)] and llm.requests == []
