"""/aigate-directory [@職員 所属名 | 所属長 所属名 @職員 | 所属長解除 所属名 @職員]: 職員名簿。管理者のみ。"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.platforms.slack.listeners.commands._admin_command import handle_admin_command


def register(app: AsyncApp) -> None:
    app.command("/aigate-directory")(handle_admin_command)
