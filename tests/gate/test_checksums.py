import pytest

from bot.gate.recognizers.checksums import corporate_number_is_valid, luhn_is_valid, my_number_is_valid


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("123456789018", True), ("123456789012", False), ("000000000000", True), ("12345678901", False)],
)
def test_my_number_check_digit(digits: str, valid: bool) -> None:
    assert my_number_is_valid(digits) is valid


@pytest.mark.parametrize(("digits", "valid"), [("7000012050002", True), ("7000012050003", False), ("1", False)])
def test_corporate_number_check_digit(digits: str, valid: bool) -> None:
    assert corporate_number_is_valid(digits) is valid


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("4111111111111111", True), ("4111111111111112", False), ("378282246310005", True), ("5555555555554444", True)],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_is_valid(digits) is valid
