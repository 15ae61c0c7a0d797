"""The texts under every answer, and the notices for block, confirm and errors, platform-free.

Each platform lays these out its own way (Slack: Block Kit; console: plain lines), but the words
are the same everywhere and come from the city's policy: the 事実確認 reminder with its article,
where the answer came from, what was masked, and how to label the text if it is published as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.gate.labels import masked_summary_ja
from bot.gate.policy import Policy
from bot.gate.types import Decision, Violation


def masked_summary(counts: Mapping[str, int]) -> str:
    """「氏名2件・電話番号1件」 in the gate's order of entity types; empty when nothing was masked."""
    return masked_summary_ja(dict(counts)) if any(counts.values()) else ""


@dataclass(frozen=True, slots=True)
class AnswerFooter:
    reminder: str  # 事実確認 reminder, with its article
    provenance: str  # 「この回答は【model】により作成…」
    policy_line: str  # which policy and version decided
    masked_line: str  # what was masked before sending
    publish_rule: str  # how to label the text if it is published as is
    output_note: str | None = None  # personal data the model made up was masked (with the city's own article)
    partial_note: str | None = None  # the answer is cut; why
    file_notes: tuple[str, ...] = ()  # how much of each attached file was used

    def lines(self) -> list[str]:
        lines = [line for line in (self.partial_note, self.output_note) if line]
        lines += [f"📎 {note}" for note in self.file_notes]
        lines += [self.reminder, self.provenance, self.policy_line, self.masked_line, self.publish_rule]
        return lines


def compose_footer(
    policy: Policy,
    decision: Decision,
    *,
    model: str,
    output_counts: Mapping[str, int] | None = None,
    partial_reason: str | None = None,
    file_notes: tuple[str, ...] = (),
) -> AnswerFooter:
    masked = masked_summary(decision.masked_counts)
    output = masked_summary(output_counts or {})
    return AnswerFooter(
        reminder=f"⚠️ {policy.texts.reminder}（{policy.texts.reminder_article}）",
        provenance=policy.texts.provenance.format(model=model),
        policy_line=f"判定: {policy.guideline}（{decision.policy_version}）",
        masked_line=f"送信前に伏せた情報: {masked}" if masked else "送信前に伏せた情報: なし",
        publish_rule=f"公開する場合: {policy.texts.publish_rule}",
        output_note=output_note(policy, output) if output else None,
        partial_note=f"✂️ この回答は途中までです: {partial_reason}" if partial_reason else None,
        file_notes=tuple(file_notes),
    )


def output_note(policy: Policy, summary: str) -> str:
    """The note under an answer whose personal data was masked, citing the city's own article if it has one."""
    article = policy.texts.output_check_article
    basis = f"（{article}）" if article else ""
    return (
        f"🔒 回答に個人情報とみられる記載（{summary}）があったため伏せました。"
        f"生成AIが作った架空の情報の可能性があります{basis}。"
    )


@dataclass(frozen=True, slots=True)
class BlockNotice:
    """Why nothing was sent: every rule with its article and what to do instead."""

    headline: str
    violations: tuple[Violation, ...]
    contact: str


def compose_block(policy: Policy, decision: Decision) -> BlockNotice:
    return BlockNotice(
        headline=f"🚫 この依頼は{policy.name}のルールにより生成AIに送信しませんでした。",
        violations=tuple(v for v in decision.violations if v.action.severity >= 2) or decision.violations,
        contact=policy.texts.contact,
    )


CONFIRM_HEADLINE = "🔎 送信前の確認: 生成AIに送られるのは、次の文（個人情報などは伏せ字にしたもの）だけです。"
# Said plainly, so that a city's 「個人情報の入力は禁止」 and the button do not seem to contradict each other:
# what leaves is the masked text only, and the employee vouches for it.
CONFIRM_PLEDGE = (
    "送信すると、上の文だけが生成AIに送られます。その文に個人を特定できる情報や"
    "送ってはいけない情報が残っていないことをあなたが確かめ、送信に責任を持つことになります。"
)


@dataclass(frozen=True, slots=True)
class ConfirmPrompt:
    """The masked preview the asker must approve before anything is sent."""

    pending_id: str
    asker_id: str
    headline: str
    preview: str  # exactly what the model will receive as the question
    reasons: tuple[Violation, ...]
    masked_line: str
    pledge: str = CONFIRM_PLEDGE  # what pressing 送信する means, shown after the preview and the reasons


def compose_confirm(policy: Policy, decision: Decision, *, pending_id: str, asker_id: str) -> ConfirmPrompt:
    masked = masked_summary(decision.masked_counts)
    return ConfirmPrompt(
        pending_id=pending_id,
        asker_id=asker_id,
        headline=CONFIRM_HEADLINE,
        preview=decision.redacted_text,
        reasons=decision.violations,
        masked_line=f"伏せた情報: {masked}" if masked else "伏せた情報: なし",
    )


NOT_SENT = "入力内容は生成AIに送信していません。"

# The thanks for 👍 / 👎 on an answer (stored on its audit record for the weekly digest).
FEEDBACK_THANKS = {
    "up": "ℹ️ 👍 ありがとうございます。週次の集計に反映します。",
    "down": "ℹ️ 👎 ありがとうございます。改善の参考にします。",
}


def gate_failed_message(reason: str) -> str:
    return f"⚠️ 個人情報のチェックを実行できなかったため、{NOT_SENT}{reason}"


def suspended_message(reason: str, contact: str) -> str:
    return f"⛔ 生成AIゲートは現在利用停止中です（理由: {reason}）。{NOT_SENT}お問い合わせ: {contact}"
