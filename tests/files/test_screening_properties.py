"""Properties of the table rule, for any table: in 岩見沢 no cell of a personal column reaches the
text, and screening the same content twice with one book gives the same text (stable placeholders)."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.files.screening import screen_files
from bot.files.types import FileContent, FileKind, TablePart
from bot.gate.placeholders import PlaceholderBook
from bot.gate.types import Action, Request

pytestmark = pytest.mark.slow

PERSONAL_HEADERS = ["氏名", "住所", "電話番号", "生年月日", "個人番号", "メールアドレス", "口座番号", "フリガナ"]
OTHER_HEADERS = ["件数", "課", "備考", "受付日", "区分"]
# Cell values a recognizer alone could not place: short names, bare numbers, odd dates, kana.
CELL = st.one_of(
    st.text(alphabet="山田佐藤森林一郎花子太ヤマダたろう", min_size=1, max_size=6),
    st.from_regex(r"\A[0-9]{4,12}\Z"),
    st.from_regex(r"\A[SHR][0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}\Z"),
    st.just(""),
)


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    headers = draw(st.lists(st.sampled_from(PERSONAL_HEADERS + OTHER_HEADERS), min_size=1, max_size=5, unique=True))
    if not set(headers) & set(PERSONAL_HEADERS):
        headers.append(draw(st.sampled_from(PERSONAL_HEADERS)))
    rows = draw(st.lists(st.lists(CELL, min_size=len(headers), max_size=len(headers)), min_size=1, max_size=12))
    return [headers, *rows]


def screen(gate, rows: list[list[str]], book: PlaceholderBook):
    content = FileContent(name="表.csv", kind=FileKind.CSV, size=1, parts=[TablePart(rows)])
    return asyncio.run(
        screen_files(
            [content],
            gate=gate,
            policy=gate.policies.get("iwamizawa"),
            book=book,
            max_chars=12_000,
            request=Request(text="", city="iwamizawa", platform="test"),
        )
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=tables())
def test_no_cell_of_a_personal_column_is_ever_sent(gate, rows: list[list[str]]) -> None:
    screened = screen(gate, rows, PlaceholderBook())
    # The masking held; a block can only come from a city rule (a 12-digit count that passes the
    # マイナンバー check is blocked everywhere), never from a value left unmasked.
    assert "files.unmasked" not in {v.rule_id for v in screened.violations}
    assert screened.action is Action.ALLOW or all(
        v.rule_id.startswith("my_number") for v in screened.violations if v.action is Action.BLOCK
    )
    personal = [i for i, header in enumerate(rows[0]) if header in PERSONAL_HEADERS]
    body = screened.text.split("\n", 2)[2] if screened.text.count("\n") >= 2 else ""
    sent_cells = [line.split("\t") for line in body.split("\n")]
    for raw, sent in zip(rows[1:], sent_cells, strict=False):
        for i in personal:
            if raw[i]:
                assert sent[i].startswith("【") and sent[i].endswith("】"), (raw[i], sent[i])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=tables())
def test_the_same_table_twice_in_one_thread_gets_the_same_placeholders(gate, rows: list[list[str]]) -> None:
    book = PlaceholderBook()
    assert screen(gate, rows, book).text == screen(gate, rows, book).text
