"""/aigate-sample N: 過去7日間の利用記録を無作為に N 件（松戸 第3章1-1 サンプルチェック）。管理者のみ。"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.platforms.slack.listeners.commands._admin_command import handle_admin_command


def register(app: AsyncApp) -> None:
    app.command("/aigate-sample")(handle_admin_command)
