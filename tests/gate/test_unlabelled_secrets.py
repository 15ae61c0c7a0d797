"""Secrets pasted without the usual label: a password column, a Wi-Fi key after its SSID, 「鍵は …」.

Each row is (sentence, the exact secret that must be masked, or None when nothing may be taken for one).
"""

from __future__ import annotations

import pytest

from bot.gate.gate import Gate
from bot.gate.types import Request

CASES = [
    ("来客用Wi-Fi SSID: hall-guest / Mv42!kdr8 の案内を作って", "Mv42!kdr8"),
    ("次の一覧を表にして\nsato03\tTq4$nW8z\nito11\tGp7&xK2m", "Tq4$nW8z"),
    ("次の一覧を表にして\nsato03\tTq4$nW8z\nito11\tGp7&xK2m", "Gp7&xK2m"),
    ("倉庫のパスはmomiji2031です。掲示文を", "momiji2031"),
    ("キャビネットの鍵は 4Rt9wQz2Lk ね。メール文にして", "4Rt9wQz2Lk"),
    ("金庫の暗証番号は4桁で 9316 です、と伝える文面", "9316"),
    ("合言葉：Hoshi88tsuki で入室できます", "Hoshi88tsuki"),
    ("書庫の暗証番号は 3 8 0 6 なので、引継ぎメモに", "3 8 0 6"),
    ("ロッカーの解除コード 2 9 1 7 4 を表に入れて", "2 9 1 7 4"),
    ("ぱすわーどは「もみじ2031!」に変わりました。周知文を", "もみじ2031!"),
    ("The door code is 5521 and the wifi password is Qm8!river77", "Qm8!river77"),
    # a list under a password heading, a PIN in brackets, a database client's -P, a value broken over lines
    ("各校の初期パスワード一覧を表に\n東小 Hg3-2026q\n西中 Kp8-2026z", "Hg3-2026q"),
    ("各校の初期パスワード一覧を表に\n東小 Hg3-2026q\n西中 Kp8-2026z", "Kp8-2026z"),
    ("金庫の暗証番号（6 2 0 4）を引継書に", "6 2 0 4"),
    ('接続できない\nsqlcmd -S 10.0.0.5 -U sa -P Wq7zLp29x -Q "SELECT 1"', "Wq7zLp29x"),
    ("pwメモ：tsubame2207! 覚え方を考えて", "tsubame2207!"),
    # round 89: an app password in its four groups, a device left on its factory sign-in, a PIN told by somebody
    ("スマホのメールに入れるアプリパスワード qwer tyui opas dfgh が通らない", "qwer tyui opas dfgh"),
    ("複合機は工場出荷時の admin / 0000 のまま。変え方を", "0000"),
    ("金庫の暗証番号、係長から 7302 って教わったけど開かない", "7302"),
    ("アプリパスワードを発行しました。表示されたのは 'wxyz plmn qazx edcr' です", "wxyz plmn qazx edcr"),
    ("app password: use your mail apps here", None),
    ("PINは係長から聞いてね、という引継ぎメモを", None),
    # harmless: a passport list is no password list, a rule broken over a line is no value
    ("パスポート一覧の様式を整えて\n氏名 旅券番号\n（記入例）", None),
    ("パスワードは\n8文字以上にしてください、という案内を作って", None),
    ("認証が通らない。X-Api-Key: 3b1f77c2-9d0e-4a61-8c55-e2f0a9d31b7c", "3b1f77c2-9d0e-4a61-8c55-e2f0a9d31b7c"),
    # harmless: a rule about passwords, versions, model numbers, errors, file names, an example password
    ("パスワードは12文字以上で英大文字・小文字・数字・記号を混ぜること、という規程を要約して", None),
    ("パスワードを変更したら Windows11 にログインできなくなりました", None),
    ("ログインするとError0x80070005が出ます。対処法は？", None),
    ("Wi-Fi 6E対応のルーターを比較して", None),
    ("キーボードのF12キーで開発者ツールを開く手順", None),
    ("型番はRX-78-2とAB1234Cです。比較表を作って", None),
    ("新しいパスワード案を3つ考えて（例：Spring2024!）", None),
    ("ファイル名 Report_v2.xlsx と 2024/04/01 の日付を使って", None),
    ("暗証番号は4桁の数字にしてください、という注意書き", None),
    ("キーは「Ctrl+Shift+Esc」です、と手順書に書いて", None),
    ("キーワードは「DX2030」です。見出しを考えて", None),
    ("研修の日程は 4 月 1 9 日です", None),
    ('cn.Open "Provider=SQLOLEDB;Data Source=10.1.2.3;User ID=sa;"', None),
    # an English word after the keyword is the sentence going on; a sign-in pair in brackets is a secret
    ("Make a 'secret word' game with ten hints", None),
    ("Compare three password managers for the office", None),
    ("管理者アカウント（admin / Zq4-Lk8m2w）を手順書に", "Zq4-Lk8m2w"),
    # dictated character by character; a rule about what to mix is no value
    ("ぱすわーど は おおもじ の けー ひまわり びっくり マーク です", "おおもじ の けー ひまわり びっくり マーク"),
    ("パスワードは大文字と小文字を混ぜて12文字以上にすること", None),
    # a key box's number, a PIN quoted a sentence after its word, a signature in a shared link's query
    ("キーボックスはダイヤル式で、番号は5-2-9-3。朝に開けること", "5-2-9-3"),
    ("スマホの暗証番号を係で共有したい。「6142」なんだけど、どう書く？", "6142"),
    (
        "リンクを短くして https://s.example.net/f.pdf?sv=2024-01-01&sig=Zk3pQ8vR2mT5wY9bL1cN%3D",
        "Zk3pQ8vR2mT5wY9bL1cN%3D",
    ),
    # …but a bad PIN quoted as an example, and a link's ordinary query, are no values
    ("暗証番号の決め方の注意。「1234」のような番号は避けて", None),
    ("このページ https://www.example.jp/search?q=gomi&page=2 の内容を要約して", None),
    # a constant's name in code, closed by brackets, is no value
    ('requests.get(url, headers={"X-Api-Key": API_KEY}) を直して', None),
    # two-step backup codes after their name (the view may have joined two of them); a rule about them is no value
    (
        "2段階認証のバックアップコードです。\n4821 9930 / 7716 2054 / 3309 1187\n保管の説明文を",
        "4821 9930 / 7716 2054 / 3309 1187",
    ),
    ("リカバリーコード：1234-5678、2345-6789 を控えておく手順", "1234-5678、2345-6789"),
    ("バックアップコードは10個（8桁）発行されます、と説明文に", None),
    # a sign-in pair named by the words after it; a bank's account number is no combination
    ("テスト環境に root / P@ssw0rd-joho でログインできない。原因は？", "P@ssw0rd-joho"),
    ("admin / password でログインする画面の説明", None),
    ("振込先：さくら信用金庫 中央支店 普通預金 口座番号 4471208", None),
    # a recovery key whose 6-digit groups also join into identifier shapes, HTTP Basic credentials
    (
        "回復キー 310452-096713-448207-120981-557302-864210-039218-771450 を入力する画面の説明",
        "310452-096713-448207-120981-557302-864210-039218-771450",
    ),
    ("ヘッダー Authorization: Basic c2hpeWFrdXNobzpLYXdhMjAyNg== の書き方", "Basic c2hpeWFrdXNobzpLYXdhMjAyNg=="),
    ("Basic Information という英語の見出しを訳して", None),
    # round 92: a token shown after 「これ→」 or 「はこちら：」 (a JWT-like value whose payload is not JSON)
    (
        "チャネルアクセストークンがこれ→ eyJhbGciOiJIUzI1NiJ9.c2FtcGxlYm9keQ.Zm9vYmFyYmF6MTIz　で送って",
        "eyJhbGciOiJIUzI1NiJ9.c2FtcGxlYm9keQ.Zm9vYmFyYmF6MTIz",
    ),
    ("配信用トークンがこれ→ Zk81mQw2Lp0vXc7T で、curlを書いて", "Zk81mQw2Lp0vXc7T"),
    ("Wi-Fiのパスワードはこちら：Kaede#2025 の案内を", "Kaede#2025"),
]


@pytest.mark.parametrize(("text", "secret"), CASES)
def test_unlabelled_secret(gate: Gate, text: str, secret: str | None) -> None:
    decision = gate.check(Request(text=text, city="niiza", platform="test"))
    found = [text[f.start : f.end] for f in decision.findings if f.entity_type == "CREDENTIAL"]
    if secret is None:
        assert found == [], found
    else:
        assert secret in found, found
        assert secret not in decision.redacted_text
