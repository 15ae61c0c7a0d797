"""The generated identifier corpus says what it contains: valid check digits are valid, invalid ones are not."""

import re
import unicodedata

import phonenumbers
import pytest

from bench.identifiers import (
    CHECKED_TYPES,
    DASH_LOOKALIKES,
    corporate_check_digit,
    generate_cases,
    is_luhn_valid,
    is_valid_corporate_number,
    is_valid_my_number,
    luhn_check_digit,
    my_number_check_digit,
    to_fullwidth,
)


def digits_of(value: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", value) if ch.isdigit())


@pytest.fixture(scope="module")
def cases():
    return generate_cases(seed=1234, per_type=60, invalid_per_type=30)


@pytest.mark.parametrize(
    ("number", "valid"),
    [("123456789018", True), ("123456789017", False), ("12345678901", False), ("12345678901a", False)],
)
def test_my_number_check_digit_matches_the_published_example(number, valid):
    assert is_valid_my_number(number) is valid


def test_my_number_check_digit_is_zero_when_the_remainder_is_at_most_one():
    # weights 6,5,4,3,2,7,6,5,4,3,2 over 00000000010 give 3; over 00000000006 give 12 -> remainder 1
    assert my_number_check_digit("00000000010") == 11 - 3
    assert my_number_check_digit("00000000006") == 0


@pytest.mark.parametrize(("number", "valid"), [("7000012050002", True), ("8000012050002", False)])
def test_corporate_number_check_digit_matches_the_published_example(number, valid):
    assert is_valid_corporate_number(number) is valid
    assert corporate_check_digit("000012050002") == 7


@pytest.mark.parametrize(
    ("number", "valid"), [("4111111111111111", True), ("4111111111111112", False), ("378282246310005", True)]
)
def test_luhn(number, valid):
    assert is_luhn_valid(number) is valid
    assert luhn_check_digit(number[:-1]) == int(number[-1]) or not valid


def test_fullwidth_maps_ascii_one_to_one():
    assert to_fullwidth("090-1234 ab@x.jp") == "０９０－１２３４\u3000ａｂ＠ｘ．ｊｐ"
    assert len(to_fullwidth("abc 123")) == len("abc 123")
    assert to_fullwidth("カード") == "カード"


def test_every_gold_span_points_at_an_identifier_inside_its_sentence(cases):
    for case in cases:
        for span in case.spans:
            value = case.text[span.start : span.end]
            assert value and value == value.strip(), case
            assert any(ch.isalnum() for ch in value), case


def test_check_digit_flags_tell_the_truth(cases):
    checks = {
        "JP_MY_NUMBER": is_valid_my_number,
        "JP_CORPORATE_NUMBER": is_valid_corporate_number,
        "CREDIT_CARD": is_luhn_valid,
    }
    seen = {t: {True: 0, False: 0} for t in CHECKED_TYPES}
    for case in cases:
        if case.entity_type in checks:
            span = case.spans[0]
            digits = digits_of(case.text[span.start : span.end])
            assert checks[case.entity_type](digits) is span.valid, case
            seen[case.entity_type][span.valid] += 1
    for counts in seen.values():
        assert counts[True] == 60 and counts[False] == 30


@pytest.mark.parametrize("seed", range(8))
def test_generated_phone_numbers_are_real_japanese_numbers(seed):
    phones = [c for c in generate_cases(seed=seed, per_type=80) if c.entity_type == "PHONE_NUMBER"]
    assert {c.variant.split("-")[0] for c in phones} >= {"fixed", "mobile", "ip050", "freedial", "intl", "paren"}
    for case in phones:
        value = unicodedata.normalize("NFKC", case.text[case.spans[0].start : case.spans[0].end])
        for dash in DASH_LOOKALIKES:
            value = value.replace(unicodedata.normalize("NFKC", dash), "-")
        assert phonenumbers.is_valid_number(phonenumbers.parse(value, "JP")), case


def test_variants_cover_the_hard_cases(cases):
    variants = {(c.entity_type, c.variant) for c in cases}
    assert ("JP_MY_NUMBER", "spaced") in variants and ("JP_MY_NUMBER", "fullwidth") in variants
    assert any(t == "PHONE_NUMBER" and v.endswith("lookalike") for t, v in variants)
    assert ("EMAIL_ADDRESS", "fullwidth") in variants
    emails_glued_to_kana = [c for c in cases if c.entity_type == "EMAIL_ADDRESS" and c.text.startswith("メールは")]
    assert emails_glued_to_kana and all(c.text[c.spans[0].end] == "で" for c in emails_glued_to_kana)


@pytest.mark.parametrize(
    ("entity_type", "pattern"),
    [
        ("JP_PASSPORT", r"[A-Z]{2}\d{7}"),
        ("JP_RESIDENCE_CARD", r"[A-Z]{2}\d{8}[A-Z]{2}"),
        ("JP_RESIDENT_CODE", r"\d{11}"),
        ("JP_DRIVER_LICENSE", r"\d{12}"),
        ("JP_BANK_ACCOUNT", r"\d{7}"),
        ("JP_BASIC_PENSION", r"\d{4}-?\d{6}"),
    ],
)
def test_identifier_shapes(cases, entity_type, pattern):
    for case in (c for c in cases if c.entity_type == entity_type):
        value = unicodedata.normalize("NFKC", case.text[case.spans[0].start : case.spans[0].end])
        assert re.fullmatch(pattern, value), case


def test_credential_shapes(cases):
    values = [c.text[c.spans[0].start : c.spans[0].end] for c in cases if c.entity_type == "CREDENTIAL"]
    for value in values:
        if value.startswith("AKIA"):
            assert re.fullmatch(r"AKIA[A-Z0-9]{16}", value)
        if value.startswith("eyJ"):
            assert value.count(".") == 2
        if value.startswith("-----BEGIN"):
            assert value.endswith("-----END PRIVATE KEY-----")


def test_some_identifiers_sit_in_pasted_tables_with_the_context_word_in_the_header(cases):
    tables = [c for c in cases if c.variant.endswith("+table")]
    assert {c.entity_type for c in tables} >= {"JP_MY_NUMBER", "PHONE_NUMBER", "DATE_OF_BIRTH"}
    for case in tables:
        header_line, row = case.text.splitlines()[1:3]
        assert case.text[case.spans[0].start : case.spans[0].end] in row
        assert header_line.startswith("No,")


def test_the_corpus_is_reproducible_from_its_seed():
    assert generate_cases(seed=5, per_type=5) == generate_cases(seed=5, per_type=5)
    assert generate_cases(seed=5, per_type=5) != generate_cases(seed=6, per_type=5)


def test_negatives_carry_no_gold_span(cases):
    negatives = [c for c in cases if c.entity_type == "NONE"]
    assert negatives and all(not c.spans for c in negatives)


def test_evasion_cases_hide_valid_identifiers_in_their_gold_spans() -> None:
    from bench.identifiers import KANJI_DIGITS, SPOKEN_KANA, generate_evasion_cases

    def digit(ch: str) -> str:
        return str(KANJI_DIGITS.index(ch)) if ch in KANJI_DIGITS else unicodedata.normalize("NFKC", ch)

    spoken = sorted(((w, str(d)) for words in SPOKEN_KANA for d, w in enumerate(words)), key=lambda p: -len(p[0]))

    def read_aloud(value: str) -> str:
        out, i = "", 0
        while i < len(value):
            word = next(((w, d) for w, d in spoken if value.startswith(w, i)), None)
            out, i = (out + word[1], i + len(word[0])) if word else (out + value[i], i + 1)
        return out

    cases = generate_evasion_cases(seed=99, per_pair=3)
    assert {c.variant for c in cases} >= {"zero-width", "kanji-all", "at-dot-japanese", "combo"}
    for case in cases:
        span = case.spans[0]
        value = case.text[span.start : span.end]
        if case.entity_type == "JP_MY_NUMBER":
            read = read_aloud(value) if case.variant == "spoken-kana" else value
            digits = "".join(digit(ch) for ch in read if digit(ch).isdigit())
            assert is_valid_my_number(digits), (case.variant, value)
        if case.variant == "zero-width":
            assert any(ch in value for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad"), value
