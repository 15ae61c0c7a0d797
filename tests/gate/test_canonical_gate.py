"""Identifiers written evasively are still masked whole: the gate reads the canonical view.

Property: any identifier the generator (bench/identifiers.py) produces, with invisible characters, spaces,
line breaks, full-width characters or kanji digits put anywhere between its characters, is masked and no
character of it is left in `redacted`. E-mail addresses take spaces and line breaks only around @ and the
dots (inside a word a space makes two words); everything else takes them anywhere.
"""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bench.identifiers import EVASION_TYPES, GENERATORS, KANJI_DIGITS, to_fullwidth
from bot.gate import Request
from bot.gate.gate import Gate
from bot.gate.types import Action

SETTINGS = settings(
    max_examples=int(os.environ.get("AIGATE_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
INSERTS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", " ", "\u3000", "\n", "/", "・")
GROUP_MARKS = ("/", "・")  # between digit groups only: an e-mail address has none
CHANGES = ("fullwidth", "kanji")


def _perturb(value: str, email: bool, edits: list[tuple[float, str]]) -> str:
    chars = list(value)
    for where, how in edits:
        if how in CHANGES:
            i = int(where * len(chars))
            ch = chars[i]
            if how == "kanji" and ch.isascii() and ch.isdigit():
                chars[i] = KANJI_DIGITS[int(ch)]
            elif how == "fullwidth" and len(ch) == 1 and "!" <= ch <= "~":
                chars[i] = to_fullwidth(ch)
            continue
        if email and how in GROUP_MARKS:
            continue
        gaps = range(1, len(chars))
        if email and how in (" ", "\u3000", "\n"):
            gaps = [i for i in gaps if chars[i] in "@.＠．" or chars[i - 1] in "@.＠．"]
        if gaps:
            i = list(gaps)[int(where * len(gaps))]
            chars.insert(i, how)
    return "".join(chars)


@st.composite
def evasive_identifiers(draw: st.DrawFn) -> tuple[str, str, int, int, str]:
    entity_type = draw(st.sampled_from(EVASION_TYPES))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = random.Random(seed)
    make, templates = GENERATORS[entity_type]
    value, variant, _ = make(rng, True)
    template = rng.choice(templates)
    if entity_type == "JP_POSTAL_CODE" and variant == "bare":
        template = "郵便番号：{v}"
    edits = draw(
        st.lists(
            st.tuples(st.floats(0, 0.999), st.sampled_from(INSERTS + CHANGES)),
            min_size=1,
            max_size=4,
        )
    )
    perturbed = _perturb(value, entity_type == "EMAIL_ADDRESS", edits)
    before, after = template.split("{v}")
    return entity_type, before + perturbed + after, len(before), len(before) + len(perturbed), value


@SETTINGS
@given(case=evasive_identifiers())
# found by this test on 2026-12-08: a line break, then a slash in the last group (３/１６ read as a date)
@example(case=("JP_MY_NUMBER", "マイナンバーは２９１４１７７７６\n３/１６です。", 7, 21, "２９１４１７７７６３１６"))
def test_an_evasively_written_identifier_is_masked_whole(gate: Gate, case: tuple[str, str, int, int, str]) -> None:
    entity_type, text, start, end, _ = case
    decision = gate.check(Request(text=text, city="niiza"))
    covered = {i for f in decision.findings if f.masked for i in range(f.start, f.end)}
    left = [text[i] for i in range(start, end) if text[i].isalnum() and i not in covered]
    assert not left, f"{entity_type}: {text!r} -> {decision.redacted_text!r}"
    # Redacting the result again finds nothing new.
    again = gate.check(Request(text=decision.redacted_text, city="niiza"))
    assert again.redacted_text == decision.redacted_text


@pytest.mark.parametrize(
    "text",
    [
        "マイナンバーカードの番号は1234 5678 9018です。",
        "通知カードに書かれた番号 123456789018 を転記して",
        "12桁の番号（1234-5678-9018）を確認",
        "マイナ保険証の番号確認：1234\u200b5678\u200b9018",
        "個人番号カード\n1234\n5678\n9018",
        "番号確認書類　一二三四 五六七八 九〇一八",
        "マイナンバーは一二三四五六七八九〇一八です",
    ],
)
def test_a_my_number_introduced_by_any_word_for_it_is_blocked_in_every_city(gate: Gate, text: str) -> None:
    for city in ("iwamizawa", "niiza", "nagareyama", "maebashi", "matsudo"):
        decision = gate.check(Request(text=text, city=city))
        assert decision.action is Action.BLOCK, (city, text, decision.findings)
        assert "my_number.value" in decision.rule_ids
        assert not any(ch.isdigit() for ch in decision.redacted_text.split("【")[0] if ch not in "12"), decision


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("携帯は０９０ １２３４ ５６７８です", "5678"),
        ("電話：0 9 0 - 1 2 3 4 - 5 6 7 8 まで", "5 6 7 8"),
        ("連絡先 090.1234.5678", "5678"),
        ("折り返しは 090-1234-\n5678 へ", "5678"),
        ("カード番号 4111\n1111\n1111\n1111", "1111"),
        ("カード 4111.1111.1111.1111 で支払い", "1111"),
        ("メールは taro (at) example (dot) jp です", "taro"),
        ("メール：hanako アットマーク example ドット co ドット jp", "hanako"),
        ("返信先 suzuki at city dot example dot lg dot jp", "suzuki"),
        ("自宅は新座市野火止 1-2-3 です", "1-2-3"),
        ("住所：埼玉県新座市野火止三丁目十二番五号", "十二"),
        ("札幌市中央区北4条西3丁目1-5 サンハイツ203号室に住んでいます", "203"),
        ("岩見沢市4条8丁目2-1 の佐藤です", "2-1"),
        ("流山市平和台2丁目3番4号 グリーンハイツ101号室", "101"),
        ("岩見沢市鳩が丘1丁目1番1号 メゾン鳩が丘 305", "305"),
    ],
)
def test_identifiers_written_loosely_in_sentences_are_masked(gate: Gate, text: str, secret: str) -> None:
    decision = gate.check(Request(text=text, city="niiza"))
    assert secret not in decision.redacted_text, (decision.redacted_text, decision.findings)


@pytest.mark.parametrize(
    "text",
    [
        "締切は2024 3 15です。",
        "会議は2025年4月1日 10:00-12:00 に開催します。",
        "次の表の合計を出して。\n件数 12 34 56 78\n金額 1200 3400 5600 7800",
        "1200\t3400\t5600\t7800\t9000 の合計は？",
        "予算額は 1,234,567 円、執行額は 987,654 円です。",
        "令和七年三月三十一日までに提出してください。",
        "〇〇課の〇〇係に回付してください。",
        "市役所代表 0126-22-1111 までお問い合わせください。",
        "詳しくは〇〇課（電話 048-477-1111）にお問い合わせください。",
        "お問い合わせ：流山市役所 代表電話 04-7158-1111",
        "前橋市役所（代表）027-224-1111 へ転送してください。",
        "岩見沢市 総務課 電話 0126-23-4111 FAX 0126-23-9979",
        "市の代表メール（info@city.example.jp）への自動返信の文面を作って",
        "ご意見は広報課 kouhou@city.niiza.lg.jp までお寄せください。",
    ],
)
def test_dates_amounts_columns_and_public_office_numbers_stay(gate: Gate, text: str) -> None:
    decision = gate.check(Request(text=text, city="niiza"))
    assert not [f for f in decision.findings if f.masked], decision.findings
    assert decision.redacted_text == text


@pytest.mark.parametrize(
    "text",
    [
        "担当：鈴木 090-1234-5678 まで",
        "市民課の担当者 048-477-2222（自宅）",
        "福祉課に来た方の携帯 080-1111-2222",
        "自宅 0126-22-3456 に連絡",
    ],
)
def test_a_number_attached_to_a_person_is_still_masked(gate: Gate, text: str) -> None:
    decision = gate.check(Request(text=text, city="niiza"))
    assert any(f.entity_type == "PHONE_NUMBER" and f.masked for f in decision.findings), decision.findings


@pytest.mark.parametrize(
    "text",
    [
        "田中さんのメール info@tanaka.example.com に返信して",  # a role name, but a person's mailbox
        "申請者のアドレス yamada.taro@city.example.lg.jp に送って",  # a city domain, but a person's name
    ],
)
def test_an_address_of_a_person_is_still_masked(gate: Gate, text: str) -> None:
    decision = gate.check(Request(text=text, city="niiza"))
    assert any(f.entity_type == "EMAIL_ADDRESS" and f.masked for f in decision.findings), decision.findings


SIGNATURE = """鈴木様

先日の件、添付のとおりご確認ください。

--
株式会社サンプル 営業部
〒064-0804 札幌市中央区南4条西12丁目1-5 サンプルビル3F
TEL: 011-555-1234 / 携帯: 090 8765 4321
Mail: ichiro.tanaka (at) sample-corp (dot) co (dot) jp"""
MINUTES = """議事録
日時：令和7年3月5日
出席者：（自宅：岩見沢市4条8丁目2-1、携帯 080-1234-5678）
住所変更：流山市平和台二丁目三番四号 グリーンハイツ101号室 へ転居"""
ROSTER = (
    "氏名\t住所\t電話\nA\t新座市野火止 1-2-3\t048-477-9876\n"
    "B\t北海道岩見沢市鳩が丘1丁目1番1号 メゾン鳩が丘 305\t0126-22-3344"
)
CODE = """次のPowerShellのエラーを直して。
$password = "Hunter2024!"
$conn.ConnectionString = "Server=db01;Database=jyuki;User Id=sa;Password=Passw0rd!;"
db:
  password: tiger2024
# postgresql://aigate:kF93hdke@db.example.lg.jp:5432/aigate"""


@pytest.mark.parametrize(
    ("document", "values"),
    [
        (SIGNATURE, ["064", "0804", "12丁目1-5", "3F", "555-1234", "8765", "ichiro", "sample-corp"]),
        (MINUTES, ["8丁目2-1", "1234-5678", "三番四号", "101"]),
        (ROSTER, ["1-2-3", "9876", "1丁目1番1号", "305", "3344"]),
        (CODE, ["Hunter2024!", "Passw0rd!", "tiger2024", "kF93hdke"]),
    ],
)
def test_every_address_number_and_secret_in_a_pasted_document_is_masked(
    gate: Gate, document: str, values: list[str]
) -> None:
    redacted = gate.check(Request(text=document, city="niiza")).redacted_text
    for value in values:
        assert value not in redacted, (value, redacted)


def test_a_quoted_secret_is_masked_without_its_closing_quote(gate: Gate) -> None:
    redacted = gate.check(Request(text='$password = "Hunter2024!"', city="niiza")).redacted_text
    assert redacted.startswith('$password = "【') and redacted.endswith('】"')


# An organisation's contact block: the office or company heads it, the lines below are its 〒, number and role
# mailbox. A person's line anywhere in the block (携帯, a name's mailbox) makes it that person's signature.
ORGANISATION_BLOCK = """株式会社みなと測量　業務部
〒100-0001 東京都千代田区丸の内9-9-9
代表 03-0000-5678
info@example.co.jp"""
OFFICE_BLOCK = """〇〇市役所 市民課
代表電話 0123-45-6789
〒068-0000 〇〇市幸町1丁目1番地"""
CONSULTATION = """新座市役所 福祉課
相談者 住所 新座市野火止2-3-4 電話 090-1234-5678"""
PERSONAL_BLOCK = """株式会社みなと測量　業務部
〒100-0001 東京都千代田区丸の内9-9-9
携帯 090-8765-4321
hanako.minato@example.co.jp"""


@pytest.mark.parametrize("text", [ORGANISATION_BLOCK, OFFICE_BLOCK])
def test_an_organisations_contact_block_is_not_personal_data(gate: Gate, text: str) -> None:
    decision = gate.check(Request(text=text, city="niiza"))
    assert not [f for f in decision.findings if f.masked], decision.findings


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (CONSULTATION, ["野火止2-3-4", "090-1234-5678"]),
        (PERSONAL_BLOCK, ["100-0001", "丸の内9-9-9", "090-8765-4321", "hanako.minato"]),
    ],
)
def test_a_persons_lines_under_an_office_stay_masked(gate: Gate, text: str, values: list[str]) -> None:
    redacted = gate.check(Request(text=text, city="niiza")).redacted_text
    for value in values:
        assert value not in redacted, (value, redacted)


def test_letters_typed_with_a_space_after_each_are_read_together(gate: Gate) -> None:
    text = "スキャンした申込書です\nS A T O   H A N A\nh a n a . s a t o @ e x a m p l e . j p"
    decision = gate.check(Request(text=text, city="niiza"))
    assert "h a n a" not in decision.redacted_text, decision.redacted_text
    assert {f.entity_type for f in decision.findings if f.masked} >= {"EMAIL_ADDRESS"}
