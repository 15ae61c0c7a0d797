"""bench/gate_snapshot.py compare: equal recordings pass, any changed byte or missing entry fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.gate_snapshot import compare


def _write(path: Path, results: dict[str, object]) -> Path:
    path.write_text(json.dumps({"ner": "off", "results": results}, ensure_ascii=False), encoding="utf-8")
    return path


def test_equal_recordings_compare_equal(tmp_path: Path) -> None:
    entry = {"action": "confirm", "redacted": "【氏名1】さんへ", "findings": [["PERSON", 0, 4, "0.85", "x", True]]}
    a = _write(tmp_path / "a.json", {"p:1|niiza": entry})
    b = _write(tmp_path / "b.json", {"p:1|niiza": dict(entry)})
    assert compare(a, b, show=5) == 0


def test_a_changed_score_or_a_missing_entry_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = {"action": "confirm", "findings": [["PERSON", 0, 4, "0.85", "x", True]]}
    changed = {"action": "confirm", "findings": [["PERSON", 0, 4, "0.8500000000000001", "x", True]]}
    a = _write(tmp_path / "a.json", {"p:1|niiza": entry, "p:2|niiza": entry})
    b = _write(tmp_path / "b.json", {"p:1|niiza": changed})
    assert compare(a, b, show=5) == 1
    assert "1 in one file only; 1 differ" in capsys.readouterr().out
