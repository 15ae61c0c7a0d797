"""`python -m bot rules train` rebuilds the learned rule layer (bot/gate/intent) from the labelled corpus; `python -m
bot rules calibrate` chooses its thresholds again on spent held-out sets it was not trained on; `python -m bot rules
readings` rebuilds the kana reading table (bot/gate/reading_table.py) from the same corpus."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("rules", help="依頼内容の判定モデル（学習レイヤー）を扱う")
    rules_sub = parser.add_subparsers(dest="rules_command", metavar="サブコマンド")
    train = rules_sub.add_parser(
        "train",
        help="ラベル付きコーパスから判定モデルを作り直す",
        description=(
            "bench/data/ のコーパスから判定モデルを学習し、成果物とモデルカードを書き出します"
            "（同じコーパスなら同じ成果物）。"
        ),
    )
    train.add_argument("--out", type=Path, default=None, help="成果物の出力先（既定: bot/gate/intent/ の中）")
    train.add_argument("--corpus", type=Path, nargs="+", default=None, help="学習に使う JSONL（既定: bench/data）")
    train.add_argument("--no-card", action="store_true", help="モデルカード（docs/intent-model.md）を書かない")
    train.set_defaults(func=run_train)
    calibrate = rules_sub.add_parser(
        "calibrate",
        help="学習に使っていない保留データで、しきい値を選び直す",
        description=(
            "判定モデルの学習に使っていない使用済み保留データ（既定: prompts_holdout118〜121）で、種類ごとのしきい値を"
            "選び直し、bot/gate/intent/calibration.json に書き出します。"
        ),
    )
    calibrate.add_argument("--prompts", type=Path, nargs="+", default=None, help="検証に使う JSONL")
    calibrate.set_defaults(func=run_calibrate)
    readings = rules_sub.add_parser(
        "readings",
        help="ひらがな・カタカナ・ローマ字で書かれた依頼を読むための読み表を作り直す",
        description="判定モデルと同じコーパスから、漢字の名詞の読み表（bot/gate/kana_readings_corpus.txt）を書き出します。",
    )
    readings.set_defaults(func=run_readings)
    parser.set_defaults(func=lambda args: (parser.print_help(sys.stderr), 2)[1])


def run_train(args: argparse.Namespace) -> int:
    try:
        from bot.gate.intent import train as trainer
        from bot.gate.intent.model import CALIBRATION_NAME
    except ImportError as exc:
        print(f"エラー: 学習には scikit-learn が必要です（{exc}）。", file=sys.stderr)
        return 2
    out = args.out or trainer.ARTIFACT_PATH
    files = tuple(args.corpus) if args.corpus else trainer.CORPUS_FILES
    card = None if args.no_card or args.out else trainer.CARD_PATH
    try:
        artifact = trainer.train(files, out, card)
    except (OSError, ValueError, KeyError) as exc:
        print(f"エラー: 学習できませんでした（{exc}）。", file=sys.stderr)
        return 2
    meta = artifact["meta"]
    print(f"書き出しました: {out}（例文 {meta['examples']} 件、コーパス SHA-256 {meta['corpus_sha256'][:16]}…）")
    stale = out.with_name(CALIBRATION_NAME)
    if stale.exists():
        stale.unlink()  # made for the previous artifact: the gate would refuse it
        print(
            f"  前のモデル用のしきい値調整（{stale.name}）を削除しました。"
            "`python -m bot rules calibrate` で作り直してください。"
        )
    for kind in artifact["kinds"]:  # shipped kinds; the card lists the others
        v, t = meta["validation_metrics"][kind], artifact["thresholds"][kind]
        print(
            f"  {kind:20} 確認≥{t['confirm']:.2f} 止める≥{t['block']:.2f}  検証 再現率 {v['recall_at_confirm']:.2f}"
            f" 適合率 {v['precision_at_confirm']:.2f}（正例 {v['positives']}）"
        )
    return 0


def run_calibrate(args: argparse.Namespace) -> int:
    from bot.gate.intent import calibrate as calibration

    files = tuple(args.prompts) if args.prompts else calibration.VALIDATION_FILES
    try:
        data = calibration.run(files, card=None if args.prompts else calibration.CARD_PATH)
    except (OSError, ValueError, KeyError) as exc:
        print(f"エラー: しきい値を選び直せませんでした（{exc}）。", file=sys.stderr)
        return 2
    print(
        f"書き出しました: calibration.json（検証 {data['validation_prompts']} 件、"
        f"うち無害 {data['validation_harmless']} 件）"
    )
    for kind, t in data["thresholds"].items():
        print(
            f"  {kind:20} 止める≥{t['block']:.2f}（学習時 {t['trainer']['block']:.2f}）"
            f"  検証の正例 {t['positives_at_block']}/{t['positives']}（学習時 {t['positives_at_trainer_block']}）"
            f"  止めてはならない最高 {t['highest_must_pass']:.2f}"
        )
    return 0


def run_readings(args: argparse.Namespace) -> int:
    from bot.gate import reading_table

    try:
        n = reading_table.build()
    except (OSError, ValueError, KeyError) as exc:
        print(f"エラー: 読み表を作れませんでした（{exc}）。", file=sys.stderr)
        return 2
    print(f"書き出しました: {reading_table.OUT_PATH}（読み {n} 件）")
    return 0
