"""Parsing the admin slash commands' text into commands, or into Japanese usage help.

Platform-free: the Slack listeners (and tests) pass the command name and the text Slack sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.admin import usage
from bot.admin.targets import Target, looks_like_unescaped_mention, parse_target
from bot.storage.suspension import Scope

DEFAULT_SAMPLE = 5


@dataclass(frozen=True, slots=True)
class Stop:
    target: Target
    reason: str


@dataclass(frozen=True, slots=True)
class Resume:
    target: Target
    reason: str


@dataclass(frozen=True, slots=True)
class Status:
    pass


@dataclass(frozen=True, slots=True)
class Sample:
    count: int


@dataclass(frozen=True, slots=True)
class Incident:
    background: str  # prefill for 経緯


@dataclass(frozen=True, slots=True)
class DirectoryShow:
    pass


@dataclass(frozen=True, slots=True)
class DirectorySet:
    user_id: str
    department: str


@dataclass(frozen=True, slots=True)
class DirectoryManager:
    department: str
    user_id: str
    add: bool  # False: 所属長解除


AdminCommand = Stop | Resume | Status | Sample | Incident | DirectoryShow | DirectorySet | DirectoryManager


class CommandError(ValueError):
    """Arguments that cannot be read; `str()` is Japanese and ends with the usage help."""

    def __init__(self, problem: str, help_text: str) -> None:
        super().__init__(f"{problem}\n{help_text}")
        self.problem = problem
        self.help_text = help_text


def _split(text: str) -> tuple[str, str]:
    parts = text.replace("\u3000", " ").strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1].strip() if len(parts) > 1 else ""


def _target(token: str, help_text: str) -> Target:
    if not token:
        raise CommandError("対象を指定してください。", help_text)
    if looks_like_unescaped_mention(token):
        raise CommandError(
            f"「{token}」を職員やチャンネルとして読み取れませんでした。入力候補から選んでメンションしてください。",
            help_text,
        )
    return parse_target(token)


def parse_command(command: str, text: str) -> AdminCommand:
    name = command.strip().lstrip("/")
    text = text or ""
    if name == "aigate-stop":
        token, reason = _split(text)
        target = _target(token, usage.STOP)
        if not reason:
            raise CommandError("停止の理由を書いてください（職員への周知に使います）。", usage.STOP)
        return Stop(target, reason)
    if name == "aigate-resume":
        token, reason = _split(text)
        return Resume(_target(token, usage.RESUME), reason)
    if name == "aigate-status":
        if text.strip():
            raise CommandError("このコマンドに引数はいりません。", usage.STATUS)
        return Status()
    if name == "aigate-sample":
        raw = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        if not raw:
            return Sample(DEFAULT_SAMPLE)
        if not raw.isdigit() or not 1 <= int(raw) <= usage.SAMPLE_MAX:
            raise CommandError(f"件数は 1 から {usage.SAMPLE_MAX} までの数字で指定してください。", usage.SAMPLE)
        return Sample(int(raw))
    if name == "aigate-incident":
        return Incident(text.strip())
    if name == "aigate-directory":
        return _parse_directory(text)
    raise CommandError(
        f"知らないコマンドです: /{name}",
        "使えるコマンド: /aigate-stop /aigate-resume /aigate-status /aigate-sample /aigate-incident /aigate-directory",
    )


def _user(token: str) -> str:
    target = _target(token, usage.DIRECTORY)
    if target.scope is not Scope.USER:
        raise CommandError(f"「{token}」は職員のメンションではありません。", usage.DIRECTORY)
    return target.value


def _parse_directory(text: str) -> AdminCommand:
    words = text.replace("\u3000", " ").split()
    if not words:
        return DirectoryShow()
    if words[0] in {"所属長", "所属長解除"}:
        if len(words) != 3:
            raise CommandError("所属名と職員のメンションを1つずつ指定してください。", usage.DIRECTORY)
        return DirectoryManager(words[1], _user(words[2]), add=words[0] == "所属長")
    if len(words) != 2:
        raise CommandError("職員のメンションと所属名を1つずつ指定してください。", usage.DIRECTORY)
    return DirectorySet(_user(words[0]), words[1])
