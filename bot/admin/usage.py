"""Japanese usage help for the admin commands, shown when the arguments cannot be read."""

from __future__ import annotations

SAMPLE_MAX = 20

STOP = (
    "使い方: `/aigate-stop 対象 理由`\n"
    "対象: `全体`、`@職員`、`#チャンネル`、または所属名（例: `総務課`）\n"
    "例: `/aigate-stop 全体 利用規約の変更を確認するため`\n"
    "例: `/aigate-stop @tanaka 個人情報の入力が続いたため`"
)
RESUME = (
    "使い方: `/aigate-resume 対象 [理由]`\n"
    "対象: `全体`、`@職員`、`#チャンネル`、または所属名\n"
    "例: `/aigate-resume 全体 確認が終わったため`"
)
STATUS = "使い方: `/aigate-status`（引数はいりません）"
SAMPLE = (
    f"使い方: `/aigate-sample 件数`（1〜{SAMPLE_MAX}、省略時 5）\n"
    "過去7日間の利用記録（匿名加工後の文面）を無作為に表示します（松戸市ガイドライン 第3章1-1 サンプルチェック）。"
)
INCIDENT = (
    "使い方: `/aigate-incident [経緯の書き出し]`\n"
    "事故報告の入力画面（発生日時・経緯・原因・今後の対応と見通し・備考）を開きます。"
)
DIRECTORY = (
    "使い方: `/aigate-directory`（所属ごとの人数と所属長を表示）\n"
    "`/aigate-directory @職員 所属名`（職員の所属を登録・変更）\n"
    "`/aigate-directory 所属長 所属名 @職員`（週次報告を受け取る所属長を追加）／`所属長解除 所属名 @職員`\n"
    "名簿をまとめて入れるときは `python -m bot db load-directory 名簿.csv` を使います。"
)
