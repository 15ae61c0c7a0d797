from bot.gate import PlaceholderBook, Request
from bot.gate.gate import Gate
from bot.gate.placeholders import redact
from bot.gate.types import Finding


def test_same_value_same_placeholder_within_a_message() -> None:
    text = "山田さんと佐藤さん、そして山田さん"
    findings = [
        Finding("PERSON", 0, 2, 0.9, "t"),
        Finding("PERSON", 5, 7, 0.9, "t"),
        Finding("PERSON", 13, 15, 0.9, "t"),
    ]
    assert redact(text, findings) == "【氏名1】さんと【氏名2】さん、そして【氏名1】さん"


def test_types_are_numbered_independently_and_width_does_not_matter() -> None:
    book = PlaceholderBook()
    assert book.placeholder_for("PHONE_NUMBER", "090-1234-5678") == "【電話番号1】"
    assert book.placeholder_for("PERSON", "山田 太郎") == "【氏名1】"
    assert book.placeholder_for("PHONE_NUMBER", "０９０１２３４５６７８") == "【電話番号1】"
    assert book.placeholder_for("PERSON", "山田太郎") == "【氏名1】"
    assert book.placeholder_for("PERSON", "佐藤花子") == "【氏名2】"


def test_a_thread_keeps_its_placeholders_across_messages(gate: Gate) -> None:
    book = PlaceholderBook()
    first = gate.check(Request("佐藤花子さんに090-1234-5678で連絡した", city="iwamizawa"), book)
    second = gate.check(Request("鈴木一郎さんと佐藤花子さんの日程を調整して", city="iwamizawa"), book)
    assert first.redacted_text == "【氏名1】さんに【電話番号1】で連絡した"
    assert second.redacted_text == "【氏名2】さんと【氏名1】さんの日程を調整して"


def test_the_book_keeps_no_raw_value() -> None:
    book = PlaceholderBook()
    book.placeholder_for("PERSON", "佐藤花子")
    assert "佐藤花子" not in repr(vars(book)) and all(isinstance(k, bytes) for k in book._numbers)


def test_a_name_with_its_reading_in_brackets_is_the_same_person() -> None:
    text = "差出人：林 大地\n\n--\n林 大地（Daichi Hayashi）\n総務課"
    first = text.index("林")
    second = text.index("林", first + 1)
    findings = [
        Finding("PERSON", first, first + 4, 0.9, "t"),
        Finding("PERSON", second, text.index("）") + 1, 0.9, "t"),
    ]
    assert redact(text, findings) == "差出人：【氏名1】\n\n--\n【氏名1】\n総務課"


_NUMBERING_SCRIPT = """
from bot.gate.placeholders import redact
from bot.gate.types import Finding
text = "佐藤花子さんと佐藤次郎さん。佐藤さんに連絡"
spans = [(0, 4), (7, 11), (14, 16)]
print(redact(text, [Finding("PERSON", s, e, 0.9, "t") for s, e in spans]))
"""


def test_a_part_of_two_full_names_of_equal_length_is_numbered_the_same_in_every_process() -> None:
    """佐藤 is part of 佐藤花子 and 佐藤次郎: the first full name mentioned gives it its number, whatever the
    process's string hashing (it used to follow the order of a set, which PYTHONHASHSEED changes)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    outputs = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=root)
        run = subprocess.run([sys.executable, "-c", _NUMBERING_SCRIPT], env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout.strip())
    assert outputs == {"【氏名1】さんと【氏名2】さん。【氏名1】さんに連絡"}
