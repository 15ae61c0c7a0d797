"""Headers decide what a column holds: a table of real header spellings, positives beside negatives."""

from __future__ import annotations

import pytest

from bot.files.columns import header_type, table_layout

HEADERS = [
    ("氏名", "PERSON"),
    ("名前", "PERSON"),
    ("お名前", "PERSON"),
    ("申請者氏名（カナ）", "PERSON"),
    ("ﾌﾘｶﾞﾅ", "PERSON"),  # half-width kana from older systems' CSV exports
    ("フリガナ", "PERSON"),
    ("住所", "LOCATION"),
    ("現住所", "LOCATION"),
    ("電話番号", "PHONE_NUMBER"),
    ("ＴＥＬ", "PHONE_NUMBER"),
    ("携帯電話", "PHONE_NUMBER"),
    ("生年月日", "DATE_OF_BIRTH"),
    ("個人番号", "JP_MY_NUMBER"),
    ("マイナンバー", "JP_MY_NUMBER"),
    ("メールアドレス", "EMAIL_ADDRESS"),
    ("E-mail", "EMAIL_ADDRESS"),
    ("口座番号", "JP_BANK_ACCOUNT"),
    ("振込先口座", "JP_BANK_ACCOUNT"),
    ("郵便番号", "JP_POSTAL_CODE"),
    ("被保険者番号", "JP_HEALTH_INSURANCE"),
    # not personal columns
    ("施設所在地", None),
    ("件数", None),
    ("課名", None),
    ("氏名の確認方法について記載してください", None),
    ("", None),
]


@pytest.mark.parametrize(("header", "entity_type"), HEADERS)
def test_header_spellings(header: str, entity_type: str | None) -> None:
    assert header_type(header) == entity_type


def test_the_header_may_follow_a_title_row() -> None:
    rows = [["令和7年度 講座申込者一覧"], ["No", "氏名", "電話番号", "受講日"], ["1", "山田", "1234567", "4/1"]]
    layout = table_layout(rows)
    assert layout.header_row == 1
    assert layout.personal_columns == {1: "PERSON", 2: "PHONE_NUMBER"}
    assert list(layout.data_rows(rows)) == [2]


def test_a_table_without_personal_headers_has_no_personal_columns() -> None:
    layout = table_layout([["課", "件数"], ["市民課", "12"], ["税務課", "8"]])
    assert layout.header_row is None and layout.personal_columns == {}
