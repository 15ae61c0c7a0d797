"""An address or a number shown as a sample in a request about a format is not somebody's contact."""

from __future__ import annotations

import pytest

from bot.gate.format_samples import format_sample


def _span(text: str, value: str) -> tuple[int, int]:
    start = text.index(value)
    return start, start + len(value)


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        ("メールの正規表現がほしい。hanako@example.jp みたいな形を通したい", "hanako@example.jp", "EMAIL_ADDRESS"),
        ("電話番号の入力チェック。例えば 048-000-1234 は通す", "048-000-1234", "PHONE_NUMBER"),
        ("Write a regex that accepts addresses such as user@example.com", "user@example.com", "EMAIL_ADDRESS"),
    ],
)
def test_a_sample_in_a_format_request_is_a_sample(text: str, value: str, entity: str) -> None:
    assert format_sample(text, entity, *_span(text, value))


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        # a format request, but the value is somebody's, not introduced as a sample
        ("入力チェックのテスト用に山田さんのメール y.k@example.jp を使って", "y.k@example.jp", "EMAIL_ADDRESS"),
        # a sample marker, but no format request: a contact to tidy
        ("連絡先は 090-1234-5678 みたいな書き方でそろえて", "090-1234-5678", "PHONE_NUMBER"),
        # another kind of finding is never a sample here
        ("正規表現のテスト。山田太郎 みたいな氏名", "山田太郎", "PERSON"),
    ],
)
def test_anything_else_stays_personal(text: str, value: str, entity: str) -> None:
    assert not format_sample(text, entity, *_span(text, value))
