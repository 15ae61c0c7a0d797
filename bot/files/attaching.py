"""Attached files joined to the message's decision: one judgement for what the model would receive.

The message and the files go through the same gate with the same PlaceholderBook, so 山田太郎 in
the message and in the file become the same 【氏名1】. The stricter action wins. A file that
cannot be checked stops the whole turn: the question usually refers to it, and sending the
question without it would answer about something the model never saw.
"""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.files.limits import FileLimits
from bot.files.reading import read_attachment
from bot.files.screening import (
    FILES_HEADER,
    ScreenedFiles,
    screen_files,
    unreadable_audit,
    unreadable_violation,
)
from bot.files.types import AttachedFile, FileContent, FileUnreadable
from bot.gate.placeholders import PlaceholderBook
from bot.gate.policy import Policy
from bot.gate.types import Decision, Finding, Request, Violation

if TYPE_CHECKING:
    from bot.conversation.ports import GatePort

# Files with no words: the employee most likely wants them summarised; the gate reads this too.
FILES_ONLY_QUESTION = "添付ファイルの内容を要約してください。"


@dataclass(frozen=True, slots=True)
class AttachedOutcome:
    decision: Decision  # the message and the files together; `redacted_text` is what the model receives
    message_text: str  # the message's own redacted text: the only text the audit record keeps
    audit: list[dict[str, Any]]  # per file: kind, bytes, findings by type (no names, no content)
    notes: tuple[str, ...]  # under the answer: how much of each file was used
    screened: ScreenedFiles | None = None  # None when a file could not be read

    def audited(self, decision: Decision) -> Decision:
        return dataclasses.replace(decision, redacted_text=self.message_text)

    def follow_up_text(self, max_file_chars: int) -> str:
        """The message with the start of the files' redacted extract, for later turns of the thread."""
        if self.screened is None:
            return self.message_text
        extract = self.screened.text
        if len(extract) > max_file_chars:
            extract = extract[:max_file_chars] + "\n…（以下省略）"
        return f"{self.message_text}\n\n{FILES_HEADER}\n{extract}"


async def read_all(files: list[AttachedFile], limits: FileLimits) -> list[FileContent | FileUnreadable]:
    """Every attached file read at once; each one either extracted or refused with its reason."""
    if len(files) > limits.max_files:
        reason = f"一度に添付できるファイルは {limits.max_files} 個までです（{len(files)} 個ありました）。"
        return [FileUnreadable(f.name, reason, kind="too_many", size=f.size) for f in files]
    results = await asyncio.gather(*(read_attachment(f, limits) for f in files), return_exceptions=True)
    out: list[FileContent | FileUnreadable] = []
    for result in results:
        if isinstance(result, FileContent | FileUnreadable):
            out.append(result)
        elif isinstance(result, BaseException):
            raise result  # not a file problem: fail closed through the pipeline's gate-failure path
    return out


async def attach_files(
    read: list[FileContent | FileUnreadable],
    decision: Decision,
    *,
    gate: GatePort,
    policy: Policy,
    book: PlaceholderBook,
    max_chars: int,
    request: Request,
) -> AttachedOutcome:
    problems = [r for r in read if isinstance(r, FileUnreadable)]
    if problems:
        refused = _join(decision, (unreadable_violation(policy, problems),), findings=(), text=decision.redacted_text)
        audit = [unreadable_audit(p) if isinstance(p, FileUnreadable) else _read_audit(p) for p in read]
        return AttachedOutcome(refused, decision.redacted_text, audit, ())
    contents = [r for r in read if isinstance(r, FileContent)]
    screened = await screen_files(contents, gate=gate, policy=policy, book=book, max_chars=max_chars, request=request)
    text = f"{decision.redacted_text}\n\n{FILES_HEADER}\n{screened.text}"
    joined = _join(decision, screened.violations, findings=screened.masked_findings, text=text)
    return AttachedOutcome(joined, decision.redacted_text, screened.audit, screened.notes, screened)


def _join(
    decision: Decision, violations: tuple[Violation, ...], *, findings: tuple[Finding, ...], text: str
) -> Decision:
    seen = {v.rule_id for v in decision.violations}
    merged = decision.violations + tuple(v for v in violations if v.rule_id not in seen)
    action = max((v.action for v in merged), key=lambda a: a.severity, default=decision.action)
    if action.severity < decision.action.severity:
        action = decision.action
    return dataclasses.replace(
        decision, action=action, redacted_text=text, findings=decision.findings + tuple(findings), violations=merged
    )


def _read_audit(content: FileContent) -> dict[str, Any]:
    return {"kind": str(content.kind), "bytes": content.size, "not_sent": True}
