"""`python -m bot check-file`: how the bot would judge attached files, without any chat platform.

For policy reviewers and operators: what was found (by column and by the gate), the decision,
the article, how much of the file would be used, and, with --show-text, the exact masked text a
model would receive. Nothing is sent anywhere.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from bot.files.limits import FileLimits, FileLimitsError
from bot.files.types import FileContent, FileUnreadable
from bot.gate.types import Action, GateError, Request

ACTION_JA = {Action.ALLOW: "送信可", Action.CONFIRM: "確認が必要", Action.BLOCK: "送信不可"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check-file",
        help="添付ファイルをゲートに通し、判定・見つかった個人情報・使う文字数を表示する",
        description="ファイルから文字を取り出し、市のルールで判定します（生成AIには送信しません）。",
    )
    parser.add_argument("--city", required=True, help="市のID（iwamizawa, niiza, nagareyama, maebashi, matsudo）")
    parser.add_argument("paths", nargs="+", metavar="ファイル", help="CSV・TSV・xlsx・docx・PDF・txt・md")
    parser.add_argument("--show-text", action="store_true", help="生成AIに送られる文字（伏せ字済み）も表示する")
    parser.add_argument("--json", action="store_true", help="結果を JSON で出力する")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # The policies (YAML, pydantic) load inside the command, so `python -m bot --help` stays quick.
    from bot.gate.policy import POLICY_DIR, PolicyBook, PolicyError, UnknownCityError

    try:
        policy = PolicyBook.load(POLICY_DIR).get(args.city)
        limits = FileLimits.from_env()
    except (PolicyError, UnknownCityError, FileLimitsError) as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return 2
    try:
        result = asyncio.run(_check(args.city, [Path(p) for p in args.paths], limits, policy_name=policy.name))
    except GateError as exc:
        print(f"エラー: {exc.message}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_human(result, show_text=args.show_text)
    return 0 if result["action"] != "block" else 1


async def _check(city: str, paths: list[Path], limits: FileLimits, *, policy_name: str) -> dict[str, Any]:
    # The extractors (pypdf, openpyxl, docx) and the screening behind the gate load only when a file is checked.
    from bot.files.local import local_attachment
    from bot.files.reading import read_attachment
    from bot.files.screening import count_summary, screen_files
    from bot.gate.placeholders import PlaceholderBook

    read: list[FileContent | FileUnreadable] = []
    for path in paths:
        try:
            read.append(await read_attachment(local_attachment(path), limits))
        except FileUnreadable as exc:
            read.append(exc)
    problems = [r for r in read if isinstance(r, FileUnreadable)]
    if problems:
        return {"city": city, "action": "block", "unreadable": [str(p) for p in problems]}
    from bot.gate.gate import load_gate

    gate = load_gate()
    try:
        screened = await screen_files(
            [r for r in read if isinstance(r, FileContent)],
            gate=gate,
            policy=gate.policies.get(city),
            book=PlaceholderBook(),
            max_chars=limits.max_chars,
            request=Request(text="", city=city, platform="cli"),
        )
    finally:
        gate.close()
    return {
        "city": city,
        "city_name": policy_name,
        "action": str(screened.action),
        "found": screened.found_counts,
        "found_ja": count_summary(screened.found_counts),
        "people": screened.people,
        "violations": [v.as_dict() for v in screened.violations],
        "notes": list(screened.notes),
        "files": screened.audit,
        "text": screened.text,
    }


def _print_human(result: dict[str, Any], *, show_text: bool) -> None:
    action = Action(result["action"])
    print(f"判定: {ACTION_JA[action]}（{action}）")
    for reason in result.get("unreadable", []):
        print(f"  確認できないファイル: {reason}")
    if "unreadable" in result:
        return
    print(f"見つかった個人情報: {result['found_ja'] or 'なし'}（約{result['people']:,}人分）")
    for v in result["violations"]:
        print(f"ルール {v['rule']}: {v['message']}")
        print(f"  根拠: {v['article']}")
    for note in result["notes"]:
        print(f"📎 {note}")
    if show_text:
        print("--- 生成AIに送られる文字（伏せ字済み） ---")
        print(result["text"])
