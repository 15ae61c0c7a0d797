"""The App Home tab: the current state and controls for admins; the city's rules in short for staff."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.admin.announcements import describe_suspension, today_counts_text
from bot.admin.views import ids
from bot.admin.views.blocks import actions, button, context, divider, header, section
from bot.storage.suspension import ActiveSuspension

if TYPE_CHECKING:
    from bot.gate.policy import Policy

TIPS = (
    "依頼は「目的・前提・出力の形」を具体的に（例: 「住民向けに、A4一枚、やさしい日本語で」）。",
    "要約・翻訳・文章のたたき台・校正・Excel関数やマクロの作成が得意です。",
    "回答は下書きです。数値・法令・固有名詞は必ず一次資料で確かめてください。",
    "個人名や連絡先は【氏名1】のように自動で伏せられますが、最初から入れないのが一番です。",
    "同じスレッドで続けて頼むと、前のやり取りを踏まえて答えます。",
)


@dataclass(frozen=True, slots=True)
class StaffHomeContent:
    city_name: str  # 新座市
    guideline: str  # 新座市生成AI利用ガイドライン
    allowed_uses: Sequence[str]
    prohibited: Sequence[str]  # short sentences: what the bot stops
    masked: Sequence[str]  # Japanese labels of what is masked: 氏名, 住所, 電話番号 …
    reminder: str  # 事実確認 reminder
    contact: str
    tips: Sequence[str] = field(default=TIPS)


def build_admin_home(
    city_name: str,
    active: Sequence[ActiveSuspension],
    today: Mapping[str, int],
    today_label: str,
    block_reasons: str = "",
) -> dict[str, Any]:
    """`block_reasons`: today's reasons for stopping, by rule name (announcements.block_reasons_text)."""
    blocks: list[dict[str, Any]] = [header(f"生成AIゲート 管理（{city_name}）")]
    if active:
        blocks.append(section(f":no_entry: *利用停止中: {len(active)}件*"))
        for suspension in active:
            value = json.dumps({"scope": suspension.scope.value, "target": suspension.target}, ensure_ascii=False)
            blocks.append(
                {
                    **section(f"• {describe_suspension(suspension)}"),
                    "accessory": button("再開する", ids.HOME_RESUME, value=value, style="primary"),
                }
            )
    else:
        blocks.append(section(":white_check_mark: *通常どおり利用できます*（利用停止なし）"))
    total, _, detail = today_counts_text(today).partition("（")
    blocks += [
        divider(),
        section(
            f"*{today_label}の依頼: {total}*\n{detail.removesuffix('）')}"
            + (f"\n停止の理由: {block_reasons}" if today.get("block") and block_reasons else "")
        ),
        actions(
            button("利用を停止…", ids.HOME_STOP, style="danger"),
            button("最新の状態にする", ids.HOME_REFRESH),
            button("事故報告…", ids.HOME_INCIDENT),
        ),
        context(
            "職員・チャンネル単位の停止は `/aigate-stop @職員 理由`・`/aigate-stop #チャンネル 理由`、"
            "サンプルチェックは `/aigate-sample 5`（松戸 第3章1-1）。"
        ),
    ]
    return {"type": "home", "blocks": blocks}


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"• {item}" for item in items) if items else "•（設定なし）"


def build_staff_home(content: StaffHomeContent) -> dict[str, Any]:
    return {
        "type": "home",
        "blocks": [
            header(f"生成AIゲート（{content.city_name}）"),
            section(
                "このボットに話しかけると、個人情報を伏せ、市のルールを確かめてから生成AIに依頼します。"
                f"\n根拠: {content.guideline}"
            ),
            divider(),
            section("*使ってよいこと*\n" + _bullets(content.allowed_uses)),
            section("*止められること（生成AIには送られません）*\n" + _bullets(content.prohibited)),
            section("*自動で伏せる情報*\n" + ("、".join(content.masked) or "（設定なし）")),
            divider(),
            section("*上手な使い方*\n" + _bullets(content.tips)),
            context(f"{content.reminder}　お問い合わせ: {content.contact}"),
            actions(button("事故報告…", ids.HOME_INCIDENT)),
        ],
    }


def staff_home_from_policy(policy: Policy, masked_labels: Sequence[str]) -> StaffHomeContent:
    """Pick the short texts out of a city's Policy (bot.gate.policy.Policy)."""
    prohibited = []
    for rule in policy.resolved_rules:
        first = rule.message.split("。")[0].strip()
        if first and first not in prohibited:
            prohibited.append(first + "。")
    return StaffHomeContent(
        city_name=policy.name,
        guideline=policy.guideline,
        allowed_uses=list(policy.allowed_uses),
        prohibited=prohibited[:10],
        masked=list(masked_labels),
        reminder=policy.texts.reminder,
        contact=policy.texts.contact,
    )
