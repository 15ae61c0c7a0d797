"""Japanese labels for what the digest counts."""

from __future__ import annotations

ACTION_LABELS_JA = {"allow": "送信", "confirm": "確認後に送信", "block": "停止"}


def entity_label(entity_type: str) -> str:
    """氏名, 電話番号 … from the gate's table once it is there; the type code otherwise."""
    try:
        from bot.gate.labels import ENTITY_LABELS_JA
    except ImportError:
        return entity_type
    return str(ENTITY_LABELS_JA.get(entity_type, entity_type))
