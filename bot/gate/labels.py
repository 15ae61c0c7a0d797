"""Japanese names of entity types, for placeholders, provenance notes and digests."""

from __future__ import annotations

ENTITY_LABELS_JA: dict[str, str] = {
    "PERSON": "氏名",
    "LOCATION": "住所",
    "JP_POSTAL_CODE": "郵便番号",
    "PHONE_NUMBER": "電話番号",
    "EMAIL_ADDRESS": "メールアドレス",
    "SNS_ACCOUNT": "SNSアカウント",
    "JP_MY_NUMBER": "マイナンバー",
    "DATE_OF_BIRTH": "生年月日",
    "JP_BANK_ACCOUNT": "口座番号",
    "CREDIT_CARD": "カード番号",
    "JP_DRIVER_LICENSE": "運転免許証番号",
    "JP_PASSPORT": "旅券番号",
    "JP_RESIDENCE_CARD": "在留カード番号",
    "JP_HEALTH_INSURANCE": "被保険者番号",
    "JP_BASIC_PENSION": "基礎年金番号",
    "JP_RESIDENT_CODE": "住民票コード",
    "JP_CORPORATE_NUMBER": "法人番号",
    "CREDENTIAL": "認証情報",
}


def label_ja(entity_type: str) -> str:
    return ENTITY_LABELS_JA.get(entity_type, entity_type)


def masked_summary_ja(counts: dict[str, int]) -> str:
    """「氏名2件・電話番号1件」, in the order of ENTITY_LABELS_JA; 「なし」 when nothing was masked."""
    order = list(ENTITY_LABELS_JA)
    parts = [
        f"{label_ja(t)}{n}件"
        for t, n in sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
        if n
    ]
    return "・".join(parts) if parts else "なし"
