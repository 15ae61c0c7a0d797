"""`python -m bot doctor` against a Slack that granted too little."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.platforms.slack.doctor import diagnose, load_manifest, required_events, required_scopes
from bot.platforms.slack.web_api import web_client
from tests.fakes.slack_api import DEFAULT_SCOPES, FakeSlackAPI

ROOT = Path(__file__).resolve().parents[3]


def test_the_manifest_has_every_scope_event_and_command_the_bot_uses() -> None:
    manifest = load_manifest()
    scopes = required_scopes(manifest)
    for scope in (
        "app_mentions:read",
        "chat:write",
        "channels:history",
        "groups:history",
        "im:history",
        "commands",
        "assistant:write",
        "users:read",
    ):
        assert scope in scopes
    for event in ("app_mention", "message.channels", "message.groups", "message.im", "app_home_opened"):
        assert event in required_events(manifest)
    commands = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert commands == [
        "/aigate-stop",
        "/aigate-resume",
        "/aigate-status",
        "/aigate-sample",
        "/aigate-incident",
        "/aigate-directory",
    ]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True


async def test_missing_scopes_and_the_events_they_silence_are_listed() -> None:
    granted = ",".join(s for s in DEFAULT_SCOPES.split(",") if s not in {"channels:history", "users:read"})
    slack = FakeSlackAPI(scopes=granted)
    await slack.start()
    try:
        report = await diagnose(web_client("xoxb-t", slack.base_url))
    finally:
        await slack.close()
    assert not report.ok
    assert "channels:history" in report.missing_scopes and "users:read" in report.missing_scopes
    assert ("message.channels", "channels:history") in report.undeliverable_events
    text = "\n".join(report.lines())
    assert "イベント message.channels は権限 channels:history がないため届きません" in text


async def test_a_bad_token_is_explained() -> None:
    slack = FakeSlackAPI()
    await slack.start()
    slack.fail_next("auth.test", error="invalid_auth")
    try:
        report = await diagnose(web_client("xoxb-wrong", slack.base_url))
    finally:
        await slack.close()
    assert not report.ok and "SLACK_BOT_TOKEN が正しくありません" in report.lines()[0]


async def test_the_doctor_command_prints_its_findings_and_fails(tmp_path: Path) -> None:
    slack = FakeSlackAPI(scopes="chat:write")
    await slack.start()
    ours = ("SLACK_", "LLM_", "AIGATE_", "OPENAI", "ANTHROPIC")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env.update({"SLACK_BOT_TOKEN": "xoxb-t", "SLACK_API_URL": slack.base_url, "AIGATE_CITY": "niiza"})
    try:
        import asyncio

        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot", "doctor"],
            cwd=tmp_path,
            env={**env, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        await slack.close()
    assert done.returncode == 1, done.stderr
    assert "Slackに接続できました" in done.stdout and "足りない権限" in done.stdout


HIDE_FONT_PACKAGE = (
    "import importlib.util, sys\n"
    "find = importlib.util.find_spec\n"
    "importlib.util.find_spec = lambda name, *a: None if name == 'japanize_matplotlib' else find(name, *a)\n"
    "from bot.cli import main\n"
    "sys.exit(main(['doctor']))\n"
)


@pytest.mark.parametrize("font_installed", [True, False])
async def test_the_doctor_says_whether_the_charts_japanese_font_is_there(tmp_path: Path, font_installed: bool) -> None:
    slack = FakeSlackAPI()
    await slack.start()
    ours = ("SLACK_", "LLM_", "AIGATE_", "OPENAI", "ANTHROPIC")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env.update(
        {"SLACK_BOT_TOKEN": "xoxb-t", "SLACK_API_URL": slack.base_url, "AIGATE_CITY": "niiza", "PYTHONPATH": str(ROOT)}
    )
    command = [sys.executable, "-m", "bot", "doctor"] if font_installed else [sys.executable, "-c", HIDE_FONT_PACKAGE]
    try:
        import asyncio

        done = await asyncio.to_thread(
            subprocess.run, command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )
    finally:
        await slack.close()
    if font_installed:
        assert "✓ 週次報告のグラフ用の日本語フォント（IPAexゴシック）" in done.stdout, done.stdout + done.stderr
        assert "ipaexg.ttf" in done.stdout
    else:
        assert "✗ 週次報告のグラフ用の日本語フォント（IPAexゴシック）が見つかりません" in done.stdout
        assert done.returncode == 1
