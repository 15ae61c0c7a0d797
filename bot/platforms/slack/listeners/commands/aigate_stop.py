"""/aigate-stop 対象 理由: 利用停止（新座 8・流山 9）。管理者のみ。"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.platforms.slack.listeners.commands._admin_command import handle_admin_command


def register(app: AsyncApp) -> None:
    app.command("/aigate-stop")(handle_admin_command)
