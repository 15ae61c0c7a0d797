"""Who may run the admin commands: the Slack user ids in AIGATE_ADMINS (comma separated)."""

from __future__ import annotations

from dataclasses import dataclass

REFUSAL = (
    "このコマンドは生成AIゲートの管理者だけが使えます。"
    "利用の停止・再開が必要なときは、情報政策担当（管理者）にご相談ください。"
)


@dataclass(frozen=True, slots=True)
class Admins:
    user_ids: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> Admins:
        return cls(frozenset(part.strip() for part in text.replace("、", ",").split(",") if part.strip()))

    def is_admin(self, user_id: str | None) -> bool:
        return bool(user_id) and user_id in self.user_ids
