"""The storage layer's one error: the database cannot be used right now.

"No request without its audit record": callers catch `StorageUnavailable`, show `message` to the
employee and send nothing to a model.
"""

from __future__ import annotations

DEFAULT_MESSAGE = (
    "記録用のデータベースに接続できないため、ただいま生成AIゲートを利用できません。"
    "入力内容は生成AIに送信していません。しばらくしてからもう一度お試しください。"
)


class StorageUnavailable(Exception):
    """The database could not be reached or refused the operation. `message` is Japanese."""

    def __init__(self, message: str = DEFAULT_MESSAGE, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail  # technical cause for the operator's log; never contains user text

    def __str__(self) -> str:
        return self.message
