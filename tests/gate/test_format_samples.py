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
        # a postal code showing the shape an expression or a spreadsheet formula should take
        ("正規表現で郵便番号（987-6543の形）を拾いたい", "987-6543", "JP_POSTAL_CODE"),
        ("住所から郵便番号を取り出す関数はある？例：〒270-0000 みたいな書き方", "〒270-0000", "JP_POSTAL_CODE"),
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
        # a formula asked for, but the postal code is a resident's, not shown as a sample
        ("この名簿の郵便番号を抜き出す関数を。〒350-1234 新座市野火止1-2-3", "〒350-1234", "JP_POSTAL_CODE"),
    ],
)
def test_anything_else_stays_personal(text: str, value: str, entity: str) -> None:
    assert not format_sample(text, entity, *_span(text, value))


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        ("テスト用の架空データ。住所は「テスト町1-1」で統一", "テスト町1-1", "LOCATION"),
        ("ダミーの名簿を作って。電話は 000-0000-0000 で", "000-0000-0000", "PHONE_NUMBER"),
        ("研修用のダミー宛先 user01@example.com を使って", "user01@example.com", "EMAIL_ADDRESS"),
        ("記入例の生年月日は「平成2年4月1日」にして", "平成2年4月1日", "DATE_OF_BIRTH"),
        ("例は架空の「本町三丁目十二番地」で", "本町三丁目十二番地", "LOCATION"),
    ],
)
def test_a_placeholder_in_test_data_the_prompt_calls_invented_is_a_sample(text: str, value: str, entity: str) -> None:
    assert format_sample(text, entity, *_span(text, value))


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        # declared test data, but a real-looking value: still somebody's
        ("テスト用のデータに 090-4821-7730 を使って", "090-4821-7730", "PHONE_NUMBER"),
        ("ダミーデータの宛先は yamada.k@example.jp で", "yamada.k@example.jp", "EMAIL_ADDRESS"),
        # a company called サンプル and its building: a real address, nothing declared invented
        (
            "株式会社サンプル 〒064-0804 札幌市中央区南4条西12丁目1-5 サンプルビル3F",
            "札幌市中央区南4条西12丁目1-5",
            "LOCATION",
        ),
        # a placeholder shape, but nothing in the prompt says the data is invented
        ("住所は 〇〇町1-1 の田中さん宅です", "〇〇町1-1", "LOCATION"),
    ],
)
def test_real_looking_values_or_undeclared_data_stay_personal(text: str, value: str, entity: str) -> None:
    assert not format_sample(text, entity, *_span(text, value))


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("データはダミー\n1,テスト 一郎,昭和58年4月1日", "昭和58年4月1日", True),  # the row's name is a placeholder
        ("記入例（架空）\n生年月日：平成元年1月1日", "平成元年1月1日", True),  # the date any example writes
        ("1行目はダミー\n1,テスト 一郎,昭和58年4月1日\n2,山田 一郎,昭和58年4月3日", "昭和58年4月3日", False),
        ("山田 一郎,昭和58年4月3日", "昭和58年4月3日", False),  # nothing declared invented
    ],
)
def test_a_birth_date_in_declared_test_data(text: str, value: str, expected: bool) -> None:
    assert format_sample(text, "DATE_OF_BIRTH", *_span(text, value)) is expected


def test_two_placeholder_words_make_a_placeholder_mailbox() -> None:
    text = "Test the regex with hanako.test@example.jp (dummy addresses)."
    assert format_sample(text, "EMAIL_ADDRESS", *_span(text, "hanako.test@example.jp"))
    real = "Test the regex with hanako.sato@example.jp (dummy addresses)."
    assert not format_sample(real, "EMAIL_ADDRESS", *_span(real, "hanako.sato@example.jp"))


def test_the_stock_name_is_a_sample_only_when_quoted_in_a_notation_question() -> None:
    asked = "ローマ字は『YAMADA Taro』と『Taro Yamada』のどちらの表記がいい？"
    assert format_sample(asked, "PERSON", *_span(asked, "YAMADA Taro"))
    somebody = "Yamada Taro, born 1988-11-02 — この人の住所を英語表記として正しいかチェックして"
    assert not format_sample(somebody, "PERSON", *_span(somebody, "Yamada Taro"))
    other = "ローマ字は『SATO Kenji』と『Kenji Sato』のどちらの表記がいい？"
    assert not format_sample(other, "PERSON", *_span(other, "SATO Kenji"))


def test_a_postal_code_of_zeros_in_declared_test_data_is_a_placeholder() -> None:
    text = "住所の自動入力の説明に『〒000-0000（ダミー）』を使って"
    assert format_sample(text, "JP_POSTAL_CODE", *_span(text, "〒000-0000"))
    real = "住所の自動入力の説明に『〒271-8588（ダミー）』を使って"
    assert not format_sample(real, "JP_POSTAL_CODE", *_span(real, "〒271-8588"))
