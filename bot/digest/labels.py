"""Japanese labels for what the digest counts."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from bot.gate.labels import label_ja

ACTION_LABELS_JA = {"allow": "送信", "confirm": "確認後に送信", "block": "停止"}

# What the digest reports per decision: a confirm preview counts as sent only once the asker sent it.
DECISION_LABELS_JA = {
    "allow": "送信",
    "confirm_sent": "確認後に送信",
    "confirm_cancelled": "確認後に取りやめ",
    "confirm_expired": "確認されず失効",
    "block": "停止",
}
# Shown only when there are any: previews still waiting, and those recorded before outcomes were kept.
EXTRA_DECISION_LABELS_JA = {
    "confirm_waiting": "確認待ち",
    "confirm_unknown": "確認結果不明（記録開始前）",
}
ALL_DECISION_LABELS_JA = {**DECISION_LABELS_JA, **EXTRA_DECISION_LABELS_JA}


def decision_key(action: str, confirm_outcome: str | None) -> str:
    """allow / block, or confirm_<sent|cancelled|expired|waiting|unknown>."""
    return f"confirm_{confirm_outcome or 'expired'}" if action == "confirm" else action


def entity_label(entity_type: str) -> str:
    """氏名, 電話番号 … (the gate's own names for the entity types)."""
    return label_ja(entity_type)


# Rules the code applies to attached files without a policy entry of their own (bot/files/screening.py).
BUILT_IN_RULE_NAMES_JA = {
    "files.unmasked": "伏せきれない個人情報を含むファイル",
    "files.unreadable": "内容を確認できないファイル",
}


@cache
def _rule_names(city: str | None) -> dict[str, str]:
    from bot.gate.policy import PolicyBook, PolicyError, UnknownCityError

    try:
        book = PolicyBook.load()
        cities = [city] if city is not None and city in book.cities else book.cities
        names: dict[str, str] = {}
        for name in cities:
            for rule_id, rule_name in book.get(name).rule_names().items():
                names.setdefault(rule_id, rule_name)
    except (PolicyError, UnknownCityError):
        names = {}  # the digest still goes out, with the rule ids
    return {**BUILT_IN_RULE_NAMES_JA, **names}


def rule_labeler(city: str | None = None) -> Callable[[str], str]:
    """Rule id → its Japanese name from the city's policy (every city's when `city` is None)."""
    names = _rule_names(city)
    return lambda rule_id: names.get(rule_id, rule_id)
