"""The Japanese texts that stops, resumes, status checks, samples and incident reports produce."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime

from bot.admin.targets import Target
from bot.digest.labels import ALL_DECISION_LABELS_JA, decision_key
from bot.digest.week import JST
from bot.storage.models import AuditRecord, IncidentReport
from bot.storage.suspension import ActiveSuspension, Scope

DEFAULT_CONTACT = "生成AIゲートの管理者"
SAMPLE_TEXT_LIMIT = 300


def _jst(moment: datetime) -> str:
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    local = aware.astimezone(JST)
    return f"{local.year}年{local.month}月{local.day}日 {local.hour:02d}:{local.minute:02d}"


def describe_suspension(s: ActiveSuspension) -> str:
    target = Target(s.scope, s.target).display
    return f"{target}（理由: {s.reason}／{_jst(s.created_at)} <@{s.created_by}> が停止）"


def stop_announcement(target: Target, reason: str, actor: str) -> str:
    """Posted in the announcement channel: 職員へ周知 (新座 8, 流山 9)."""
    return (
        "*【生成AIゲート】利用停止のお知らせ*\n"
        f"対象: {target.display}\n"
        f"理由: {reason}\n"
        f"停止した管理者: <@{actor}>\n"
        "再開までの間、この対象からの依頼は生成AIに送信されません。再開はこのチャンネルでお知らせします。"
    )


def resume_announcement(target: Target, reason: str, actor: str) -> str:
    lines = ["*【生成AIゲート】利用再開のお知らせ*", f"対象: {target.display}"]
    if reason:
        lines.append(f"理由: {reason}")
    lines.append(f"再開した管理者: <@{actor}>")
    lines.append("引き続き、個人情報や機密情報を入力しないようご注意ください。")
    return "\n".join(lines)


def suspension_notice(s: ActiveSuspension, contact: str = DEFAULT_CONTACT) -> str:
    """What a staff member sees when they mention the bot while a stop applies to them."""
    scope = {
        Scope.ALL: "現在、生成AIゲートの利用は全体で停止されています。",
        Scope.USER: "現在、あなたの生成AIゲートの利用は停止されています。",
        Scope.CHANNEL: "現在、このチャンネルでの生成AIゲートの利用は停止されています。",
        Scope.DEPARTMENT: f"現在、所属「{s.target}」の生成AIゲートの利用は停止されています。",
    }[s.scope]
    return f"{scope}\n理由: {s.reason}\nご依頼の内容は生成AIに送信していません。お問い合わせ: {contact}"


def status_text(active: Sequence[ActiveSuspension], today: Mapping[str, int]) -> str:
    lines = ["*生成AIゲートの状況*"]
    if active:
        lines.append(f"利用停止中: {len(active)}件")
        lines.extend(f"• {describe_suspension(s)}" for s in active)
    else:
        lines.append("利用停止: なし（通常どおり利用できます）")
    lines.append(f"本日の依頼: {today_counts_text(today)}")
    return "\n".join(lines)


def block_reasons_text(reasons: Mapping[str, int], rule_label: Callable[[str], str] = str) -> str:
    """「選挙運動・政治的行為 2件、要配慮個人情報 1件」, most frequent first."""
    items = sorted(reasons.items(), key=lambda kv: (-kv[1], rule_label(kv[0])))
    return "、".join(f"{rule_label(rule_id)} {count}件" for rule_id, count in items) or "なし"


def today_counts_text(today: Mapping[str, int]) -> str:
    """「3件（送信 1件・確認後に送信 1件・停止 1件、確認を求めたもの 2件のうち 取りやめ 1件）」.

    `today` is AuditStore.counts_by_action: a confirm preview counts as sent only once the asker sent it.
    """
    total = sum(today.get(action, 0) for action in ("allow", "confirm", "block"))
    text = (
        f"{total}件（送信 {today.get('allow', 0)}件・確認後に送信 {today.get('confirm_sent', 0)}件・"
        f"停止 {today.get('block', 0)}件"
    )
    asked = today.get("confirm", 0)
    if asked:
        rest = [
            f"{label} {today[key]}件"
            for key, label in (
                ("confirm_cancelled", "取りやめ"),
                ("confirm_none", "未回答"),
                ("confirm_expired", "失効"),
                ("confirm_unknown", "結果不明"),
            )
            if today.get(key)
        ]
        if rest:
            text += f"、確認を求めた {asked}件のうち " + "・".join(rest)
    return text + "）"


def sample_text(records: Sequence[AuditRecord], asked: int, rule_label: Callable[[str], str] = str) -> str:
    """For the sample check (松戸 第3章1-1): quality, off-purpose use, personal data left in."""
    if not records:
        return "過去7日間に、確認できる利用記録（匿名加工後の文面を保存したもの）はありません。"
    lines = [f"*サンプルチェック: 過去7日間から無作為に {len(records)}件*（指定 {asked}件）"]
    for record in records:
        text = (record.redacted_text or "").replace("\n", " ")
        if len(text) > SAMPLE_TEXT_LIMIT:
            text = text[:SAMPLE_TEXT_LIMIT] + "…"
        rules = "、".join(rule_label(r) for r in record.rule_id_list) or "なし"
        action = ALL_DECISION_LABELS_JA.get(decision_key(record.action, record.confirm_outcome), record.action)
        lines.append(
            f"• #{record.id} {_jst(record.created_at)}／{record.department or '未設定'}／"
            f"判定 {action}／用途 {record.use_category or '—'}／規則 {rules}\n> {text}"
        )
    lines.append("品質・目的外利用・個人情報の残りがないかをご確認ください。")
    return "\n".join(lines)


def incident_post(report: IncidentReport) -> str:
    """The report as posted to the admins' channel, in the order of 様式3 障害発生報告書."""
    return "\n".join(
        [
            f"*【事故報告 #{report.id}】* 報告者 <@{report.reporter}>（{report.department or '所属未設定'}）",
            f"*発生日時*: {_jst(report.occurred_at)}",
            f"*経緯*: {report.background}",
            f"*原因*: {report.cause or '（未記入）'}",
            f"*今後の対応と見通し*: {report.outlook or '（未記入）'}",
            f"*備考*: {report.notes or '（なし）'}",
        ]
    )


def incident_for_manager(report: IncidentReport, post: str) -> str:
    """The report as the reporter's 所属長 receives it (a DM)."""
    return (
        f"{report.department or '所属'}の職員から事故報告が届きました。"
        f"内容を確認し、必要な対応をお願いします。\n\n{post}"
    )


def incident_receipt(
    report: IncidentReport,
    *,
    admins_reached: bool,
    managers_reached: list[str],
    managers_failed: list[str],
    reporter_is_manager: bool = False,
) -> str:
    """What the reporter is told: who received the report, and whom they must still tell themselves."""
    reached = []
    if admins_reached:
        reached.append("管理者")
    if managers_reached:
        reached.append("所属長（" + "、".join(f"<@{m}>" for m in managers_reached) + "）")
    lines = [
        f"事故報告 #{report.id} を受け付けました。"
        + (f"{'と'.join(reached)}に届けました。" if reached else "記録しました。")
    ]
    if not admins_reached:
        lines.append("管理者チャンネルへの投稿はできませんでした。管理者に直接お知らせください。")
    if managers_failed:
        lines.append(
            "所属長（"
            + "、".join(f"<@{m}>" for m in managers_failed)
            + "）には送れませんでした。直接お知らせください。"
        )
    elif not managers_reached and not reporter_is_manager:
        known = report.department and report.department != "未設定"
        where = f"所属「{report.department}」" if known else "あなたの所属"
        lines.append(
            f"職員名簿に{where}の所属長が登録されていないため、所属長には届けていません。所属長に直接お知らせください。"
        )
    return "\n".join(lines)
