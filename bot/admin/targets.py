"""Reading the target of /aigate-stop and /aigate-resume: 全体, a user, a channel, or a 所属.

Slack rewrites mentions in slash-command text: `@tanaka` arrives as `<@U0123ABC|tanaka>` (or
`<@U0123ABC>`), `#general` as `<#C0123ABC|general>`; a 所属 is plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.storage.suspension import Scope

_USER = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$")
_CHANNEL = re.compile(r"^<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>$")
_WHOLE = {"全体", "全庁", "all", "ALL", "全員"}


@dataclass(frozen=True, slots=True)
class Target:
    scope: Scope
    value: str  # user id, channel id, 所属 name; "" for 全体

    @property
    def display(self) -> str:
        """How Slack shows it back: a mention for users and channels."""
        if self.scope is Scope.ALL:
            return "全体"
        if self.scope is Scope.USER:
            return f"<@{self.value}>"
        if self.scope is Scope.CHANNEL:
            return f"<#{self.value}>"
        return f"所属「{self.value}」"

    @property
    def command_token(self) -> str:
        """The target as it is written after /aigate-stop or /aigate-resume (parse_target's inverse)."""
        if self.scope is Scope.ALL:
            return "全体"
        return self.display if self.scope in (Scope.USER, Scope.CHANNEL) else self.value


def parse_target(token: str) -> Target:
    token = token.strip()
    if token in _WHOLE:
        return Target(Scope.ALL, "")
    if match := _USER.match(token):
        return Target(Scope.USER, match.group(1))
    if match := _CHANNEL.match(token):
        return Target(Scope.CHANNEL, match.group(1))
    return Target(Scope.DEPARTMENT, token)


def looks_like_unescaped_mention(token: str) -> bool:
    """`@name` or `#name` that Slack did not escape (the app's 'escape' option is off)."""
    return token.startswith(("@", "#")) and len(token) > 1
