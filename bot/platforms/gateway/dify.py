"""Dify's API-based moderation extension (POST /dify/moderation) on the same gate and records.

    {"point": "ping"}                                  → {"result": "pong"}
    {"point": "app.moderation.input", "params": {"app_id", "inputs": {…}, "query"}}
        allow   → flagged (when something was masked), action "overridden", every input and the query masked
        block / confirm / 利用停止 → flagged, action "direct_output", the explanation as preset_response
    {"point": "app.moderation.output", "params": {"app_id", "text"}}   (the answer so far)
        → action "overridden", the text with personal data the model wrote masked

Dify's documentation says the output comes "in 100-character chunks"; what Dify sends (its
OutputModeration, api/core/moderation/output_moderation.py) is the whole answer so far, each time
MODERATION_BUFFER_SIZE (default 300) more characters have streamed, and the whole answer once more
at the end, and it replaces the whole message with the text returned. So a name cut at the end of
one request is whole in the next one, and nothing needs to be carried between requests (nor could
be: the request names only the app, not the conversation or the message). A text too long to check
is answered with a notice instead (Dify shows the unchecked answer when the request fails).

Dify has no confirm step, so a confirm shows the masked text: sending that text as it is goes
through (the placeholders are not personal data). Every input check is audited (platform
`gateway`, channel `dify`) and counted in the digest like a chat turn.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.conversation.composer import compose_block, gate_failed_message, masked_summary, suspended_message
from bot.conversation.ports import ConversationRecords, GatePort, RecordsUnavailable
from bot.gate import PlaceholderBook
from bot.gate.gate import MAX_PROMPT_CHARS
from bot.gate.types import Action, Decision, GateError, Request
from bot.platforms.gateway import errors, render
from bot.platforms.gateway.keys import GatewayKey
from bot.platforms.gateway.turns import PLATFORM

log = logging.getLogger("aigate.gateway")

CHANNEL = "dify"
MAX_INPUTS = 50
CONFIRM_HEADLINE = "🔎 この内容は、市のルールにより確認が必要なため、生成AIに送信していません。"
CONFIRM_HOW = "個人情報を伏せた次の文で問題なければ、この文をそのまま送り直してください:"
TOO_LONG_TO_CHECK = (
    f"⚠️ 回答が長すぎて（{MAX_PROMPT_CHARS:,}文字超）個人情報のチェックができないため、表示しません。"
    "質問を分けて、短い回答になるようにしてください。"
)


@dataclass(frozen=True, slots=True)
class Checked:
    name: str | None  # the input variable, None for the query
    decision: Decision


class DifyModeration:
    def __init__(self, gate: GatePort, records: ConversationRecords) -> None:
        self.gate = gate
        self.records = records

    async def handle(self, key: GatewayKey, body: dict[str, Any]) -> dict[str, Any]:
        point = body.get("point")
        if point == "ping":
            return {"result": "pong"}
        params = body.get("params")
        if not isinstance(params, dict):
            raise errors.bad_request("params がありません（Dify の API 拡張の形式で送ってください）。", "params")
        if point == "app.moderation.input":
            return await self.check_input(key, params)
        if point == "app.moderation.output":
            return await self.check_output(key, params)
        raise errors.bad_request(
            f"point={point!r} には対応していません（ping / app.moderation.input / app.moderation.output）。", "point"
        )

    # ---- the end user's input ---------------------------------------------------------------

    async def check_input(self, key: GatewayKey, params: dict[str, Any]) -> dict[str, Any]:
        inputs = params.get("inputs") or {}
        query = params.get("query")
        if not isinstance(inputs, dict) or len(inputs) > MAX_INPUTS:
            raise errors.bad_request(f"inputs は {MAX_INPUTS} 個以内の変数のオブジェクトにしてください。", "inputs")
        if query is not None and not isinstance(query, str):
            raise errors.bad_request("query は文字列にしてください。", "query")
        texts = [(name, value) for name, value in inputs.items() if isinstance(value, str) and value.strip()]
        if query and query.strip():
            texts.append((None, query))
        if any(len(text) > MAX_PROMPT_CHARS for _, text in texts):
            raise errors.bad_request(f"入力が長すぎます。1項目 {MAX_PROMPT_CHARS:,}文字以内にしてください。", "inputs")
        policy = self.gate.policies.get(key.city)
        try:
            stop = await self.records.suspension(key.user_key, CHANNEL, key.department)
        except RecordsUnavailable as exc:
            raise errors.unavailable(exc.message) from exc
        if stop is not None:
            return direct_output(suspended_message(stop.reason, policy.texts.contact))
        if not texts:
            return {"flagged": False, "action": "overridden", "inputs": inputs, "query": query}
        book = PlaceholderBook()
        checked: list[Checked] = []
        try:
            for name, text in texts:
                request = self._request(key, text)
                checked.append(Checked(name, await self.gate.acheck(request, placeholders=book)))
        except GateError as exc:
            return direct_output(gate_failed_message(exc.message))
        whole = combined([c.decision for c in checked])
        try:
            await self.records.record_decision(self._request(key, ""), whole)
        except RecordsUnavailable as exc:
            raise errors.unavailable(exc.message) from exc
        log.info("dify input for %s: %s (%s)", key.label, whole.action, masked_summary(whole.masked_counts) or "なし")
        if whole.action is Action.BLOCK:
            return direct_output(render.blocked_text(compose_block(policy, whole)))
        if whole.action is Action.CONFIRM:
            return direct_output(confirm_text(checked, whole))
        masked = {c.name: c.decision.redacted_text for c in checked if c.name is not None}
        masked_query = next((c.decision.redacted_text for c in checked if c.name is None), query)
        return {
            "flagged": bool(whole.masked_counts),
            "action": "overridden",
            "inputs": {name: masked.get(name, value) for name, value in inputs.items()},
            "query": masked_query,
        }

    def _request(self, key: GatewayKey, text: str) -> Request:
        return Request(
            text=text,
            city=key.city,
            user_id=key.user_key,
            department=key.department,
            channel=CHANNEL,
            platform=PLATFORM,
        )

    # ---- the model's output, chunk by chunk ---------------------------------------------------

    async def check_output(self, key: GatewayKey, params: dict[str, Any]) -> dict[str, Any]:
        text = params.get("text")
        if not isinstance(text, str):
            raise errors.bad_request("text は文字列にしてください。", "text")
        if len(text) > MAX_PROMPT_CHARS:
            # Fail closed: Dify shows the answer unchecked when this request fails, so it gets a notice.
            return direct_output(render.notice_text(TOO_LONG_TO_CHECK))
        try:
            masked, findings = await self.gate.ascan_output(text, key.city, placeholders=PlaceholderBook())
        except GateError as exc:
            # Fail closed: an answer that could not be checked is not shown.
            return direct_output(render.notice_text(f"⚠️ 回答の個人情報チェックを実行できませんでした: {exc.message}"))
        flagged = masked != text
        if flagged:
            counts: dict[str, int] = {}
            for finding in findings:
                counts[finding.entity_type] = counts.get(finding.entity_type, 0) + 1
            log.info("dify output for %s: masked %s", key.label, masked_summary(counts))
        return {"flagged": flagged, "action": "overridden", "text": masked}


def direct_output(text: str) -> dict[str, Any]:
    return {"flagged": True, "action": "direct_output", "preset_response": text}


def combined(decisions: list[Decision]) -> Decision:
    """One decision for the audit record: the strictest action, every finding and rule, the texts joined."""
    first = decisions[0]
    violations = tuple({v.rule_id: v for d in decisions for v in d.violations}.values())
    return Decision(
        action=max((d.action for d in decisions), key=lambda a: a.severity),
        redacted_text="\n".join(d.redacted_text for d in decisions),
        findings=tuple(f for d in decisions for f in d.findings),
        violations=violations,
        use_category=decisions[-1].use_category,
        policy_id=first.policy_id,
        policy_version=first.policy_version,
        city_name=first.city_name,
    )


def confirm_text(checked: list[Checked], whole: Decision) -> str:
    lines = [CONFIRM_HEADLINE]
    lines += [f"• {v.message}（{v.article}）" for v in whole.violations]
    lines.append(f"伏せた情報: {masked_summary(whole.masked_counts) or 'なし'}")
    lines.append(CONFIRM_HOW)
    for item in checked:
        label = f"{item.name}: " if item.name is not None else ""
        lines += [f"> {label}{line}" for line in item.decision.redacted_text.splitlines() or [""]]
    return "\n".join(lines)
