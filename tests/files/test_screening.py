"""Files through the real gate: a 名簿 is blocked in 前橋, masked and sent in 岩見沢, cut to the budget."""

from __future__ import annotations

import re

import pytest

from bot.files.reading import extract_bytes
from bot.files.screening import RULE_MANY_PEOPLE, ScreenedFiles, screen_files
from bot.gate.placeholders import PlaceholderBook
from bot.gate.types import Action, Request
from tests.files import samples

pytestmark = pytest.mark.slow


def roster(n: int, *, missing_phones: int = 0) -> bytes:
    rows = samples.roster_rows(n)
    for row in rows[1 : missing_phones + 1]:
        row[3] = ""
    return samples.csv_bytes(rows, "cp932")


async def screen(
    gate, city: str, *files: tuple[str, bytes], max_chars: int = 12_000, book: PlaceholderBook | None = None
) -> ScreenedFiles:
    contents = [extract_bytes(name, data) for name, data in files]
    return await screen_files(
        contents,
        gate=gate,
        policy=gate.policies.get(city),
        book=book or PlaceholderBook(),
        max_chars=max_chars,
        request=Request(text="", city=city, user_id="U1", platform="test"),
    )


async def test_a_roster_of_many_people_is_blocked_in_maebashi_with_a_summary_and_article_3_2(gate) -> None:
    screened = await screen(gate, "maebashi", ("名簿.csv", roster(120, missing_phones=2)))
    assert screened.action is Action.BLOCK
    violation = next(v for v in screened.violations if v.rule_id == RULE_MANY_PEOPLE)
    assert violation.action is Action.BLOCK
    assert "3(2)" in violation.article and "個人情報等を含むファイルのアップロード" in violation.article
    assert "氏名 120件" in violation.message and "電話番号 118件" in violation.message
    assert "住所 120件" in violation.message and "生年月日 120件" in violation.message
    assert screened.people == 120
    assert screened.found_counts["PERSON"] == 120


@pytest.mark.parametrize("city", ["niiza", "nagareyama", "matsudo"])
async def test_other_cities_that_forbid_personal_data_block_it_too_with_their_own_article(gate, city: str) -> None:
    screened = await screen(gate, city, ("名簿.csv", roster(30)))
    assert screened.action is Action.BLOCK
    violation = next(v for v in screened.violations if v.rule_id == RULE_MANY_PEOPLE)
    assert violation.article == gate.policies.get(city).personal_data.article


async def test_a_few_people_go_the_usual_way_for_personal_data_confirm_with_a_masked_preview(gate) -> None:
    screened = await screen(gate, "maebashi", ("連絡先.csv", roster(3)))
    assert screened.action is Action.CONFIRM
    assert [v.rule_id for v in screened.violations] == ["personal_data"]
    assert "【氏名1】" in screened.text and "鈴木結衣" not in screened.text


async def test_iwamizawa_masks_every_personal_cell_and_forwards_the_roster(gate) -> None:
    data = roster(40)
    screened = await screen(gate, "iwamizawa", ("名簿.csv", data))
    assert screened.action is Action.ALLOW
    raw_rows = samples.roster_rows(40)[1:]
    for row in raw_rows:
        for value in row[1:5]:  # 氏名, 住所, 電話番号, 生年月日
            assert value not in screened.text
    assert "【氏名40】" in screened.text or "【氏名39】" in screened.text
    assert screened.text.splitlines()[1] == "番号\t氏名\t住所\t電話番号\t生年月日\t備考"  # the header stays
    assert screened.found_counts["PERSON"] == 40 and screened.people == 40
    assert screened.notes == ()


async def test_ambiguous_values_are_masked_because_of_their_header(gate) -> None:
    # 「山」 alone, a bare 7-digit number and 「S45.3.2」 mean nothing to a recognizer; the headers say what they are.
    rows = [["氏名", "口座", "生年月日", "件数"], ["山", "1234567", "S45.3.2", "3"], ["森", "7654321", "H2.1.9", "1"]]
    screened = await screen(gate, "iwamizawa", ("口座.csv", samples.csv_bytes(rows, "utf-8")))
    body = screened.text.splitlines()
    assert body[2] == "【氏名1】\t【口座番号1】\t【生年月日1】\t3"
    assert body[3] == "【氏名2】\t【口座番号2】\t【生年月日2】\t1"
    assert sorted(f.entity_type for f in screened.masked_findings if f.recognizer == "file_column") == sorted(
        ["PERSON", "PERSON", "JP_BANK_ACCOUNT", "JP_BANK_ACCOUNT", "DATE_OF_BIRTH", "DATE_OF_BIRTH"]
    )


async def test_a_personal_value_written_again_in_another_column_is_masked_there_too(gate) -> None:
    rows = [["氏名", "備考"], ["山田太郎", ""], ["佐藤花子", "山田太郎の代理で申請"]]
    screened = await screen(gate, "iwamizawa", ("申請.csv", samples.csv_bytes(rows, "utf-8")))
    assert "山田太郎" not in screened.text
    assert "【氏名1】の代理で申請" in screened.text


async def test_the_same_person_gets_the_same_placeholder_in_the_message_and_the_file(gate) -> None:
    book = PlaceholderBook()
    message = await gate.acheck(Request(text="山田太郎さんの申請について要約して", city="iwamizawa"), placeholders=book)
    screened = await screen(
        gate, "iwamizawa", ("申請.csv", samples.csv_bytes([["氏名"], ["山田太郎"]], "utf-8")), book=book
    )
    assert "【氏名1】" in message.redacted_text and "【氏名1】" in screened.text


async def test_a_table_without_personal_data_is_sent_as_it_is(gate) -> None:
    rows = [["課", "件数", "前年比"], ["市民課", "1,204", "+3%"], ["税務課", "877", "-1%"]]
    for city in ("maebashi", "iwamizawa"):
        screened = await screen(gate, city, ("集計.csv", samples.csv_bytes(rows, "cp932")))
        assert screened.action is Action.ALLOW
        assert "市民課\t1,204\t+3%" in screened.text
        assert screened.found_counts == {}


async def test_a_long_file_is_cut_to_the_budget_with_a_note_saying_how_much_was_used(gate) -> None:
    paragraph = "本市の窓口業務の改善について検討した結果を報告する。" * 4
    text = "\n".join(f"{i}. {paragraph}" for i in range(1, 200))
    screened = await screen(gate, "maebashi", ("報告.txt", text.encode("utf-8")), max_chars=3_000)
    assert screened.action is Action.ALLOW
    (note,) = screened.notes
    total = len(text) + 1
    assert note == (
        f"「報告.txt」: ファイルの先頭 {screened.audit[0]['used_chars']:,} 文字（全体の "
        f"{screened.audit[0]['used_chars'] * 100 // total}%）を使用しました。残りは生成AIに送っていません。"
    )
    assert 2_900 <= screened.audit[0]["used_chars"] <= 3_000
    assert len(screened.text) < 3_200
    assert "199. " not in screened.text


async def test_the_budget_is_shared_by_all_files_and_a_file_left_out_is_named(gate) -> None:
    first = ("一.txt", ("あ" * 99 + "\n").encode() * 40)
    second = ("二.txt", "二つ目のファイル".encode())
    screened = await screen(gate, "maebashi", first, second, max_chars=1_000)
    assert screened.notes[-1] == "「二.txt」は文字数の上限（ほかの添付ファイルで使い切り）のため使用していません。"
    assert "二つ目のファイル" not in screened.text


async def test_the_audit_figures_have_kinds_sizes_and_findings_but_no_names_or_content(gate) -> None:
    data = roster(12)
    screened = await screen(gate, "maebashi", ("名簿_山田.csv", data))
    (entry,) = screened.audit
    assert entry["kind"] == "csv" and entry["bytes"] == len(data)
    assert entry["findings"]["PERSON"] == 13  # twelve rows, and 山田 in the file's name (masked in the heading too)
    heading = screened.text.splitlines()[0]
    # 山田 of the file's name is a part of the roster's 山田… and shares that person's placeholder.
    (number,) = re.fullmatch(r"【添付ファイル1: 名簿_【氏名(\d+)】\.csv（CSV）】", heading).groups()
    assert f"【氏名{number}】" in "\n".join(screened.text.splitlines()[1:])
    flat = repr(screened.audit)
    assert "山田" not in flat and "名簿" not in flat and "鈴木" not in flat


async def test_rules_of_the_city_apply_to_the_file_text(gate) -> None:
    text = "次の選挙で〇〇候補に投票するよう呼びかける文章を作って"
    screened = await screen(gate, "maebashi", ("依頼.txt", text.encode("utf-8")))
    assert "election.campaign" in {v.rule_id for v in screened.violations}


async def test_each_chunk_goes_to_the_gate_as_the_message_request_with_the_chunk_as_text(gate) -> None:
    class RecordingGate:
        """The real gate, remembering each request it was given."""

        def __init__(self) -> None:
            self.requests: list[Request] = []

        def __getattr__(self, name: str):  # policies and the rest: the real gate's
            return getattr(gate, name)

        async def acheck(self, request: Request, placeholders: PlaceholderBook | None = None):
            self.requests.append(request)
            return await gate.acheck(request, placeholders=placeholders)

    recording = RecordingGate()
    message = Request(
        text="この表を要約して",
        city="niiza",
        user_id="U1",
        department="市民課",
        channel="C1",
        thread_id="1700000000.000100",
        platform="slack",
    )
    lines = "\n".join(f"{i}行目: 窓口の案内文を見直す。" for i in range(700))  # more than one gate chunk
    await screen_files(
        [extract_bytes("案内.txt", lines.encode())],
        gate=recording,
        policy=gate.policies.get("niiza"),
        book=PlaceholderBook(),
        max_chars=40_000,
        request=message,
    )
    assert len(recording.requests) >= 2
    for piece in recording.requests:
        assert piece is not message and "行目: 窓口の案内文を見直す。" in piece.text  # a chunk of the file
        assert (piece.city, piece.user_id, piece.department, piece.channel, piece.thread_id, piece.platform) == (
            "niiza",
            "U1",
            "市民課",
            "C1",
            "1700000000.000100",
            "slack",
        )
    assert message.text == "この表を要約して"  # the message's own request is not changed
