"""Reading the staff directory (職員 → 所属, 所属 → 所属長) from a CSV or YAML file.

CSV (UTF-8, with or without BOM, as Excel saves it), one row per staff member. The 所属長 column
is read in either of two forms (they may be mixed):

    user_id,department,name,manager          user_id,department,name,manager
    U01AAA,総務課,,1                          U01AAA,総務課,,U01AAA
    U01BBB,総務課,,                           U01BBB,総務課,,U01AAA

a flag on the manager's own row (1 / true / ○ / はい; empty, 0, false, × or いいえ for the others),
or the manager's user id on each row. Anything else is refused with its line number. The headers
may also be written in Japanese: ユーザーID, 所属, 氏名, 所属長.

YAML, one entry per 所属:

    departments:
      総務課:
        managers: [U01AAA]
        staff: [U01AAA, U01BBB]
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_HEADER_ALIASES = {
    "user_id": "user_id",
    "ユーザーid": "user_id",
    "職員id": "user_id",
    "slack_id": "user_id",
    "department": "department",
    "所属": "department",
    "所属名": "department",
    "name": "name",
    "氏名": "name",
    "表示名": "name",
    "manager": "manager",
    "所属長": "manager",
    "is_manager": "manager",
}
_TRUE = {"1", "true", "yes", "y", "○", "〇", "はい", "◯", "✓", "✔"}
_FALSE = {"", "0", "false", "no", "n", "×", "✕", "-", "ー", "いいえ"}
# A Slack user id (U… / W…); ids of other platforms are accepted when the same file lists them as staff.
_SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{6,}$")


class DirectoryError(Exception):
    """A directory file that cannot be used; `str()` names the file, the line and the reason in Japanese."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        where = f"{path} の {line} 行目" if line else str(path)
        super().__init__(f"名簿ファイル {where}: {reason}")


@dataclass
class DirectoryData:
    departments: dict[str, str] = field(default_factory=dict)  # user id → 所属
    names: dict[str, str] = field(default_factory=dict)  # user id → display name (optional)
    managers: dict[str, list[str]] = field(default_factory=dict)  # 所属 → manager user ids

    def add(self, user_id: str, department: str, name: str = "", manager: bool = False) -> None:
        self.departments[user_id] = department
        if name:
            self.names[user_id] = name
        if manager:
            self.add_manager(department, user_id)

    def add_manager(self, department: str, user_id: str) -> None:
        if user_id not in self.managers.setdefault(department, []):
            self.managers[department].append(user_id)

    def departments_without_manager(self) -> list[str]:
        """所属 with staff on the list but nobody to receive their weekly digest."""
        return sorted({d for d in self.departments.values() if not self.managers.get(d)})

    def warnings(self) -> list[str]:
        """Japanese lines for the operator: what loads but will not work as they probably expect."""
        missing = self.departments_without_manager()
        if not missing:
            return []
        return [
            f"注意: 所属長が登録されていない所属があります（週次報告が届きません）: {'、'.join(missing)}。"
            "所属長の列に 1（所属長本人の行）か、所属長のユーザーIDを書いてください。"
        ]


def read_directory_file(path: Path) -> DirectoryData:
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DirectoryError(path, "UTF-8 として読めません（Excel では「CSV UTF-8」で保存してください）") from exc
    except OSError as exc:
        raise DirectoryError(path, f"読み込めません（{exc.strerror}）") from exc
    if suffix == ".csv":
        return parse_directory_csv(text, path)
    if suffix in {".yaml", ".yml"}:
        return parse_directory_yaml(text, path)
    raise DirectoryError(path, "拡張子は .csv か .yaml にしてください")


def parse_directory_csv(text: str, path: Path | str = "<csv>") -> DirectoryData:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = list(reader)
    if not rows:
        raise DirectoryError(path, "空のファイルです", 1)
    columns = [_HEADER_ALIASES.get(h.strip().lower()) for h in rows[0]]
    if "user_id" not in columns or "department" not in columns:
        raise DirectoryError(path, "見出し行に user_id（ユーザーID）と department（所属）の列が必要です", 1)
    data = DirectoryData()
    named_managers: list[tuple[int, str, str]] = []  # (line, 所属, manager's user id) of the id form
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {col: row[i].strip() for i, col in enumerate(columns) if col and i < len(row)}
        user_id, department = values.get("user_id", ""), values.get("department", "")
        if not user_id:
            raise DirectoryError(path, "ユーザーIDが空です", line_no)
        if not department:
            raise DirectoryError(path, f"{user_id} の所属が空です", line_no)
        if user_id in data.departments and data.departments[user_id] != department:
            raise DirectoryError(path, f"{user_id} が複数の所属に登録されています", line_no)
        manager = values.get("manager", "")
        flag = manager.lower()
        data.add(user_id, department, values.get("name", ""), flag in _TRUE)
        if flag not in _TRUE and flag not in _FALSE:
            named_managers.append((line_no, department, manager))
    staff = set(data.departments)
    for line_no, department, manager in named_managers:
        if manager not in staff and not _SLACK_USER_ID.match(manager):
            raise DirectoryError(
                path,
                f"所属長の列の「{manager}」を読めません。所属長本人の行に 1（または ○・はい）を書くか、"
                "所属長のユーザーID（例: U01AAA、名簿に載っている ID）を書いてください",
                line_no,
            )
        data.add_manager(department, manager)
    return data


def parse_directory_yaml(text: str, path: Path | str = "<yaml>") -> DirectoryData:
    try:
        raw = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DirectoryError(path, f"YAML の書式が正しくありません（{exc.problem}）", line) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("departments"), dict):
        raise DirectoryError(path, "先頭に departments: （所属ごとの対応表）が必要です", 1)
    data = DirectoryData()
    for department, entry in raw["departments"].items():
        if not isinstance(entry, dict):
            raise DirectoryError(path, f"所属「{department}」には managers と staff のリストを書いてください")
        managers = [str(u) for u in entry.get("managers") or []]
        staff = [str(u) for u in entry.get("staff") or []]
        for user_id in dict.fromkeys(staff + managers):
            if user_id in data.departments and data.departments[user_id] != str(department):
                raise DirectoryError(path, f"{user_id} が複数の所属に登録されています")
            data.add(user_id, str(department), manager=user_id in managers)
    return data
