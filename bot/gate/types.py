"""The gate's vocabulary: what goes in (Request) and what comes out (Decision).

These are plain frozen dataclasses so every platform (Slack, bridge, console), the storage layer
and the benchmarks can share them without importing Presidio or spaCy.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Action(StrEnum):
    ALLOW = "allow"  # forward the redacted text
    CONFIRM = "confirm"  # show the redacted preview; send only after the asker confirms
    BLOCK = "block"  # send nothing; explain the rule and the article

    @property
    def severity(self) -> int:
        return {Action.ALLOW: 0, Action.CONFIRM: 1, Action.BLOCK: 2}[self]


class UseCategory(StrEnum):
    SUMMARY = "要約"
    TRANSLATION = "翻訳"
    WRITING = "文章作成"
    PROOFREADING = "校正"
    ORGANISING = "整理"
    IDEAS = "アイデア"
    EXCEL = "Excel/マクロ"
    PROCEDURE = "手続確認"
    OTHER = "その他"


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data or credential found in the *input* text (offsets into it)."""

    entity_type: str  # e.g. PERSON, JP_MY_NUMBER, PHONE_NUMBER, CREDENTIAL
    start: int
    end: int
    score: float
    recognizer: str
    masked: bool = True  # False for entities recognised but public (法人番号)

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.entity_type,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 3),
            "recognizer": self.recognizer,
        }


@dataclass(frozen=True, slots=True)
class Violation:
    """A city rule the prompt breaks, with the article it enforces and what the user is told."""

    rule_id: str
    action: Action
    article: str  # e.g. 「岩見沢市生成AI利用ガイドライン 第8条第5号」 plus the quoted text
    message: str  # Japanese, for the employee: what is wrong and what to do instead
    recognizer: str = "rule"  # "rule" (a YAML pattern) or "classifier" (the learned layer, bot/gate/intent)
    score: float | None = None  # the classifier's probability, for a classifier hit

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule_id, "article": self.article, "message": self.message}
        out["recognizer"] = self.recognizer
        if self.score is not None:
            out["score"] = round(self.score, 3)
        return out


@dataclass(slots=True)
class Request:
    """One prompt from one employee, already extracted from its platform."""

    text: str
    city: str
    user_id: str | None = None
    department: str | None = None
    channel: str | None = None
    thread_id: str | None = None
    platform: str = "console"


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    redacted_text: str  # exactly what a model would receive
    findings: tuple[Finding, ...]
    violations: tuple[Violation, ...]
    use_category: UseCategory
    policy_id: str
    policy_version: str
    city_name: str = ""

    @property
    def masked_counts(self) -> dict[str, int]:
        """Masked entities by type, for the provenance note and the audit record."""
        return dict(Counter(f.entity_type for f in self.findings if f.masked))

    @property
    def rule_ids(self) -> list[str]:
        return [v.rule_id for v in self.violations]

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": str(self.action),
            "redacted": self.redacted_text,
            "findings": [f.as_dict() for f in self.findings],
            "violations": [v.as_dict() for v in self.violations],
            "use_category": str(self.use_category),
            "policy_version": self.policy_version,
        }


@dataclass(slots=True)
class GateError(Exception):
    """The gate could not run; nothing may be sent (fail closed). `message` is Japanese."""

    message: str
    detail: str = field(default="")

    def __str__(self) -> str:
        return self.message
