from hypothesis import given
from hypothesis import strategies as st

from bot.gate.normalize import normalize_width


def test_full_width_digits_letters_and_space_become_ascii() -> None:
    assert normalize_width("０９０　ＡＢＣ＠ｅｘ．ｊｐ") == "090 ABC@ex.jp"


def test_dash_lookalikes_become_hyphens_only_between_digits() -> None:
    assert normalize_width("090ー1234―5678") == "090-1234-5678"
    assert normalize_width("カード番号") == "カード番号"  # ー in a word is left alone
    assert normalize_width("ー123ー") == "ー123ー"


@given(st.text())
def test_length_and_offsets_never_change(text: str) -> None:
    normalized = normalize_width(text)
    assert len(normalized) == len(text)
    assert normalize_width(normalized) == normalized
