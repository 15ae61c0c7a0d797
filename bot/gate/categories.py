"""Which allowed use a prompt is (要約, 翻訳 …), for the digest and the audit record.

The categories are those the five guidelines list as allowed uses (岩見沢 第7条, 新座 4, 流山 4,
松戸 第2章2-1(2)); the first matching group wins, most specific first.
"""

from __future__ import annotations

import re

from bot.gate.types import UseCategory


def _words(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(words))


_CATEGORIES: list[tuple[UseCategory, re.Pattern[str]]] = [
    (
        UseCategory.EXCEL,
        _words(
            "Excel",
            "エクセル",
            "EXCEL",
            "関数",
            "VBA",
            "マクロ",
            "VLOOKUP",
            "XLOOKUP",
            "スプレッドシート",
            "Python",
            "数式",
            "ピボット",
        ),
    ),
    (
        UseCategory.TRANSLATION,
        _words(
            "翻訳", "英訳", "和訳", "英語に", "中国語に", "韓国語に", "ベトナム語", "やさしい日本語", "英語で", "訳して"
        ),
    ),
    (UseCategory.SUMMARY, _words("要約", "要点", "まとめて", "まとめる", "短く", "サマリ", "議事録")),
    (
        UseCategory.PROOFREADING,
        _words(
            "校正", "誤字", "脱字", "添削", "推敲", "言い回し", "表現を(?:直|改|整)", "チェックして", "見直して", "敬語"
        ),
    ),
    (UseCategory.ORGANISING, _words("表に", "整理", "一覧", "分類", "比較表", "表形式", "項目ごと", "並べ替")),
    (
        UseCategory.IDEAS,
        _words("アイデア", "アイディア", "案を(?:出|考)", "企画", "ブレスト", "キャッチコピー", "ネーミング", "着想"),
    ),
    (
        UseCategory.PROCEDURE,
        _words("手続", "手順", "必要書類", "申請方法", "やり方", "進め方", "流れを教", "規程", "決裁"),
    ),
    (
        UseCategory.WRITING,
        _words(
            "作成",
            "書いて",
            "文案",
            "挨拶",
            "あいさつ",
            "メール",
            "お知らせ",
            "案内文",
            "下書き",
            "素案",
            "原稿",
            "文面",
            "通知文",
        ),
    ),
]


def classify_use(text: str) -> UseCategory:
    for category, pattern in _CATEGORIES:
        if pattern.search(text):
            return category
    return UseCategory.OTHER
