"""Each recognizer as a table of real Japanese sentences: what it must find, and what it must not.

Rows are (sentence, entity type, exact text expected to be found). A `None` text means the
sentence must produce no finding of that type.
"""

from __future__ import annotations

import pytest

from bot.gate.gate import Gate


def found(gate: Gate, text: str, entity_type: str) -> list[str]:
    return [text[f.start : f.end] for f in gate.analyzer.analyze(text) if f.entity_type == entity_type]


CASES = [
    # マイナンバー: check digit required unless a word names the number; 4-4-4 spaced; full-width
    ("マイナンバーは123456789018です。", "JP_MY_NUMBER", "123456789018"),
    ("個人番号：1234 5678 9018", "JP_MY_NUMBER", "1234 5678 9018"),
    ("個人番号は１２３４－５６７８－９０１８です", "JP_MY_NUMBER", "１２３４－５６７８－９０１８"),
    ("受付番号 1234 5678 90123 を控えてください", "JP_MY_NUMBER", None),
    # a wrong check digit: a マイナンバー when a word names it (or its card), or the bare word 番号 stands before it
    ("マイナンバーは123456789012です。", "JP_MY_NUMBER", "123456789012"),
    ("通知カードに載っている 2468-1357-9024 を転記したい", "JP_MY_NUMBER", "2468-1357-9024"),
    ("番号：8080 1212 3434 の方への通知文", "JP_MY_NUMBER", "8080 1212 3434"),
    ("マイナカードの番号、6060・7070・8080 で合ってる？", "JP_MY_NUMBER", "6060・7070・8080"),
    ("受付番号 1234 5678 9012 の件で問い合わせ", "JP_MY_NUMBER", None),
    # 情報連携 (the linkage between offices that runs on the number) names it too
    ("情報連携で照会した結果：2468 1357 9024 所得 1,200,000円", "JP_MY_NUMBER", "2468 1357 9024"),
    ("運転免許証の番号 246813579024 の更新", "JP_MY_NUMBER", None),
    ("予約番号は 2024-1204-0001 です", "JP_MY_NUMBER", None),
    ("売上 1200 3400 5600 7800 の合計", "JP_MY_NUMBER", None),
    # a list: one named マイナンバー names the others, kanji numerals included
    (
        "職員の番号一覧：中川 一三五七九二四六八〇一二、森 三四五六七八九〇一二三四",
        "JP_MY_NUMBER",
        "一三五七九二四六八〇一二",
    ),
    # 法人番号: recognised (not masked by the gate; see test_decisions)
    ("法人番号7000012050002の事業者", "JP_CORPORATE_NUMBER", "7000012050002"),
    ("法人番号7000012050003の事業者", "JP_CORPORATE_NUMBER", None),
    # クレジットカード: Luhn, or the label カード番号 right before it (a mistyped number is still a card's)
    ("カード番号は4111111111111111です", "CREDIT_CARD", "4111111111111111"),
    ("カード 4111-1111-1111-1111 で決済", "CREDIT_CARD", "4111-1111-1111-1111"),
    ("ＡＭＥＸ　３７８２　８２２４６３　１０００５", "CREDIT_CARD", "３７８２　８２２４６３　１０００５"),
    ("カード番号は4111111111111112です", "CREDIT_CARD", "4111111111111112"),
    ("伝票番号 4111111111111112 の件", "CREDIT_CARD", None),
    # 電話番号: JP region, full-width, dash look-alikes, 050, +81
    ("電話は090-1234-5678です", "PHONE_NUMBER", "090-1234-5678"),
    ("携帯０８０ー１２３４ー５６７８まで", "PHONE_NUMBER", "０８０ー１２３４ー５６７８"),
    ("IP電話050-3123-4567にかけて", "PHONE_NUMBER", "050-3123-4567"),
    ("携帯は〇八〇の九八七六の五四三二です", "PHONE_NUMBER", "〇八〇の九八七六の五四三二"),
    ("自宅 047の345の6789 に折り返し", "PHONE_NUMBER", "047の345の6789"),
    # free-dial and navi-dial numbers are issued to businesses and offices only: nobody's own (set 44)
    ("フリーダイヤル0120-123-456", "PHONE_NUMBER", None),
    ("ナビダイヤル 0570-012-345", "PHONE_NUMBER", None),
    # 代表 right before a number: an organisation's main line, nobody's own (set 33's 「代表 0126 22 8111 広報の奥付」)
    ("代表047-366-7399（内線）", "PHONE_NUMBER", None),
    ("TEL:+81-3-1234-5678", "PHONE_NUMBER", "+81-3-1234-5678"),
    ("佐藤さん（090-1234-5678）から", "PHONE_NUMBER", "090-1234-5678"),  # the bracket is not the number
    ("電話(03)1234-5678まで", "PHONE_NUMBER", "(03)1234-5678"),
    ("令和6年度の予算は1234567円です", "PHONE_NUMBER", None),
    ("会議は2024-10-01に開催", "PHONE_NUMBER", None),
    # メールアドレス: glued to kana, full-width
    ("メールはtaro@example.jpです", "EMAIL_ADDRESS", "taro@example.jp"),
    (
        "連絡先ｈａｎａｋｏ＠ｃｉｔｙ．ｍａｔｓｕｄｏ．ｌｇ．ｊｐまで",
        "EMAIL_ADDRESS",
        "ｈａｎａｋｏ＠ｃｉｔｙ．ｍａｔｓｕｄｏ．ｌｇ．ｊｐ",
    ),
    ("@メンションで呼び出してください", "EMAIL_ADDRESS", None),
    # 郵便番号: needs 〒 or 郵便番号 or an address after it
    ("〒270-2252 千葉県松戸市", "JP_POSTAL_CODE", "〒270-2252"),
    ("郵便番号は270-2252です", "JP_POSTAL_CODE", "270-2252"),
    ("会議室は270-2252番です", "JP_POSTAL_CODE", None),
    # 生年月日: 和暦/西暦, with 生まれ/生年月日
    ("昭和45年3月2日生まれの方", "DATE_OF_BIRTH", "昭和45年3月2日"),
    ("生年月日：1985年12月31日", "DATE_OF_BIRTH", "1985年12月31日"),
    ("H2.4.1生", "DATE_OF_BIRTH", "H2.4.1"),
    ("令和6年4月1日から施行する", "DATE_OF_BIRTH", None),
    ("受験資格：平成9年4月2日以降に生まれた人", "DATE_OF_BIRTH", None),
    ("平成9年4月1日以前に生まれた方は対象外", "DATE_OF_BIRTH", None),
    # a roster pasted from a spreadsheet or written as a Markdown table: the column's header says it
    ("No\t氏名\t生年月日\t地区\n1\t森 花\t1971/05/30\t東\n2\t林 光\t1969/12/01\t西", "DATE_OF_BIRTH", "1969/12/01"),
    ("| 名前 | 誕生日 |\n|---|---|\n| 森 | 2015/03/09 |", "DATE_OF_BIRTH", "2015/03/09"),
    ("回\t開催日\t会場\n1\t2025/05/30\t本庁舎\n2\t2025/06/27\t支所", "DATE_OF_BIRTH", None),
    # 口座番号: 7 digits with 口座/普通/支店
    ("振込先は○○銀行△△支店 普通 1234567 です", "JP_BANK_ACCOUNT", "1234567"),
    ("口座番号：７６５４３２１", "JP_BANK_ACCOUNT", "７６５４３２１"),
    ("人口は1234567人です", "JP_BANK_ACCOUNT", None),
    # 運転免許証・旅券・在留カード・被保険者・基礎年金・住民票コード
    ("運転免許証番号は123456789012です", "JP_DRIVER_LICENSE", "123456789012"),
    ("パスポート番号TK1234567", "JP_PASSPORT", "TK1234567"),
    ("在留カード番号AB12345678CDを確認", "JP_RESIDENCE_CARD", "AB12345678CD"),
    ("被保険者番号 12345678 の方", "JP_HEALTH_INSURANCE", "12345678"),
    ("基礎年金番号1234-567890", "JP_BASIC_PENSION", "1234-567890"),
    ("住民票コード12345678901", "JP_RESIDENT_CODE", "12345678901"),
    ("文書番号12345678901を参照", "JP_RESIDENT_CODE", None),
    # 住所: needs a house number; a city name alone is not an address
    ("住所は東京都新宿区西新宿２－８－１です", "LOCATION", "東京都新宿区西新宿２－８－１"),
    ("千葉県流山市平和台1丁目1番地の1に転居", "LOCATION", "千葉県流山市平和台1丁目1番地の1"),
    ("松戸市根本387番地の5 サンハイツ201号室", "LOCATION", "松戸市根本387番地の5 サンハイツ201号室"),
    ("札幌市中央区北一条西二丁目5番地3 の方", "LOCATION", "札幌市中央区北一条西二丁目5番地3"),
    ("新座市野火止12番地4号へ転居", "LOCATION", "新座市野火止12番地4号"),
    ("流山市の人口は約21万人です", "LOCATION", None),
    ("松戸市役所の3番窓口で受け付けます", "LOCATION", None),
    # 認証情報: shapes and Japanese phrasings
    ("APIキーはsk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345です", "CREDENTIAL", "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345"),
    (
        "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
        "CREDENTIAL",
        "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
    ),
    ("トークンxoxb-1234567890-abcdefghijklm", "CREDENTIAL", "xoxb-1234567890-abcdefghijklm"),
    # a value in brackets a few words after its keyword; the second of a login pair
    ("仮パスは電話番号の下4桁（5521）です", "CREDENTIAL", "5521"),
    ("アカウント情報：taro01 / Fuyu-2027 を共有", "CREDENTIAL", "Fuyu-2027"),
    ("パスワードは12文字以上（英大文字を含む）", "CREDENTIAL", None),
    ("AKIAIOSFODNN7EXAMPLEを使う", "CREDENTIAL", "AKIAIOSFODNN7EXAMPLE"),
    ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "CREDENTIAL", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
    ("AIzaSyA1234567890abcdefghijklmnopqrstuv", "CREDENTIAL", "AIzaSyA1234567890abcdefghijklmnopqrstuv"),
    ("パスワードはHogeFuga123です", "CREDENTIAL", "HogeFuga123"),
    ("PW: p@ssw0rd!", "CREDENTIAL", "p@ssw0rd!"),
    ("暗証番号は4321", "CREDENTIAL", "4321"),
    ("パスワードは8文字以上にしてください", "CREDENTIAL", None),
    ("パスワードを忘れた場合の手続を案内する文を作って", "CREDENTIAL", None),
    # 氏名: tags, honorifics, roles, titles; not places, organisations or role words
    ("申請者の佐藤花子さんから電話がありました", "PERSON", "佐藤花子"),
    ("山田太郎様宛ての通知文", "PERSON", "山田太郎"),
    ("ジョン・スミス氏が来庁", "PERSON", "ジョン・スミス"),
    ("相談者：鈴木一郎", "PERSON", "鈴木一郎"),
    ("ヤマダ様から問い合わせ", "PERSON", "ヤマダ"),
    ("市民の皆様へのお知らせを作って", "PERSON", None),
    ("お客様対応マニュアルを要約して", "PERSON", None),
    ("松本城の観光案内を英訳して", "PERSON", None),
    ("担当者様へのメール文案", "PERSON", None),
    # a section's mailbox in a mail header (its word may also be a given name), once named the section's everywhere
    ("From: 健康推進課 <kenko@city.example.jp>\n締切を強調して", "EMAIL_ADDRESS", None),
    (
        "From: 情報政策課 ヘルプデスク <helpdesk@city.example.jp>\n問合せ：内線 3120 / helpdesk@city.example.jp",
        "EMAIL_ADDRESS",
        None,
    ),
    (
        "〇〇市 環境部 ごみ減量推進課\n電話 04-7158-1111（代表）　メール gomi-genryo@city.example.jp",
        "EMAIL_ADDRESS",
        None,
    ),
    ("共有メールボックス（koho@city.example.jp）に届いたら通知", "EMAIL_ADDRESS", None),
    ("From: 健康推進課 <kenji.ito@city.example.jp>", "EMAIL_ADDRESS", "kenji.ito@city.example.jp"),
    ("〇〇市 環境部 ごみ減量推進課\nメール yamada-t@city.example.jp", "EMAIL_ADDRESS", "yamada-t@city.example.jp"),
    # a switchboard: its extension or its label after it
    ("担当：子育て支援課 保育係（電話 04-7158-1111 内線 412）", "PHONE_NUMBER", None),
    ("If you need help, call the city office at 048-477-1111 (main line).", "PHONE_NUMBER", None),
    ("担当：佐藤（携帯 090-1234-5678 内線 12）", "PHONE_NUMBER", "090-1234-5678"),
    # placeholders and files in settings are where a secret is kept, not the secret
    ("smtp_password = <SET_IN_VAULT>", "CREDENTIAL", None),
    ("パスワードは .env に置いています", "CREDENTIAL", None),
    ('headers={"X-API-Key": API_KEY}', "CREDENTIAL", None),
    ("[12:40] 坂口: 管理者PWってわかる人いますか\n[12:41] 平田: 11111111のままだったはず", "CREDENTIAL", "11111111"),
    # a family name and its hiragana given name typed apart; people of public history are found (and left unmasked)
    ("議員　春山 ゆかり 市政報告会", "PERSON", "春山 ゆかり"),
    ("市の公式キャラ（たぬきのポン太）のポーズ", "PERSON", None),
    ("市の公式キャラの着ぐるみに入るのは まりな さん です", "PERSON", "まりな"),
    # set 33: public lines labelled after the number or by a service's name; spelt-out section mailboxes
    ("窓口 ０４‐７１５０‐２２００（市役所代表）", "PHONE_NUMBER", None),
    ("子育て相談ダイヤル 048-477-0092", "PHONE_NUMBER", None),
    ("代表電話「047-366-1111」", "PHONE_NUMBER", None),
    ("自宅 047-366-1234（代表者：佐藤）", "PHONE_NUMBER", "047-366-1234"),
    ("課の共通アドレス kikaku@city.example.jp を署名に", "EMAIL_ADDRESS", None),
    ("防災メールの配信元 bousai-info@example.jp", "EMAIL_ADDRESS", None),
    # an address the text itself calls the city's (set 65); a person's address stays
    ("空メールを anzen-touroku@example.jp に送信（※これは市の登録用アドレスです）", "EMAIL_ADDRESS", None),
    ("鈴木さんの mika.suzuki@example.jp（市の職員です）に送って", "EMAIL_ADDRESS", "mika.suzuki@example.jp"),
    ("your.name@example.jp ←ここは各自", "EMAIL_ADDRESS", None),
    ("〒068-8686 の市役所あて", "JP_POSTAL_CODE", None),
    ("口座番号は 0000000（記入例）", "JP_BANK_ACCOUNT", None),
    ("部数 三百", "PERSON", None),
    ("金庫のダイヤル、右に三十二・左に十五・右に七十", "CREDENTIAL", "右に三十二・左に十五・右に七十"),
    ("VPNのパス、B7 q9 Lx 2w（スペースは無し）", "CREDENTIAL", "B7 q9 Lx 2w"),
    # after a comma, a word without digits that a particle follows is the next item of a list
    ("パスワード、Wi-Fiの設定も教えて", "CREDENTIAL", None),
    ("ID、パスワード、PINの管理方法を教えて", "CREDENTIAL", None),
    ("パスワード、Tokyo2024です", "CREDENTIAL", "Tokyo2024"),
    ("パスワード「ゼット・ケー・ナナ・シャープ・エム」", "CREDENTIAL", "ゼット・ケー・ナナ・シャープ・エム"),
    ("〇〇川・〇〇堀の水害の年表", "PERSON", None),
    # a disease named after the doctor who described it is no person; the same name with さん is one
    ("レビー小体型とアルツハイマー型の違いを表に", "PERSON", None),
    ("パーキンソン病の家族会の案内", "PERSON", None),
    ("ハンチントンさんから電話がありました", "PERSON", "ハンチントン"),
    ("マンセル値の読み方をやさしく", "PERSON", None),
    ("ハウツー本の購入は充当できるか", "PERSON", None),
    # a surname one space before the given name, after a clause (上野 read as the place there), and 係長 cut in two
    ("ページに載せる、上野 隆係長の似顔絵を描いて", "PERSON", "上野 隆"),
    ("紹介ページに載せる、中野 誠係長の写真を選んで", "PERSON", "中野 誠"),
    ("半沢直樹みたいな決め台詞入りで作って", "PERSON", None),
    ("撮影当日はモデルさんに段取りを説明します", "PERSON", None),
    # a city's rule and its section number are no address
    ("松戸市ルール6-4の解説を例にして説明して", "LOCATION", None),
    # a password after a user name, or marked 新 when it was changed
    ("管理者パスワード、たしか admin / Fd119-Honbu2024 だったはず", "CREDENTIAL", "Fd119-Honbu2024"),
    ("パスワードを今日変更しました（新：Tz8@kq41Fw）", "CREDENTIAL", "Tz8@kq41Fw"),
    ("パスワードの桁数は最低8桁（新：12桁）になります", "CREDENTIAL", None),
    (
        "Instagramのトークン IGQVJXa8d2ZAbC9kR1pLTm9xUVZA2YjN5cFRhd0lQ を更新",
        "CREDENTIAL",
        "IGQVJXa8d2ZAbC9kR1pLTm9xUVZA2YjN5cFRhd0lQ",
    ),
    (
        "merchant_id=FN1234、secret_key=5d0c3a9e7b1f4862ad37e0b9c4f1a2d8 で接続",
        "CREDENTIAL",
        "5d0c3a9e7b1f4862ad37e0b9c4f1a2d8",
    ),
    ("private_key: Zq8vT3mK9pL2xW7r を設定", "CREDENTIAL", "Zq8vT3mK9pL2xW7r"),
    # round 86: a meeting's host key; another number named before twelve digits (the same digits again included);
    # a city's own account; a facility's line in English; initials before a surname; known names inside a phrase
    ("Zoomのホストキーが 483920 なので代理でホストになる手順", "CREDENTIAL", "483920"),
    ("伝票番号「202504010087」のような12桁の番号を「2025-0401-0087」と表示したい", "JP_MY_NUMBER", None),
    ("扶養親族の番号 202504010087 を台帳に", "JP_MY_NUMBER", "202504010087"),
    ("振込先 ○○銀行 本店 普通 7654321 口座名義 ○○市会計管理者", "JP_BANK_ACCOUNT", None),
    ("返金先 ○○銀行 本店 普通 7654321 口座名義 ヤマダタロウ", "JP_BANK_ACCOUNT", "7654321"),
    ("Central Library 04-7159-1000, Sakura Hall 04-7159-2000", "PERSON", None),
    ("Central Library 04-7159-1000, Sakura Hall 04-7159-2000", "PHONE_NUMBER", None),
    ("Please write a short piece in the style of J.K. Rowling about recycling.", "PERSON", "J.K. Rowling"),
    ("A poem as J. R. R. Tolkien might write it", "PERSON", "J. R. R. Tolkien"),
    ("The U.S. Army band and the A.I. Policy office", "PERSON", None),
    ("Invite Maria Santos to the event", "PERSON", "Maria Santos"),
]


@pytest.mark.parametrize(("text", "entity_type", "expected"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_recognizer_table(gate: Gate, text: str, entity_type: str, expected: str | None) -> None:
    spans = found(gate, text, entity_type)
    if expected is None:
        assert spans == []
    else:
        assert expected in spans, f"{entity_type}: {spans!r} in {text!r}"
