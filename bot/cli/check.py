"""`python -m bot check`: put prompts through the gate without any chat platform.

Other tools depend on this contract (see README): one prompt on stdin, or `--jsonl` with one
`{"id", "text", "city"?}` object per line in and one result object per line out, same order.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, TYPE_CHECKING, Any

from bot.config import DEFAULT_MAX_PROMPT_CHARS as MAX_PROMPT_CHARS  # the gate's default too
from bot.gate.labels import label_ja, masked_summary_ja
from bot.gate.types import Action, Decision, GateError, Request

# The policies (YAML, pydantic) and the gate load inside the command, so `python -m bot --help` stays quick.
if TYPE_CHECKING:
    from bot.gate.policy import PolicyBook

# Bytes read from stdin at most in single mode: UTF-8 needs up to 4 bytes a character.
MAX_STDIN_BYTES = MAX_PROMPT_CHARS * 4 + 1
ACTION_JA = {Action.ALLOW: "送信可", Action.CONFIRM: "確認が必要", Action.BLOCK: "送信不可"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="プロンプトをゲートに通し、判定と匿名加工の結果を表示する",
        description="標準入力のプロンプトを市のルールで判定します（生成AIには送信しません）。",
    )
    parser.add_argument("--city", required=True, help="市のID（iwamizawa, niiza, nagareyama, maebashi, matsudo）")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="結果を JSON で出力する")
    mode.add_argument("--jsonl", action="store_true", help="1行1件の JSON を読み、1行1件の JSON を書く")
    parser.set_defaults(func=run)


def decision_record(item_id: Any, city: str, decision: Decision) -> dict[str, Any]:
    return {"id": item_id, "city": city, **decision.as_dict()}


def _error(message: str) -> int:
    print(f"エラー: {message}", file=sys.stderr)
    return 2


def _read_single_prompt(stream: IO[bytes]) -> str:
    raw = stream.read(MAX_STDIN_BYTES)
    if len(raw) >= MAX_STDIN_BYTES:
        raise GateError(f"入力が長すぎます。{MAX_PROMPT_CHARS:,}文字以内にしてください。")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GateError(
            f"入力を UTF-8 として読めません（{exc.start}バイト目）。文字コードを UTF-8 にして送ってください。"
        ) from exc
    return text.removeprefix("\ufeff").rstrip("\r\n")


# What the employee reads above the redacted text: only an allowed prompt is sent as it stands.
PREVIEW_HEADING = {
    Action.ALLOW: "--- 生成AIに送られる文（個人情報などは伏せ字にしたもの） ---",
    Action.CONFIRM: "--- 確認のうえ送信した場合に生成AIに送られる文（伏せ字にしたもの） ---",
    Action.BLOCK: "--- 伏せ字にした文（この依頼は止めたため、生成AIには送りません） ---",
}


def _print_human(decision: Decision, out: IO[str]) -> None:
    print(f"判定: {ACTION_JA[decision.action]}（{decision.action}）", file=out)
    print(f"適用ルール: {decision.city_name} {decision.policy_version}", file=out)
    print(f"用途: {decision.use_category}", file=out)
    print(f"匿名加工: {masked_summary_ja(decision.masked_counts)}", file=out)
    for f in decision.findings:
        state = "" if f.masked else "（個人情報に当たらないため伏せ字にしません）"
        print(f"  - {label_ja(f.entity_type)} {f.start}-{f.end} 信頼度{f.score:.2f}{state}", file=out)
    for v in decision.violations:
        print(f"ルール {v.rule_id}（{v.action}）: {v.message}", file=out)
        print(f"  根拠: {v.article}", file=out)
    print(PREVIEW_HEADING[decision.action], file=out)
    print(decision.redacted_text, file=out)


def run(args: argparse.Namespace) -> int:
    from bot.gate.policy import POLICY_DIR, PolicyBook, PolicyError

    try:
        policies = PolicyBook.load(POLICY_DIR)
    except PolicyError as exc:
        return _error(str(exc))
    if not args.jsonl:
        return _run_single(args, policies)
    return _run_jsonl(args, policies)


def _run_single(args: argparse.Namespace, policies: PolicyBook) -> int:
    from bot.gate.policy import UnknownCityError

    try:
        policies.get(args.city)
        text = _read_single_prompt(sys.stdin.buffer)
        if not text.strip():
            raise GateError("入力が空です。標準入力にプロンプトを渡してください。")
        from bot.gate.gate import load_gate

        gate = load_gate()
        decision = gate.check(Request(text=text, city=args.city, platform="cli"))
    except (GateError, UnknownCityError) as exc:
        return _error(str(exc))
    if args.json:
        json.dump(decision_record(None, args.city, decision), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_human(decision, sys.stdout)
    return 0


def _run_jsonl(args: argparse.Namespace, policies: PolicyBook) -> int:
    from bot.gate.policy import UnknownCityError

    try:
        policies.get(args.city)
    except UnknownCityError as exc:
        return _error(str(exc))
    from bot.gate.gate import load_gate

    gate = None
    out = sys.stdout
    for line_no, raw in enumerate(sys.stdin.buffer, start=1):
        if not raw.strip():
            continue
        item_id: Any = None
        city = args.city
        try:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise GateError(f"{line_no}行目を UTF-8 として読めません。") from exc
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GateError(f"{line_no}行目が JSON として読めません（{exc.msg}）。") from exc
            if not isinstance(item, dict):
                raise GateError(f'{line_no}行目は {{"id": …, "text": …}} の形にしてください。')
            item_id = item.get("id")
            city = item.get("city") or args.city
            text = item.get("text")
            if not isinstance(text, str):
                raise GateError(f"{line_no}行目に文字列の text がありません。")
            policies.get(city)
            if gate is None:
                gate = load_gate()
            record = decision_record(item_id, city, gate.check(Request(text=text, city=city, platform="cli")))
        except (GateError, UnknownCityError) as exc:
            record = {"id": item_id, "city": city, "error": str(exc)}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return 0
