"""/aigate-status: 停止中の対象と本日の依頼件数。管理者のみ。"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.platforms.slack.listeners.commands._admin_command import handle_admin_command


def register(app: AsyncApp) -> None:
    app.command("/aigate-status")(handle_admin_command)
