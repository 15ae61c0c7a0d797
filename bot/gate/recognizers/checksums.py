"""Check digits of Japanese and international identifiers.

A passing checksum is weak evidence (about 1 in 10 random 12-digit strings passes the マイナンバー
check): it is used to reject, and context raises confidence.
"""

from __future__ import annotations

import itertools


def my_number_is_valid(digits: str) -> bool:
    """個人番号: 12 digits, check digit last, weights 6,5,4,3,2,7,6,5,4,3,2 over the first 11."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    weights = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    remainder = sum(int(d) * w for d, w in zip(digits[:11], weights, strict=True)) % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


def corporate_number_is_valid(digits: str) -> bool:
    """法人番号: 13 digits, check digit first; weights 1/2 alternating from the right of the rest."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    body = digits[1:]
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(body)))
    return int(digits[0]) == 9 - (total % 9)


def luhn_is_valid(digits: str) -> bool:
    if not 12 <= len(digits) <= 19 or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def repeated_digits(digits: str) -> bool:
    """One digit repeated (0000 0000 0000): a form's blank example, nobody's number."""
    return len(digits) >= 4 and len(set(digits)) == 1


def counted_digits(digits: str) -> bool:
    """Digits counted up or down (1234567, 9876543): an example only where the text says so (記入見本), since
    people also invent such numbers for a real person (「この方の個人番号 1234 5678 9012」)."""
    if len(digits) < 4:
        return False
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(digits)}
    return steps in ({1}, {9})
