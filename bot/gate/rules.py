"""Evaluate a city's rules over a prompt: keyword groups, proximity, exceptions and findings."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.gate.policy import Match, Policy, Rule
from bot.gate.types import Action, Finding, Violation

CREDENTIAL_TYPES = frozenset({"CREDENTIAL"})


def _hits(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def match_applies(match: Match, text: str, findings: Sequence[Finding]) -> bool:
    if match.entities and not any(f.entity_type in match.entities and f.score >= match.min_score for f in findings):
        return False
    if match.compiled_all:
        positions = [_hits(p, text) for p in match.compiled_all]
        if any(not hits for hits in positions):
            return False
        if (
            match.near
            and len(positions) > 1
            and not any(
                all(any(abs(other - anchor) <= match.near for other in group) for group in positions[1:])
                for anchor in positions[0]
            )
        ):
            return False
    return not (match.compiled_none is not None and match.compiled_none.search(text))


def violated_rules(policy: Policy, text: str, findings: Sequence[Finding]) -> list[Violation]:
    """The city's content rules that the (width-normalised) prompt breaks."""
    return [_violation(rule) for rule in policy.resolved_rules if match_applies(rule.match, text, findings)]


def data_handling_violations(policy: Policy, findings: Sequence[Finding]) -> list[Violation]:
    """What the city says about masked personal data and credentials (allow means: send redacted)."""
    masked = [f for f in findings if f.masked]
    out: list[Violation] = []
    if any(f.entity_type not in CREDENTIAL_TYPES for f in masked) and policy.personal_data.action is not Action.ALLOW:
        h = policy.personal_data
        out.append(Violation("personal_data", h.action, h.article, h.message))
    if any(f.entity_type in CREDENTIAL_TYPES for f in masked) and policy.credentials.action is not Action.ALLOW:
        h = policy.credentials
        out.append(Violation("credentials", h.action, h.article, h.message))
    return out


def _violation(rule: Rule) -> Violation:
    return Violation(rule.id, rule.action, rule.article, rule.message)
