# ruff: noqa: E501  (the card's Japanese text: one Markdown paragraph line per source line)
"""The model card (docs/intent-model.md), written by `python -m bot rules train` from the artifact's metadata."""

from __future__ import annotations

from typing import Any

from bot.gate.intent.kinds import KINDS as _KIND_ORDER

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
- 使い終わった保留データ `bench/data/prompts_holdout.jsonl`、`prompts_holdout2.jsonl` 〜 `prompts_holdout117.jsonl`（別々のヘルパーが
  書いた手書きの依頼文。それぞれ最初の測定結果を `bench/data/README.md` に記録した後は調整用データになっています）。
  まだ使っていない保留データ（`train.py` の SPENT_HOLDOUTS にない名前に holdout を含むファイル）は、学習コードが拒否します。
  このため、上の保留データで測った数値は、このモデルにとっては学習データでの数値です。モデルの汎化は、このモデルの後に書かれた
  新しい保留データでだけ測れます。
- **学習/検証の分割は種グループ単位**です（グループ名の SHA-256 で5つに分け、各回1つを検証に使う交差検証）。同じ種から作った言い換えが
  学習と検証の両方に入ることはありません。prompts.jsonl は1行が1グループです。

## モデル

"""

_LIMITS = """
## しきい値の決め方（検証データのみで決定）

- 交差検証で、確認しきい値での再現率が 0.15 未満の種類は出荷しません（表の「出荷せず」）。その種類は YAML の正規表現だけで判定します。
- 再現率が基準以上でも、出荷するモデルが一般的な依頼（ファイルだけのメッセージにボットが補う「添付ファイルの内容を要約してください。」、
  「この資料を要約してください」など `train.py` の GENERIC_REQUESTS）を確認しきい値以上で止める種類は出荷しません。
- 確認しきい値: 検証（交差検証の各回の検証側）で、手書きの無害な依頼（prompts.jsonl と使い終わった保留データ）のどれよりも 0.02 上、かつ生成した無害な依頼のうち
  止めるのが1件以下になる値（下限 0.60、上限 0.95。五分五分に近いスコアでは人を止めません）。
- そのうえで確認しきい値は、名前を挙げるだけの日常的な依頼（`train.py` の EVERYDAY_REQUESTS:「山田太郎さんの件です。」
  「田中さんに連絡して」など）と、給付・選考・救急の話題について事実を述べるだけの文（`train.py` の STATEMENTS:「保育園の一次選考の結果は
  2月上旬に通知します。」など）に出荷するモデルが付けるスコアより 0.02 上まで引き上げます（どの市でも通す依頼に確認を求めないため）。
- 止めるしきい値: 確認しきい値 + 0.15 以上で、その種類の適合率が 0.97 以上になる最小値。
- まだ使っていない保留データではしきい値を調整していません（学習コードが読みません）。
- 交差検証は例文のグループ単位ですが、使い終わった保留データは同じ書き手の似た言い回しを含むため、上の表の再現率は新しい
  書き手の依頼文での再現率より高めに出ている可能性があります。

## 限界

- 種の数が限られているため、検証データ（学習にない種）での再現率は種類によって大きく違います（上の表）。再現率の低い種類は、
  実質的に YAML の正規表現が頼りです。新しい言い回しを見つけたら、種を `bench/intent_fragments.py` に足して学習し直してください。
- 特徴量の比較（上の「特徴量の比較」）: 採用した構成は、以前の構成（文字 1–3-gram、C=4、重みなし）に比べ、確認しきい値での平均再現率が
  種を足す前のコーパスで 0.337 → 0.408（+0.071）、第4ラウンドの種を足したコーパス（最後の表）で 0.353 → 0.398（+0.045）、無害を
  0.1–1% 止める点での平均再現率が 0.594 → 0.623（+0.029）です。改善の大半は「種グループごとに重みを揃える」学習と C=16 によるもので、
  Sudachi の見出し語を足した分は同じ設定どうしで +0.007〜0.014 と小さく（unpublished・medical・confidential では効き、
  image_generation ではわずかに下がる）、差は種類ごとのばらつきの範囲に近いものです。文字 n-gram を 4 文字まで伸ばす・2 文字からにする・
  C=1 は悪化、見出し語だけ・内容語だけ・分割単位 B・3つ以上の種グループに出る語だけ（mg3）も採用した構成に届きませんでした。
- 実行時の追加コスト: 見出し語のために SudachiPy（分割単位 C、GiNZA のパイプラインは使わない）で依頼文を分割します。500 字の依頼 1 件あたり
  特徴量づくりが 0.8〜1.1 ms、採点全体が 0.6 ms から 1.8〜2.5 ms に増えました（2 コアを他の処理と共有し負荷平均 4.5 前後での測定）。分割器はスレッドごとに1つで、
  成果物を読み込むときに作ります（辞書がなければゲートは起動しません）。
- 種の第4ラウンド（弱い種類に 64、同じ話題の無害なニアミスに 69）: 無害なニアミス（「公表済みの組織改編の内容を整理して」
  「ごみ袋の価格改定の想定問答」など）が unpublished の確認しきい値を 0.90 に押し上げるため、unpublished の再現率は 0.17 にとどまります
  （それ以前の 0.17〜0.28 は、こうしたニアミスを検証に含めていない数字です）。
- 語ベクトル（2026-12-04 追加）: 交差検証で、語ベクトルを足すと確認しきい値での平均再現率が 0.725 → 0.745、無害を 0.1–1% 止める点での
  平均再現率が 0.900 → 0.923 に上がりました（保留データ 2〜26 までのコーパスで `bench/intent_features.py` により測定、重み 1。重み 3 は 0.737 / 0.903）。ただし、語ベクトルは話題の近さを
  拾うため、「生活保護の受給世帯数は前年より3%減りました。」のような事実を述べるだけの文にも individual_decision や medical の高いスコアを
  付けました（15 文中 8 文を止めた）。そこで事実を述べる文（STATEMENTS）でもしきい値を引き上げ、その引き上げを含めた再現率で種類ごとに
  足すかどうかを決めています。individual_decision と medical は語ベクトルを使わず、individual_decision の確認しきい値は 0.88 に上がりました
  （その代わり、事実を述べる文を止めなくなりました）。実行時の追加コストは 500 字 1 件あたり約 0.3 ms、メモリは約 17 MB です
  （表は ja_ginza のファイルを spaCy の読み込み処理を通さず読み、行列はメモリマップ）。
- n-gram の線形モデルなので、否定（「〜は作らないで」）や長い貼り付け文の中の一文は見落とすことがあります。
- 個人情報・認証情報は認識器（recognizers）が扱い、このモデルの対象外です。マイナンバーは、番号そのものは認識器が見つけ、
  番号を書かずに特定の人の番号を扱う依頼（「〇〇さんの個人番号を住基から調べて」「カード裏面より転記」など）をこのモデルの
  my_number が拾います（2026-12-07 追加）。学習データの my_number の例には番号を書いたものも多いため、番号のない依頼での再現率は
  上の表より低いと見込まれます。
- abuse（攻撃・なりすまし）は「〜する方法を教えて」という言い回しを手がかりに覚えてしまい、「写真のファイルサイズを小さくする方法を
  教えて」のような無害な依頼にも高いスコアを付けるため、確認しきい値が上限 0.95 に張り付き、出荷しませんでした（保留データを学習に加えた今は出荷しています。上の表）。
- copyright（作品名・作家名を入れた依頼）は、作品名・作家名が種ごとに違い、学習にない作品名は文字 n-gram でも見出し語でも
  手がかりにならないため、再現率が基準に届かず出荷しませんでした（今は出荷しています）。
- confidential（機密）は、第4ラウンドの種で交差検証の再現率が 0.25 に上がりましたが、出荷するモデルが「この資料を要約してください」
  のような一般的な依頼にも高いスコアを付ける（表示語ではなく「資料」「要約」を手がかりに覚えてしまう）ため、出荷しませんでした（今は出荷しています）。
  機密の表示は YAML の表示語で判定します。
- 学習し直すとしきい値も変わります。同じコーパス・同じ scikit-learn・同じ SudachiDict なら成果物はバイト単位で同じになります。
"""


def render_comparison(comparison: dict[str, Any] | None, chosen: str | None) -> list[str]:
    """The feature comparison of bench/intent_features.py (bench/data/intent_feature_comparison.json), one table per corpus."""
    if not comparison or not comparison.get("runs"):
        return []
    lines = [
        "## 特徴量の比較（種グループ単位の5分割交差検証）",
        "",
        "`bench/intent_features.py --record` の結果です（同じ分割・同じしきい値の決め方・同じ liblinear で、特徴量と学習の設定だけを変えています）。",
        "「再現率@確認」は各種類の確認しきい値（下の「しきい値の決め方」）での再現率の12種類の平均、「再現率@無害0.1–1%」は無害な依頼を",
        "0.1%・0.2%・0.5%・1% 止める点での再現率の平均（しきい値を決める1件の外れ値に左右されにくい見方）、「基準以上」は再現率が出荷の基準",
        "（0.15）以上の種類の数です。種類ごとの列は確認しきい値での再現率。gw は種グループごとに重みを揃えた学習（変種12件の種も、",
        "prompts.jsonl の1行も、損失の中で同じ重み）、mg3 は3つ以上の種グループに出る語だけを使う設定、lemma は Sudachi の正規化形の",
        "1語（1）・2語連続（1-2）、blocks は文字と見出し語を別々に正規化して足したもの、mode B は Sudachi の分割単位 B です。",
        "「—」はその列の指標を加える前に測った実行です。",
        "",
    ]
    for run in comparison["runs"]:
        lines.append(
            f"コーパス {', '.join(run['corpus_files'])}（SHA-256 `{run['corpus_sha256'][:16]}…`、例文 {run['examples']} 件、"
            f"{run['groups']} グループ）:"
        )
        lines.append("")
        # a run recorded before a kind had a classifier (my_number) has no column for it
        kinds = [k for k in _KIND_ORDER if any(k in r["per_kind"] for r in run["configs"].values())]
        lines.append("| 構成 | 再現率@確認 | 再現率@無害0.1–1% | 基準以上 | " + " | ".join(kinds) + " |")
        lines.append("|---|---:|---:|---:|" + "---:|" * len(kinds))
        for name, r in run["configs"].items():
            cell = name.replace("|", "\\|")  # a Markdown table cell
            label = f"**{cell}（採用）**" if name == chosen else cell
            cells = " | ".join(f"{r['per_kind'][k]['recall']:.2f}" if k in r["per_kind"] else "—" for k in kinds)
            at_fp = "—" if r.get("mean_recall_at_fp") is None else f"{r['mean_recall_at_fp']:.3f}"
            lines.append(f"| {label} | {r['mean_recall']:.3f} | {at_fp} | {r['kinds_over_floor']} | {cells} |")
        lines.append("")
    return lines


def render_card(artifact: dict[str, Any], comparison: dict[str, Any] | None = None) -> str:
    meta = artifact["meta"]
    lines = [_HEAD]
    lines.append(f"- 方式: {meta['model']}")
    lines.append(
        f"- 学習に使ったライブラリ: {meta['trained_with']}（実行時は numpy と SudachiPy、語ベクトルの表を読む spaCy のみ。scikit-learn も pickle も使いません）"
    )
    lines.append(f"- コーパス: {', '.join(meta['corpus_files'])}（SHA-256 `{meta['corpus_sha256']}`）")
    lines.append(
        f"- 例文 {meta['examples']} 件（{meta['groups']} グループ）。しきい値と下の表は種グループ単位の {meta['folds']} 分割交差検証"
        "（各例文を、その種グループを見ていないモデルで採点）によるもの。出荷するモデルは全例文で学習したものです。"
    )
    vocabulary = artifact["vocabulary"]
    lemma_terms = sum(term.startswith("\t") for term in vocabulary)
    lines.append(
        f"- 語彙: {len(vocabulary)}（文字 n-gram {len(vocabulary) - lemma_terms}、Sudachi の見出し語・見出し語2連続 {lemma_terms}）"
    )
    if meta.get("word_vectors"):
        chosen = "、".join(meta.get("vector_kinds", [])) or "なし"
        lines.append(
            f"- 語ベクトル: インストール済みの ja_ginza の静的ベクトル（{meta['word_vectors']}）を、依頼文の見出し語で平均して"
            f"特徴量に足しています（ダウンロードはしません）。足すかどうかは種類ごとに、交差検証の確認しきい値での再現率が上がる種類だけに"
            f"決めています（使う種類: {chosen}）。比べるときは、下の「しきい値の引き上げ」も交差検証の各回のモデルで当てはめています。下の表の「語ベクトルなし」は、足さない場合のその再現率です。"
        )
    lines.append("")
    lines.append("## 検証データでの精度（種類ごと）")
    lines.append("")
    lines.append(
        "| 種類 | 正例 | 確認しきい値 | 止めるしきい値 | 適合率@確認 | 再現率@確認 | 適合率@止める | 再現率@止める | 無害を止めた数 | 語ベクトル | 再現率@確認（語ベクトルなし） |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    not_shipped = meta.get("not_shipped", {})
    for kind in list(artifact["kinds"]) + list(not_shipped):
        v = meta["validation_metrics"][kind]
        t = artifact["thresholds"].get(kind) or not_shipped[kind]
        withheld = meta.get("withheld", {})
        name = kind if kind in artifact["kinds"] else f"{kind}（出荷せず）"
        if kind in withheld:
            name = f"{kind}（出荷せず: 「{withheld[kind]}」を止めるため）"
        lines.append(
            f"| {name} | {v['positives']} | {t['confirm']:.2f} | {t['block']:.2f} | {v['precision_at_confirm']:.3f} | "
            f"{v['recall_at_confirm']:.3f} | {v['precision_at_block']:.3f} | {v['recall_at_block']:.3f} | "
            f"{v['harmless_stopped']}/{v['harmless']} | {'使う' if v.get('word_vectors') else '使わない'} | "
            f"{v.get('recall_at_confirm_without_vectors', v['recall_at_confirm']):.3f} |"
        )
    lines.append("")
    lines.extend(render_comparison(comparison, meta.get("comparison_name")))
    lines.append(_LIMITS)
    return "\n".join(lines)
