"""Thresholds chosen again on held-out sets the classifiers never saw (bot/gate/intent/calibrate.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.gate.gate import Gate
from bot.gate.intent import ARTIFACT_PATH, IntentModel, IntentModelError, load_intent_model
from bot.gate.intent import calibrate as calibration
from bot.gate.intent.calibrate import ValidationPrompt, calibrate, files_sha256
from bot.gate.intent.model import CALIBRATION_NAME, read_artifact
from bot.gate.types import Action
from tests.gate.toy_intent import toy_artifact

CITIES = ("iwamizawa", "niiza", "nagareyama", "maebashi", "matsudo")
SHIPPED = ARTIFACT_PATH.with_name(CALIBRATION_NAME)


def _artifact(logit: float, kind: str) -> dict:
    """「ぴよ」 pushes `kind` to about `logit`; the trainer's thresholds are 0.95; trained on set 2 only."""
    meta = {"corpus_sha256": "toy", "corpus_files": ["prompts_holdout2.jsonl"]}
    return toy_artifact(logit, kind, (0.95, 0.95), meta)


def _prompt(kind: str, expect: dict[str, Action] | None = None) -> ValidationPrompt:
    return ValidationPrompt("v1", "ぴよぴよぴよぴよ", kind, expect or dict.fromkeys(CITIES, Action.ALLOW))


def test_the_shipped_calibration_belongs_to_the_shipped_artifact_and_validation_files() -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    model = load_intent_model()
    assert data["model_corpus_sha256"] == model.corpus_sha256
    assert data["validation_files"] == [p.name for p in calibration.VALIDATION_FILES]
    assert data["validation_sha256"] == files_sha256(calibration.VALIDATION_FILES)
    # the validation split is no training data of this artifact
    assert not set(data["validation_files"]) & set(model.meta["corpus_files"])
    for kind, t in data["thresholds"].items():
        assert model.thresholds[kind].block == t["block"]
        assert model.thresholds[kind].confirm == t["confirm"]
        assert calibration.FLOOR <= t["block"] <= t["trainer"]["block"]


def test_the_shipped_calibration_is_what_the_command_computes(gate: Gate) -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    model = read_artifact(ARTIFACT_PATH, calibrated=False)
    again = calibrate(model, gate.policies, calibration.load_validation(calibration.VALIDATION_FILES))
    assert again == data["thresholds"]
    assert calibration.CARD_PATH.read_text(encoding="utf-8") == calibration.render_card(data)


def test_no_harmless_prompt_keeps_the_floor(gate: Gate) -> None:
    model = IntentModel(_artifact(5.0, "abuse"))
    result = calibrate(model, gate.policies, [_prompt("abuse", dict.fromkeys(CITIES, Action.BLOCK))])
    assert result["abuse"]["block"] == calibration.FLOOR
    assert result["abuse"]["positives_at_block"] == 1
    assert result["election"]["block"] == calibration.FLOOR  # nothing scores: the floor


def test_the_threshold_stays_a_margin_above_a_harmless_prompt(gate: Gate) -> None:
    model = IntentModel(_artifact(1.5, "abuse"))  # sigmoid(1.5) ≈ 0.82
    result = calibrate(model, gate.policies, [_prompt("harmless")])
    assert result["abuse"]["highest_must_pass"] == pytest.approx(0.818, abs=0.001)
    assert result["abuse"]["block"] == 0.9  # the lowest grid value at least 0.05 above it


def test_a_threshold_is_never_raised_above_the_trainers(gate: Gate) -> None:
    model = IntentModel(_artifact(5.0, "abuse"))  # a harmless prompt at 0.99
    result = calibrate(model, gate.policies, [_prompt("harmless")])
    assert result["abuse"]["block"] == 0.95


def test_what_a_city_allows_must_pass_and_what_no_rule_stops_does_not_count(gate: Gate) -> None:
    # a personal-data prompt asks in four cities; a my_number hit would block it: it must pass
    personal = {c: Action.CONFIRM for c in CITIES} | {"iwamizawa": Action.ALLOW}
    model = IntentModel(_artifact(1.5, "my_number"))
    assert calibrate(model, gate.policies, [_prompt("personal_data", personal)])["my_number"]["block"] == 0.9
    # an image request outside 前橋: only 前橋 has an image rule, and there it is expected to block
    image = dict.fromkeys(CITIES, Action.ALLOW) | {"maebashi": Action.BLOCK}
    model = IntentModel(_artifact(1.5, "image_generation"))
    result = calibrate(model, gate.policies, [_prompt("image_generation", image)])
    assert result["image_generation"]["block"] == calibration.FLOOR


def test_a_calibration_made_for_another_artifact_fails_closed(tmp_path: Path) -> None:
    path = tmp_path / "intent_model.json"
    path.write_text(json.dumps(_artifact(0.0, "abuse")), encoding="utf-8")
    assert read_artifact(path).thresholds["abuse"].block == 0.95  # no calibration file: the trainer's
    calibrated = {"format": 1, "model_corpus_sha256": "toy", "thresholds": {"abuse": {"confirm": 0.8, "block": 0.8}}}
    (tmp_path / CALIBRATION_NAME).write_text(json.dumps(calibrated), encoding="utf-8")
    assert read_artifact(path).thresholds["abuse"].block == 0.8
    assert read_artifact(path, calibrated=False).thresholds["abuse"].block == 0.95
    (tmp_path / CALIBRATION_NAME).write_text(json.dumps(calibrated | {"model_corpus_sha256": "other"}), "utf-8")
    with pytest.raises(IntentModelError) as caught:
        read_artifact(path)
    assert "ゲートを起動できない" in caught.value.message


def test_a_validation_file_the_model_was_trained_on_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "intent_model.json"
    path.write_text(json.dumps(_artifact(0.0, "abuse")), encoding="utf-8")
    held = tmp_path / "prompts_holdout2.jsonl"
    held.write_text('{"id": "h1", "text": "ぴよぴよ", "kind": "harmless", "expect": {}}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="trained on prompts_holdout2"):
        calibration.run((held,), artifact=path, card=None)
    assert not (tmp_path / CALIBRATION_NAME).exists()
