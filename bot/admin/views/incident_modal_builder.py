"""The incident report modal (岩見沢 第12条, 松戸 6-6 / 様式3 障害発生報告書) and reading its answers.

Fields in the order of 様式3: 発生日時, 経緯, 原因, 今後の対応と見通し, 備考. Only 発生日時 and 経緯 are
required: an employee must be able to report at once (「直ちに」) and complete the rest later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.admin.views import ids
from bot.admin.views.blocks import context, plain, text_input


@dataclass(frozen=True, slots=True)
class IncidentFields:
    occurred_at: datetime  # aware (UTC)
    background: str
    cause: str
    outlook: str
    notes: str


@dataclass(frozen=True, slots=True)
class IncidentOrigin:
    """Where 「報告」 was pressed, carried through the modal in private_metadata."""

    audit_record_id: int | None = None
    channel: str | None = None
    thread_id: str | None = None

    def dumps(self) -> str:
        return json.dumps({"r": self.audit_record_id, "c": self.channel, "t": self.thread_id})

    @classmethod
    def loads(cls, text: str | None) -> IncidentOrigin:
        try:
            data = json.loads(text or "{}")
        except json.JSONDecodeError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        record = data.get("r")
        return cls(record if isinstance(record, int) else None, data.get("c"), data.get("t"))


def build_incident_modal(
    now: datetime, prefill_background: str = "", origin: IncidentOrigin | None = None
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": ids.INCIDENT_CALLBACK_ID,
        "private_metadata": (origin or IncidentOrigin()).dumps(),
        "title": plain("事故報告"),
        "submit": plain("報告する"),
        "close": plain("やめる"),
        "blocks": [
            context(
                "情報漏えい・誤公表などの事故、またはそのおそれに気づいたら、すぐに報告してください"
                "（所属長と管理者に届きます）。原因や今後の対応は分かる範囲で構いません。"
            ),
            {
                "type": "input",
                "block_id": ids.OCCURRED_AT,
                "label": plain("発生日時"),
                "element": {
                    "type": "datetimepicker",
                    "action_id": ids.OCCURRED_AT,
                    "initial_date_time": int(now.timestamp()),
                },
            },
            text_input(
                ids.BACKGROUND,
                "経緯",
                multiline=True,
                optional=False,
                initial=prefill_background,
                placeholder="いつ、何を入力し、どのような回答を、どう使ったか",
            ),
            text_input(ids.CAUSE, "原因", multiline=True, optional=True),
            text_input(ids.OUTLOOK, "今後の対応と見通し", multiline=True, optional=True),
            text_input(ids.NOTES, "備考", multiline=True, optional=True),
        ],
    }


def _value(values: dict[str, Any], block_id: str) -> Any:
    return values.get(block_id, {}).get(block_id, {})


def read_incident_submission(values: dict[str, Any], now: datetime) -> IncidentFields | dict[str, str]:
    """The fields, or Slack `response_action: errors` messages keyed by block id (Japanese)."""
    errors: dict[str, str] = {}
    stamp = _value(values, ids.OCCURRED_AT).get("selected_date_time")
    occurred = datetime.fromtimestamp(int(stamp), UTC) if stamp is not None else None
    if occurred is None:
        errors[ids.OCCURRED_AT] = "発生日時を選んでください。"
    elif occurred > now:
        errors[ids.OCCURRED_AT] = "発生日時が未来になっています。"
    texts = {
        bid: (_value(values, bid).get("value") or "").strip()
        for bid in (ids.BACKGROUND, ids.CAUSE, ids.OUTLOOK, ids.NOTES)
    }
    if not texts[ids.BACKGROUND]:
        errors[ids.BACKGROUND] = "経緯を書いてください。"
    if errors:
        return errors
    assert occurred is not None
    return IncidentFields(occurred, texts[ids.BACKGROUND], texts[ids.CAUSE], texts[ids.OUTLOOK], texts[ids.NOTES])
