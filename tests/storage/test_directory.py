"""The staff directory from CSV (as Excel saves it) or YAML; unknown staff are 未設定."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage import UNSET_DEPARTMENT, Database, Directory, DirectoryError
from bot.storage.directory_file import parse_directory_csv, parse_directory_yaml, read_directory_file


def test_csv_with_bom_and_japanese_headers(tmp_path: Path) -> None:
    path = tmp_path / "名簿.csv"
    path.write_bytes(
        "ユーザーID,所属,氏名,所属長\r\nU001,総務課,,○\r\nU002,総務課,,\r\nU003,市民課,,1\r\n".encode("utf-8-sig")
    )
    data = read_directory_file(path)
    assert data.departments == {"U001": "総務課", "U002": "総務課", "U003": "市民課"}
    assert data.managers == {"総務課": ["U001"], "市民課": ["U003"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name,mail\nA,B\n", "1 行目"),
        ("user_id,department\nU001,\n", "2 行目: U001 の所属が空です"),
        ("user_id,department\nU001,総務課\n,市民課\n", "3 行目: ユーザーIDが空です"),
        ("user_id,department\nU001,総務課\nU001,市民課\n", "複数の所属"),
    ],
)
def test_csv_errors_name_the_line(text: str, expected: str) -> None:
    with pytest.raises(DirectoryError) as error:
        parse_directory_csv(text, "名簿.csv")
    assert expected in str(error.value)
    assert str(error.value).startswith("名簿ファイル 名簿.csv")


def test_yaml_departments_with_managers_and_staff() -> None:
    data = parse_directory_yaml(
        "departments:\n  総務課:\n    managers: [U001]\n    staff: [U002]\n  市民課:\n    staff: [U003]\n"
    )
    assert data.departments == {"U002": "総務課", "U001": "総務課", "U003": "市民課"}
    assert data.managers == {"総務課": ["U001"]}
    with pytest.raises(DirectoryError, match="departments"):
        parse_directory_yaml("- U001\n")
    with pytest.raises(DirectoryError, match="3 行目"):
        parse_directory_yaml("departments:\n  総務課: [U1\n  市民課: x\n")


def test_unknown_file_type(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(DirectoryError, match=r"\.csv か \.yaml"):
        read_directory_file(path)


async def test_directory_in_the_database(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "staff.yaml"
    path.write_text(
        "departments:\n  総務課:\n    managers: [U001]\n    staff: [U001, U002]\n  市民課:\n    staff: [U003]\n"
    )
    directory = Directory(db)
    await directory.load_file(path)
    assert await directory.department_of("U002") == "総務課"
    assert await directory.department_of("U999") == UNSET_DEPARTMENT
    assert await directory.department_of(None) == UNSET_DEPARTMENT
    assert await directory.departments() == ["市民課", "総務課"]
    assert await directory.has_department("市民課") and not await directory.has_department("財政課")
    assert await directory.staff_by_department() == {"総務課": {"U001", "U002"}, "市民課": {"U003"}}
    assert await directory.managers_by_department() == {"総務課": ["U001"]}

    await directory.set_department("U003", "総務課")
    await directory.set_department("U004", "財政課")
    assert await directory.department_of("U003") == "総務課"
    assert await directory.department_of("U004") == "財政課"

    path.write_text("departments:\n  財政課:\n    staff: [U005]\n")
    await directory.load_file(path)  # a reload replaces the whole directory
    assert await directory.staff_by_department() == {"財政課": {"U005"}}
    assert await directory.managers_by_department() == {}
