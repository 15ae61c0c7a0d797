"""Reading /aigate-* arguments as Slack sends them; anything unreadable gets usage help in Japanese."""

from __future__ import annotations

import pytest

from bot.admin.authorization import Admins
from bot.admin.commands import (
    CommandError,
    DirectoryManager,
    DirectorySet,
    DirectoryShow,
    Incident,
    Resume,
    Sample,
    Status,
    Stop,
    parse_command,
)
from bot.admin.targets import Target
from bot.storage.suspension import Scope


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("/aigate-stop", "全体 規約変更を確認するため", Stop(Target(Scope.ALL, ""), "規約変更を確認するため")),
        (
            "/aigate-stop",
            "<@U0123ABC|tanaka> 個人情報の入力が続いたため",
            Stop(Target(Scope.USER, "U0123ABC"), "個人情報の入力が続いたため"),
        ),
        ("/aigate-stop", "<@W0123ABC> 調査中", Stop(Target(Scope.USER, "W0123ABC"), "調査中")),
        (
            "/aigate-stop",
            "<#C0456DEF|soumu-ai> 誤った使い方が続いたため",
            Stop(Target(Scope.CHANNEL, "C0456DEF"), "誤った使い方が続いたため"),
        ),
        ("/aigate-stop", "総務課\u3000確認のため", Stop(Target(Scope.DEPARTMENT, "総務課"), "確認のため")),
        ("aigate-resume", "全体", Resume(Target(Scope.ALL, ""), "")),
        ("/aigate-resume", "<#C0456DEF> 確認済み", Resume(Target(Scope.CHANNEL, "C0456DEF"), "確認済み")),
        ("/aigate-status", "", Status()),
        ("/aigate-sample", "", Sample(5)),
        ("/aigate-sample", "12", Sample(12)),
        ("/aigate-sample", "３", Sample(3)),
        ("/aigate-incident", "回答を確認せずに住民へ送った", Incident("回答を確認せずに住民へ送った")),
        ("/aigate-directory", "", DirectoryShow()),
        ("/aigate-directory", "<@U0123ABC|tanaka> 総務課", DirectorySet("U0123ABC", "総務課")),
        ("/aigate-directory", "所属長 総務課 <@U0123ABC>", DirectoryManager("総務課", "U0123ABC", add=True)),
        ("/aigate-directory", "所属長解除\u3000総務課 <@U0123ABC>", DirectoryManager("総務課", "U0123ABC", add=False)),
    ],
)
def test_commands_as_slack_sends_them(command: str, text: str, expected: object) -> None:
    assert parse_command(command, text) == expected


@pytest.mark.parametrize(
    ("command", "text", "problem", "usage"),
    [
        ("/aigate-stop", "", "対象を指定してください", "使い方: `/aigate-stop 対象 理由`"),
        ("/aigate-stop", "全体", "停止の理由を書いてください", "/aigate-stop"),
        ("/aigate-stop", "@tanaka 理由", "入力候補から選んで", "/aigate-stop"),
        ("/aigate-resume", "  ", "対象を指定してください", "/aigate-resume"),
        ("/aigate-status", "now", "引数はいりません", "/aigate-status"),
        ("/aigate-sample", "0", "1 から 20", "/aigate-sample"),
        ("/aigate-sample", "21", "1 から 20", "/aigate-sample"),
        ("/aigate-sample", "five", "1 から 20", "/aigate-sample"),
        ("/aigate-unknown", "", "知らないコマンド", "/aigate-stop"),
        ("/aigate-directory", "総務課 <@U0123ABC>", "職員のメンションではありません", "/aigate-directory"),
        ("/aigate-directory", "<@U0123ABC>", "1つずつ", "/aigate-directory"),
        ("/aigate-directory", "所属長 総務課", "1つずつ", "/aigate-directory"),
    ],
)
def test_malformed_arguments_get_usage_help(command: str, text: str, problem: str, usage: str) -> None:
    with pytest.raises(CommandError) as error:
        parse_command(command, text)
    assert problem in str(error.value)
    assert usage in str(error.value)


def test_target_display_uses_slack_mentions() -> None:
    assert Target(Scope.USER, "U1").display == "<@U1>"
    assert Target(Scope.CHANNEL, "C1").display == "<#C1>"
    assert Target(Scope.DEPARTMENT, "総務課").display == "所属「総務課」"
    assert Target(Scope.ALL, "").display == "全体"


def test_admins_come_from_a_comma_separated_list() -> None:
    admins = Admins.parse(" U01, U02 ,,U03、U04")
    assert admins.user_ids == {"U01", "U02", "U03", "U04"}
    assert admins.is_admin("U02") and not admins.is_admin("U99") and not admins.is_admin(None)
    assert not Admins.parse("").is_admin("")
