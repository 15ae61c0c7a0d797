"""利用停止 / 再開 / 状況 / サンプルチェック / 事故報告: parsing, authorization, texts and Block Kit.

Platform-free: the Slack listeners call `AdminService.handle(actor, command, text)` and post what
it returns; the builders in `views/` return Block Kit dicts.
"""

from bot.admin.authorization import Admins
from bot.admin.commands import CommandError, parse_command
from bot.admin.service import AdminReply, AdminService

__all__ = ["AdminReply", "AdminService", "Admins", "CommandError", "parse_command"]
