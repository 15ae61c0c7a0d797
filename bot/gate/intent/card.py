# ruff: noqa: E501  (the card's Japanese text: one Markdown paragraph line per source line)
"""The model card (docs/intent-model.md), written by `python -m bot rules train` from the artifact's metadata."""

from __future__ import annotations

from typing import Any

_HEAD = """# 依頼内容の判定モデル（学習レイヤー）モデルカード

このファイルは `python -m bot rules train` が成果物 `bot/gate/intent/intent_model.json` と同時に書き出します（手で編集しないでください）。

## 何をするか

ポリシー YAML の正規表現（説明できる第一層）の横で、依頼文が各ルールの種類（選挙運動、個別判断、画像等の生成、要配慮個人情報など）に
当たる確からしさを出す線形分類器です。YAML が見逃した種類について、スコアが「止める」しきい値以上なら、その市のその種類のルールと同じ
条文・メッセージ・動作（例: 画像等の生成は前橋市だけ送信不可）で止めます。「確認」しきい値と「止める」しきい値の間（グレーゾーン）では、
日本語の質問を添えて確認を求めます（confirm）。結果は `violations` に `"recognizer": "classifier"` とスコア付きで出ます。
成果物を読み込めないときはゲートが起動せず、何も送信しません（フェイルクローズ）。

## 学習データ

- `bench/data/intent_corpus.jsonl`: `bench/intent_corpus.py` が `bench/intent_fragments.py` の手書きの種（seed）から組み立てた依頼文。
  種ごとに言い換え（[a|b] の選択）、丁寧さの語尾（〜てください／〜てもらえる？／〜って可能？ など）、業務の前置き、誤字、貼り付けた文章、
  2つ目の依頼を組み合わせています。違反の種と同じ話題に触れる無害な「ニアミス」（選挙事務、投票所案内、給付制度の一般説明、alt テキスト、
  デザイナーへの依頼文、健診案内、守秘義務の説明 …）を違反と同数以上入れています。
- `bench/data/prompts.jsonl`: 手書きのラベル付きプロンプト（`kind` と `also` をラベルとして使用）。
- `bench/data/prompts_holdout*.jsonl`（評価用の保留データ）は読みません。学習コードは名前に holdout を含むファイルを拒否します。
- **学習/検証の分割は種グループ単位**です（グループ名の SHA-256 で5つに分け、各回1つを検証に使う交差検証）。同じ種から作った言い換えが
  学習と検証の両方に入ることはありません。prompts.jsonl は1行が1グループです。

## モデル

"""

_LIMITS = """
## しきい値の決め方（検証データのみで決定）

- 交差検証で、確認しきい値での再現率が 0.15 未満の種類は出荷しません（表の「出荷せず」）。その種類は YAML の正規表現だけで判定します。
- 確認しきい値: 検証（交差検証の各回の検証側）で、手書きの無害な依頼（prompts.jsonl）のどれよりも 0.02 上、かつ生成した無害な依頼のうち
  止めるのが1件以下になる値（下限 0.60、上限 0.95。五分五分に近いスコアでは人を止めません）。
- 止めるしきい値: 確認しきい値 + 0.15 以上で、その種類の適合率が 0.97 以上になる最小値。
- 保留データ（prompts_holdout*.jsonl）ではしきい値を調整していません。

## 限界

- 種の数が限られているため、検証データ（学習にない種）での再現率は種類によって大きく違います（上の表）。再現率の低い種類は、
  実質的に YAML の正規表現が頼りです。新しい言い回しを見つけたら、種を `bench/intent_fragments.py` に足して学習し直してください。
- 文字 n-gram の線形モデルなので、否定（「〜は作らないで」）や長い貼り付け文の中の一文は見落とすことがあります。
- マイナンバー・個人情報・認証情報は認識器（recognizers）が扱い、このモデルの対象外です。
- 特徴量の比較は、1つの学習/検証分割で文字 n-gram（1–3, 1–2, 2–3, 2–4）と C（1, 4, 16）を比べただけで、差は小さいものでした
  （無害 0.5% を止める点での平均再現率 0.53〜0.58）。Sudachi の見出し語（lemma）特徴は測っていません。
- abuse（攻撃・なりすまし）は、手書きの無害な依頼（注意喚起など）と区別できず、確認しきい値が上限 0.95 に張り付きます。
- confidential（機密）は「この資料を要約してください」のような一般的な依頼にも反応してしまう（表示語ではなく「資料」「要約」を
  手がかりに覚えてしまう）ため、再現率の基準で出荷対象から外れます。機密の表示は YAML の表示語で判定します。
- 学習し直すとしきい値も変わります。同じコーパス・同じ scikit-learn なら成果物はバイト単位で同じになります。
"""


def render_card(artifact: dict[str, Any]) -> str:
    meta = artifact["meta"]
    lines = [_HEAD]
    lines.append(f"- 方式: {meta['model']}")
    lines.append(f"- 学習に使ったライブラリ: {meta['trained_with']}（実行時は numpy のみ、pickle は使いません）")
    lines.append(f"- コーパス: {', '.join(meta['corpus_files'])}（SHA-256 `{meta['corpus_sha256']}`）")
    lines.append(
        f"- 例文 {meta['examples']} 件（{meta['groups']} グループ）。しきい値と下の表は種グループ単位の {meta['folds']} 分割交差検証"
        "（各例文を、その種グループを見ていないモデルで採点）によるもの。出荷するモデルは全例文で学習したものです。"
    )
    lines.append(f"- 語彙（文字 n-gram）: {len(artifact['vocabulary'])}")
    lines.append("")
    lines.append("## 検証データでの精度（種類ごと）")
    lines.append("")
    lines.append(
        "| 種類 | 正例 | 確認しきい値 | 止めるしきい値 | 適合率@確認 | 再現率@確認 | 適合率@止める | 再現率@止める | 無害を止めた数 |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    not_shipped = meta.get("not_shipped", {})
    for kind in list(artifact["kinds"]) + list(not_shipped):
        v = meta["validation_metrics"][kind]
        t = artifact["thresholds"].get(kind) or not_shipped[kind]
        name = kind if kind in artifact["kinds"] else f"{kind}（出荷せず）"
        lines.append(
            f"| {name} | {v['positives']} | {t['confirm']:.2f} | {t['block']:.2f} | {v['precision_at_confirm']:.3f} | "
            f"{v['recall_at_confirm']:.3f} | {v['precision_at_block']:.3f} | {v['recall_at_block']:.3f} | "
            f"{v['harmless_stopped']}/{v['harmless']} |"
        )
    lines.append(_LIMITS)
    return "\n".join(lines)
