"""/aigate-incident: 事故報告の入力画面を開く（岩見沢 第12条、松戸 6-6）。職員だれでも。"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.platforms.slack.listeners.commands._admin_command import handle_admin_command


def register(app: AsyncApp) -> None:
    app.command("/aigate-incident")(handle_admin_command)
