"""Thresholds chosen again on staff-written prompts the classifiers never saw: `python -m bot rules calibrate`.

The trainer (train.py) puts each kind's confirm threshold above every hand-written harmless prompt of its
cross-validation split. That split holds some 25,000 generated near-misses, and one outlier there puts most kinds at
the grid's top (0.95), where the classifier catches little the YAML rules missed. The held-out sets written by
helpers after a model was fixed are a better picture of what staff type; once their first run has been reported
they may be used, and those the artifact was not trained on form this validation split.

The rule, per kind: the lowest threshold on GRID that is at least FLOOR and lies MARGIN above every validation prompt
that the classifier must not stop in some city. That is a harmless prompt (the trainer's GENERIC_REQUESTS,
EVERYDAY_REQUESTS and STATEMENTS included), or a prompt of another kind whose expected action in that city is milder
than the action the classifier would take (a personal-data prompt that only asks, before a my_number block). The
city's written exceptions and the long-number rule apply here as at run time. A threshold is only ever lowered,
never raised above the trainer's. The result is written to calibration.json beside the artifact, with the validation
files' SHA-256 and the artifact's corpus hash; `load_intent_model` applies it only to the artifact it was made for.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.gate.canonical import canonical_text
from bot.gate.intent.model import ARTIFACT_PATH, CALIBRATION_FORMAT, CALIBRATION_NAME, IntentModel, read_artifact
from bot.gate.intent.train import EVERYDAY_REQUESTS, GENERIC_REQUESTS, STATEMENTS
from bot.gate.policy import PolicyBook
from bot.gate.rule_reading import for_rules
from bot.gate.rules import (
    KIND_JA,
    RULE_VETO_FLOOR,
    RULE_VETO_KINDS,
    RULE_VETO_MIN_JAPANESE,
    classifier_rule,
)
from bot.gate.types import Action

ROOT = Path(__file__).resolve().parent.parent.parent.parent
DATA = ROOT / "bench" / "data"
CARD_PATH = ROOT / "docs" / "intent-calibration.md"
# Spent held-out sets (first runs in bench/data/README.md) that the shipped artifact was not trained on.
VALIDATION_FILES = tuple(DATA / f"prompts_holdout{n}.jsonl" for n in range(118, 122))
# Short, generic harmless requests written by hand for the calibration (one per line; "text<TAB>kind" for a request
# that the city's own rule of that kind decides).
MUST_PASS_PATH = DATA / "calibration_must_pass.txt"
GRID = tuple(round(0.50 + 0.05 * i, 2) for i in range(10))  # 0.50 … 0.95
FLOOR = 0.80
MARGIN = 0.05


@dataclass(frozen=True)
class ValidationPrompt:
    id: str
    text: str
    kind: str
    expect: dict[str, Action]


def load_validation(files: Sequence[Path]) -> list[ValidationPrompt]:
    prompts: list[ValidationPrompt] = []
    for path in files:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                expect = {city: Action(action) for city, action in obj["expect"].items()}
                prompts.append(ValidationPrompt(str(obj["id"]), str(obj["text"]), str(obj["kind"]), expect))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path.name}:{lineno}: {exc}") from exc
    return prompts


def files_sha256(files: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _lowest_allowed(must_pass: float, ceiling: float) -> float:
    """The lowest grid value at or above FLOOR and MARGIN above `must_pass`; never above `ceiling`."""
    needed = max(FLOOR, must_pass + MARGIN)
    chosen = next((t for t in GRID if t >= needed - 1e-9), math.inf)
    return min(chosen, ceiling)


def fixed_must_pass(policies: PolicyBook, path: Path = MUST_PASS_PATH) -> list[ValidationPrompt]:
    """The trainer's own must-pass messages (a file sent alone, a colleague named, a statement of fact) and the
    hand-written short requests of `path`."""
    allow = dict.fromkeys(policies.cities, Action.ALLOW)
    texts = (*GENERIC_REQUESTS, *EVERYDAY_REQUESTS, *STATEMENTS)
    out = [ValidationPrompt(f"train.py:{i}", text, "harmless", allow) for i, text in enumerate(texts, 1)]
    known = {r.kind for city in policies.cities for r in policies.get(city).resolved_rules}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, _, kind = line.partition("\t")
        if kind and kind not in known:
            raise ValueError(f"{path.name}:{lineno}: no rule of kind {kind!r}")
        expect = dict(allow)
        for city in policies.cities if kind else ():
            actions = [r.action for r in policies.get(city).resolved_rules if r.kind == kind]
            expect[city] = max(actions, key=lambda a: a.severity, default=Action.ALLOW)
        out.append(ValidationPrompt(f"{path.name}:{lineno}", text, kind or "harmless", expect))
    return out


def calibrate(model: IntentModel, policies: PolicyBook, prompts: Sequence[ValidationPrompt]) -> dict[str, Any]:
    """Per kind: the thresholds to ship and what they do on the validation prompts."""
    cities = policies.cities
    checked = [*prompts, *fixed_must_pass(policies)]
    scored = [(p, model.scores(view := for_rules(canonical_text(p.text), p.text)), view) for p in checked]
    out: dict[str, Any] = {}
    for kind in model.kinds:
        trainer = model.thresholds[kind]
        must_pass = 0.0
        worst = ""
        for prompt, scores, view in scored:
            if scores[kind] <= must_pass:
                continue  # cannot raise the bar: spare the rule lookups and the exceptions' patterns
            for city in cities:
                if city not in prompt.expect:
                    continue
                rule = classifier_rule(policies.get(city), kind, view)
                if rule is None:
                    continue
                # calibrated, confirm and block coincide: a hit takes the rule's own action
                if rule.action.severity > prompt.expect[city].severity and scores[kind] > must_pass:
                    must_pass, worst = scores[kind], prompt.id
        block = _lowest_allowed(must_pass, trainer.block)
        confirm = min(trainer.confirm, block)
        positives = [s[kind] for p, s, _ in scored[: len(prompts)] if p.kind == kind]
        out[kind] = {
            "confirm": confirm,
            "block": block,
            "trainer": {"confirm": trainer.confirm, "block": trainer.block},
            "highest_must_pass": round(must_pass, 3),
            "highest_must_pass_id": worst,
            "positives": len(positives),
            "positives_at_block": sum(s >= block for s in positives),
            "positives_at_trainer_block": sum(s >= trainer.block for s in positives),
        }
    return out


def run(
    files: Sequence[Path] = VALIDATION_FILES,
    artifact: Path = ARTIFACT_PATH,
    policies: PolicyBook | None = None,
    card: Path | None = CARD_PATH,
) -> dict[str, Any]:
    """Calibrate the artifact on `files` and write calibration.json beside it; returns what was written."""
    model = read_artifact(artifact, calibrated=False)
    trained_on = set(model.meta.get("corpus_files", []))
    overlap = sorted(path.name for path in files if path.name in trained_on)
    if overlap:
        raise ValueError(f"the model was trained on {', '.join(overlap)}: not a validation split")
    prompts = load_validation(files)
    data = {
        "format": CALIBRATION_FORMAT,
        "model_corpus_sha256": model.corpus_sha256,
        "validation_files": [path.name for path in files],
        "validation_sha256": files_sha256(files),
        "must_pass_sha256": files_sha256((MUST_PASS_PATH,)),
        "validation_prompts": len(prompts),
        "validation_harmless": sum(p.kind == "harmless" for p in prompts),
        "floor": FLOOR,
        "margin": MARGIN,
        "thresholds": calibrate(model, policies or PolicyBook.load(), prompts),
    }
    path = artifact.with_name(CALIBRATION_NAME)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if card is not None:
        card.write_text(render_card(data), encoding="utf-8")
    return data


def render_card(data: dict[str, Any]) -> str:
    """docs/intent-calibration.md: what the operator reads about the shipped thresholds (Japanese)."""
    files = "、".join(f"`{name}`" for name in data["validation_files"])
    lines = [
        "# 判定モデルのしきい値の選び直し（検証データ）",
        "",
        "このファイルは `python -m bot rules calibrate` が `bot/gate/intent/calibration.json` と同時に書き出します"
        "（手で編集しないでください）。",
        "",
        "## なぜ選び直すか",
        "",
        "学習時のしきい値（`docs/intent-model.md`）は、交差検証の無害な依頼（生成したものを含め約2万5千件）のうち、手書きのもののどれよりも上に置いています。"
        "1件の外れ値で多くの種類が上限の 0.95 になり、YAML の正規表現が見逃した依頼をほとんど拾えませんでした。"
        "そこで、職員が書くような依頼文に近い使用済みの保留データのうち、このモデルの学習に使っていないものを検証データにして、"
        "しきい値を選び直します。",
        "",
        "## 検証データ",
        "",
        f"- ファイル: {files}（SHA-256 `{data['validation_sha256'][:16]}…`）",
        f"- 依頼文 {data['validation_prompts']} 件（うち無害 {data['validation_harmless']} 件）。"
        "学習時の必ず通す依頼（`train.py` の GENERIC_REQUESTS、EVERYDAY_REQUESTS、STATEMENTS）も加えています。",
        "- 手書きの短い依頼: `bench/data/calibration_must_pass.txt`"
        f"（SHA-256 `{data['must_pass_sha256'][:16]}…`）。保留データの無害な依頼は長く具体的ですが、"
        "「来週の会議の資料を要約して」のような短い依頼ほど分類器のスコアが高く出る（この文は機密情報で 0.88）ため、"
        "どの市でも通すべき短い依頼を種類の話題ごとに書いて加えています。",
        f"- 対象のモデル: コーパス SHA-256 `{data['model_corpus_sha256'][:16]}…` の成果物だけ。"
        "モデルを学習し直すと、このファイルは使われず（ゲートは起動しません）、選び直しが必要です。",
        "",
        "## 決め方",
        "",
        "- 種類ごとに、どこかの市で止めてはならない検証の依頼（無害な依頼と、その市で期待される動作が"
        "分類器の動作より軽い依頼。"
        f"市の除外条件と長い番号の扱いは実行時と同じ）の最高スコアより {data['margin']:.2f} 以上高く、"
        f"{data['floor']:.2f} 以上の最小の値（0.05 刻み）を「止める」しきい値にします。"
        "学習時のしきい値より上げることはありません。",
        "- 「確認」しきい値は、学習時の確認しきい値と新しい止めるしきい値の小さいほうです"
        "（選び直した種類では両者が同じになり、グレーゾーンはなくなります）。",
        "- 検証データでの数字は、しきい値を決めたデータでの数字です。"
        "汎化は、この後に書かれる新しい保留データでだけ測れます。",
        "",
        "## 結果",
        "",
        "| 種類 | 止める（学習時） | 確認（学習時） | 検証の正例で止めた数（学習時のしきい値）"
        " | 止めてはならない依頼の最高スコア |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, t in data["thresholds"].items():
        lines.append(
            f"| {kind} | {t['block']:.2f}（{t['trainer']['block']:.2f}）"
            f" | {t['confirm']:.2f}（{t['trainer']['confirm']:.2f}）"
            f" | {t['positives_at_block']}/{t['positives']}（{t['positives_at_trainer_block']}）"
            f" | {t['highest_must_pass']:.2f}（`{t['highest_must_pass_id']}`） |"
        )
    vetoed = "、".join(f"{KIND_JA[kind]}（{kind}）" for kind in sorted(RULE_VETO_KINDS))
    kept = "、".join(f"{KIND_JA[kind]}（{kind}）" for kind in sorted(set(data["thresholds"]) - RULE_VETO_KINDS))
    lines += [
        "",
        "## YAML のルールへの二次判定",
        "",
        "YAML の正規表現は言葉に反応するため、手順書やマニュアル、ルールの説明を頼む依頼にも当たることがあります。"
        f"次の種類では、YAML のルールが当たっても、その種類の分類器のスコアが {RULE_VETO_FLOOR:.2f} 未満なら、"
        f"そのルールによる停止を取り消します: {vetoed}。",
        f"日本語が {RULE_VETO_MIN_JAPANESE} 字未満の短い依頼と、英字が日本語より多い依頼には使いません"
        "（分類器が読み違えやすいため）。"
        f"次の種類には使いません: {kept}。"
        "依頼の下に資料を貼った複数行の依頼では、1行目だけのスコアも見て、どちらかが下限以上ならルールの停止を残します。",
        "この値は、保留データ 122〜131 の初回測定の判定（`bench/data/first_runs.jsonl`）で選びました。"
        "`python bench/rule_veto.py` が、止めずに済んだ無害な依頼と、失った正しい判定の数を種類ごとに出します。",
        "",
        "## 限界",
        "",
        "- 検証データは4組（各417件）と手書きの短い依頼だけです。"
        "それらで止めたものが0件でも、新しい依頼での誤った停止が0とは限りません。",
        "- 下限の 0.80 は、五分五分に近いスコアで人を止めないための決めごとで、データから選んだ値ではありません。",
    ]
    return "\n".join(lines) + "\n"
