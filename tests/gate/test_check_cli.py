"""`python -m bot check`, run as other tools run it: a subprocess reading stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", "check", *args], input=stdin, capture_output=True, cwd=ROOT, env=env, timeout=120
    )


def test_single_json_mode_reports_the_whole_contract() -> None:
    result = run_check("--city", "niiza", "--json", stdin="佐藤花子さんの電話は090-1234-5678です。".encode())
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert set(record) == {
        "id",
        "city",
        "action",
        "redacted",
        "findings",
        "violations",
        "use_category",
        "policy_version",
    }
    assert record["action"] == "confirm"
    assert record["redacted"] == "【氏名1】さんの電話は【電話番号1】です。"
    assert {f["type"] for f in record["findings"]} == {"PERSON", "PHONE_NUMBER"}
    assert record["violations"][0]["rule"] == "personal_data"
    assert record["policy_version"].startswith("niiza@")


def test_jsonl_mode_keeps_order_and_reports_bad_lines_in_place() -> None:
    lines = [
        json.dumps({"id": "a", "text": "挨拶文を作って"}, ensure_ascii=False),
        json.dumps({"id": "b", "text": "候補者の応援演説を書いて", "city": "iwamizawa"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "d", "text": "x", "city": "tokyo"}),
        json.dumps({"id": "e", "text": ""}),
    ]
    result = run_check("--city", "niiza", "--jsonl", stdin=("\n".join(lines) + "\n").encode())
    assert result.returncode == 0, result.stderr.decode()
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", "b", None, "d", "e"]
    assert out[0]["action"] == "allow" and out[1]["action"] == "block" and out[1]["city"] == "iwamizawa"
    assert "JSON として読めません" in out[2]["error"]
    assert "tokyo" in out[3]["error"]
    assert "空です" in out[4]["error"]


def test_bad_single_inputs_fail_with_japanese_messages() -> None:
    unknown = run_check("--city", "tokyo", stdin="こんにちは".encode())
    assert unknown.returncode == 2 and "ポリシーはありません" in unknown.stderr.decode()
    empty = run_check("--city", "niiza", stdin=b"  \n")
    assert empty.returncode == 2 and "入力が空です" in empty.stderr.decode()
    invalid = run_check("--city", "niiza", stdin=b"\xff\xfe\x00abc")
    assert invalid.returncode == 2 and "UTF-8" in invalid.stderr.decode()
    huge = run_check("--city", "niiza", stdin=("あ" * 30000).encode())
    assert huge.returncode == 2 and "長すぎます" in huge.stderr.decode()


def test_the_human_report_says_whether_the_redacted_text_is_sent() -> None:
    """A blocked prompt's redacted text is shown, but never under a heading that says it goes to the model."""
    import io

    from bot.cli.check import _print_human
    from bot.gate.types import Action, Decision, UseCategory, Violation

    def report(action: Action) -> str:
        violations = () if action is Action.ALLOW else (Violation("x.rule", action, "第1条", "理由"),)
        decision = Decision(
            action, "【氏名1】さんの件", (), violations, UseCategory.SUMMARY, "niiza", "niiza@1", "新座市"
        )
        out = io.StringIO()
        _print_human(decision, out)
        return out.getvalue()

    assert "生成AIに送られる文" in report(Action.ALLOW)
    assert "確認のうえ送信した場合" in report(Action.CONFIRM)
    blocked = report(Action.BLOCK)
    assert "生成AIには送りません" in blocked and "生成AIに送られる文" not in blocked
    assert "【氏名1】さんの件" in blocked
