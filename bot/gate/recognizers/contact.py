"""電話番号 and メールアドレス."""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.gate.recognizers.base import JapanesePatternRecognizer
from bot.gate.recognizers.names import romaji_names

_LETTERS = re.compile(r"[A-Za-z]")
# A city office's published number (代表, 窓口, a 課's line in a notice) is not personal data. It is
# recognised by what stands right before it: the office, then at most a 代表/電話/窓口 label. A bare
# 代表 (whose?) is not enough.
_OFFICE = (
    r"(?:市役所|区役所|町役場|村役場|役所|役場|庁舎|本庁|支所|出張所|行政センター|市民センター|保健所|保健センター"
    r"|[^\s、。：:（）()]{1,10}(?:課|係|担当室|推進室|センター|事務所|事務局|窓口|公民館|図書館|体育館|局|案内所|診療所|署|委員会|[^\s、。]室|学校|本部"
    # bodies the city runs or funds (国際交流協会, 社会福祉協議会, 体育協会): their published line
    r"|協会|協議会|連盟))"
)
_LABEL = (
    r"(?:代表電話|代表番号|代表|電話番号|電話|TEL|Tel|tel|窓口|直通|問い?合わせ先?|お問い?合わせ先?"
    r"|[^\s、。]{0,6}(?:専用線|専用電話|ダイヤル|ホットライン|受付))"
)
_PUBLIC_BEFORE = re.compile(  # the office, where it is (保険年金課　1階　直通 …), then at most a label
    rf"{_OFFICE}(?:[ 　]+[^\s、。：:（）()]{{1,10}}(?:係|担当|グループ|班))?"  # 商工振興課 商品券担当 電話 …
    rf"(?:の|へ|に|まで|です)?[ 　]*(?:(?:[0-9]{{1,2}}階|[0-9]{{1,2}}F|別館|本館|新館|地下[0-9]階)[ 　]*)?"
    rf"[（(]?[ 　]*"
    rf"(?:{_LABEL}[ 　]*)*[）)]?[ 　]*(?:は)?[:：]?[ 　]*[（(]?[ 　]*$"
)
# 代表電話 / 代表番号 right before the number, or （代表） in brackets: an organisation's main line, never a person's.
_MAIN_LINE_LABEL = re.compile(
    r"(?:代表(?:電話|番号)(?:番号)?|(?<![者\w])代表)[ 　]*[（(「『]?[ 　]*(?:は)?[:：]?[ 　]*[（(「『]?[ 　]*$"
    r"|[（(][ 　]*(?:代表|代表電話|代表番号)[ 　]*[）)][ 　]*[:：]?[ 　]*$"
)
# A service line named right before its number (子育て相談ダイヤル 048-…, 救急安心電話): nobody's own line.
_SERVICE_LINE_BEFORE = re.compile(
    r"(?:相談|受付|案内|予約|救急|安心|コール)[^\s、。]{0,6}(?:ダイヤル|専用線|専用電話|センター|ホットライン|電話)"
    r"[ 　]*[:：「]?[ 　]*$"
    # a desk's reception line named before its number in brackets (夜間・休日の漏水受付（048-…、24時間）)
    r"|[^\s、。]{1,8}受付[ 　]*[（(:：][ 　]*$"
)
# An office's line in English (City Hall 2F, phone …; Citizens Division, tel: …; main line 04-…).
_PUBLIC_BEFORE_EN = re.compile(
    r"(?i:(?:city hall|town hall|division|section|department|office)[^.\n]{0,25}(?:phone|tel)\.?:?\s*$"
    r"|(?:call|contact|phone|reach)\s+(?:the\s+)?(?:city|town|ward|village)\s+(?:office|hall)\s+(?:at|on)\s*$"
    r"|(?:main (?:line|number|phone number)|switchboard|general (?:line|inquiries|enquiries))\s*:?\s*$"
    # a facility's line in a list (Central Library 04-…, City Gymnasium: 04-…)
    r"|\b(?:library|hall|gymnasium|gym|museum|cent(?:er|re)|office|pool|stadium|arena|plaza|clinic|division|section"
    r"|department|desk|counter)\s*[:,]?\s*(?:(?:phone|tel)\.?\s*:?\s*)?$)"
)
# Our desk's details listed before its line, read on the wider stretch of the line (Include our consultation desk
# hours (Mon–Fri 9:00–17:00) and phone (047-…)).
_OUR_DESK_LINE_EN = re.compile(
    r"(?i:\bour (?:consultation |help |information |service )?(?:desk|office|cent(?:er|re)|counter)\b[^.\n]{0,60}"
    r"\b(?:phone|tel|number)\.?\s*[:(]?\s*$)"
)
# What follows an office's main line: its extension (04-7158-1111 内線 412) or its label ((代表), (main line)).
_MAIN_LINE_AFTER = re.compile(
    r"[ 　]*(?:[（(][ 　]*(?:[^\s（）()、。]{0,8}(?:役所|役場|庁舎|課|局|センター))?(?:代表|代表電話|代表番号"
    r"|(?i:main(?: line| number)?|switchboard))[ 　]*[）)]"
    r"|[（(]?[ 　]*(?:内線|(?i:ext\.?))[ 　]*[:：]?[ 　]*[0-9])"
)
# （電話 04-7158-1111 代表）: the label after the number, inside the bracket that holds both (read only when no
# person's word stands before the number)
_MAIN_LINE_LABEL_AFTER = re.compile(r"[ 　]+(?:代表|代表電話|代表番号)[ 　]*[）)]")
_OFFICE_AFTER = re.compile(rf"[ 　]*[（(][ 　]*{_OFFICE}[ 　]*[）)]")
_OFFICE_MAIN_LINE = re.compile(rf"{_OFFICE}(?:の)?(?:代表電話|代表番号|代表|窓口)")
_OFFICE_CONTACT = re.compile(rf"(?:{_OFFICE}|課|係|窓口)(?:の)?(?:代表)?(?:お?問い?合わせ先?|連絡先|メール|アドレス)")
_LINE_LABEL_BEFORE = re.compile(r"(?:直通|電話|TEL|Tel|tel|代表)(?:番号)?[ 　]*[:：]?[ 　]*$")
# An office's own address asked about or written in a notice (市役所本庁舎の所在地, 〇〇課の住所).
OFFICE_ADDRESS_BEFORE = re.compile(rf"{_OFFICE}(?:本庁舎|庁舎|本館|別館)?(?:の)?(?:所在地|住所)")
_FAX_LABEL_BEFORE = re.compile(r"(?:FAX|Fax|fax|ファクス|ファックス)(?:番号)?[ 　]*[:：]?[ 　]*$")
_OFFICE_NAMED = re.compile(r"(?:市|県|町|村|区)?の?(?:担当)?課|役所|役場|庁舎|センター|事務所")
# What may stand between an office's public number and the next number of the same office on its line: its fax,
# perhaps after the line's label and an extension (（直通）　内線 3312　FAX …), or the section's direct line listed
# right after its switchboard (代表 04-…、直通 04-…)
_LINE_AFTER_PUBLIC = re.compile(
    r"(?:[ 　]*[（(]?(?:直通|代表)[）)]?)?(?:[ 　]*内線[ 　]*[:：]?[ 　]*[0-9]{2,5})?"
    r"[ 　]*[/／、,]?[ 　]*(?:FAX|Fax|fax|ファクス|ファックス)[ 　]*[:：]?[ 　]*$"
    r"|[ 　]*[、,／/][ 　]*直通[ 　]*[:：]?[ 　]*"
)
# 人事課給与係（内線2314／直通 0126-23-4111）: a section's direct line written after its extension
_SECTION_EXTENSION_BEFORE = re.compile(
    r"(?:課|係|室|担当|センター|窓口)[^\n（()]{0,12}[（(][ 　]*内線[ 　]*[:：]?[ 　]*[0-9]{2,5}[ 　]*[/／、,・][ 　]*"
    r"(?:直通|代表|電話|TEL|Tel|tel)[ 　]*[:：]?[ 　]*$"
)
# Words that tie a number to a person: never a public number then.
# 担当: before a person's name (担当：佐藤), not before a section's (担当：子育て支援課 保育係).
_PERSONAL = re.compile(
    r"携帯|自宅|個人|私用|担当者?[:：\s](?![ 　]*[^\s、。]{1,12}(?:課|係|室|班|センター)(?:[ 　（(]|$))"
    r"(?![ 　]*(?:電話|TEL|Tel|tel|FAX|Fax|fax|内線|直通|代表))"
    r"|(?<!お客)(?<!皆)様|(?<!お客)さん|氏(?!名)|くん|ちゃん|本人|家族|緊急連絡先"  # not お客様センター, 皆様
)
_MOBILE = re.compile(r"(?:\+?81[\s\-]?|0)[789]0")
# A number written as a form's example (例：0471581111, 記入例) or as the shape to convert to (04-7158-1111 の形に).
_EXAMPLE_BEFORE = re.compile(r"(?:^|[（(『「\s、,。])(?:例|記入例|入力例)[）):：][ \u3000]*$")
_SHAPE_AFTER = re.compile(r"[ \u3000]*(?:の形(?:式)?に|の形式で|みたいな形|のような形|の書式)")
# Free-dial and navi-dial numbers (0120, 0800, 0570, 0180) are issued to businesses and offices, never to a person.
_SERVICE_NUMBER = re.compile(r"\(?(?:0120|0800|0570|0180)")
# … when a label says what line it is (フリーダイヤル, 相談ダイヤル, 問い合わせは): a bare 0120 number after 携帯 or
# in a message to call back is written as somebody's and stays masked.
_SERVICE_LABEL_BEFORE = re.compile(
    r"(?:フリーダイヤル|フリーコール|ナビダイヤル|通話料無料|ダイヤル|問い?合わせ|相談|受付|窓口|コールセンター"
    r"|ホットライン|(?i:toll[- ]?free|freephone|free ?dial|hotline))[^\n]{0,8}$"
)
# Role mailboxes an office publishes (RFC 2142's and the ones Japanese cities use).
# A sender that takes no replies: nobody's mailbox, wherever it stands.
_NO_REPLY = frozenset({"noreply", "no-reply"})
# A template's stand-in for the sender's own address (your.name@…, firstname.lastname@…, xxxx@…).
_PLACEHOLDER_LOCAL = re.compile(
    r"(?:your|my|first|last|given|family|sur)[._\-]?(?:name|address|mail)(?:[._\-](?:name|surname|lastname))?"
    r"|(?:firstname|name)[._\-](?:lastname|surname)|x{3,}|○+|sample|dummy|example"
)
_ROLE_LOCAL_PARTS = frozenset(
    {
        "info",
        *_NO_REPLY,
        "contact",
        "webmaster",
        "postmaster",
        "press",
        "kouhou",
        "koho",
        "kouhouka",
        "kohoka",
        "soumu",
        "somu",
        "toiawase",
        "otoiawase",
        "support",
        "office",
        "daihyo",
        "daihyou",
        "madoguchi",
        "jimukyoku",
        "web",
        "alert",
        "alerts",
        "helpdesk",
        "security",
    }
)
_SHARED_MAILBOX = (
    r"(?:共有|共通|共用|代表)(?:の)?(?:メールボックス|メールアドレス|アドレス|メール|メアド)"
    r"|(?:配信元|送信元)(?:アドレス)?|(?:ご)?意見箱の(?:メール)?アドレス"
)
_SHARED_RIGHT_BEFORE = re.compile(rf"(?:{_SHARED_MAILBOX})[ 　]*(?:は|[:：<＜(（])?[ 　]*$")
_PUBLIC_MAIL_BEFORE = re.compile(
    rf"(?:{_OFFICE}|代表|公式|{_SHARED_MAILBOX})[^。\n]{{0,12}}(?:メール|アドレス|E-?mail|mail)?[^。\n]{{0,6}}$"
)
# A mail that the text calls suspicious: its sender's role address (support@…) is a scammer's, nobody's own.
_SUSPICIOUS_MAIL = re.compile(
    r"怪しい|あやしい|不審な?|フィッシング|詐欺|迷惑メール|なりすまし|(?i:phishing|spam|scam)"
)
# A city's or a prefecture's own domain (city.….lg.jp, city-nagareyama.…, pref.…): a mailbox there named by a section's
# word (kikaku, kokusai, johosys) is the section's; a name (yamada-t, taro.yamada) stays somebody's.
_MUNICIPAL_DOMAIN = re.compile(r"(?:^|[.-])(?:city|town|vill|pref)(?:[.-]|$)|\.lg\.jp$")
# An organisation named in English before its mailbox (From: International Association <info@…>)
_ORGANISATION_BEFORE_EN = re.compile(
    r"(?i:\b(?:association|office|center|centre|committee|council|department|division|city hall|foundation"
    r"|desk|help ?desk|service desk)\b)"
    r"[^\n]{0,4}[<＜(（]?[ 　]*$"
)
# A section's own mailbox named right before a one-word address (課のメール kosodate@…, 情報システム課 <info-sys@…>):
# the section's, whatever word it took for its local part. A dotted local part (taro.yamada@) stays somebody's.
_SECTION_MAILBOX_BEFORE = re.compile(
    rf"(?:{_OFFICE}|{_SHARED_MAILBOX}|(?:課|係|室|部署|所属|窓口|担当)の?(?:共有|代表)?)(?:の)?[ 　]*"
    r"(?:メール|メアド|アドレス|E-?mail|mail)?"
    r"(?:アドレス)?[ 　]*(?:は)?[:：<＜(（]?[ 　]*$"
)
# A mail header's sender named as a section, perhaps with its desk (From: 健康推進課 <kenko@…>, 情報政策課 ヘルプデスク
# <helpdesk@…>): the section's mailbox, even when its word is also somebody's given name.
_SECTION_SENDER_BEFORE = re.compile(
    rf"{_OFFICE}(?:[ 　]+(?:[ァ-ヶー]{{2,12}}|[^\s<＜(（]{{1,10}}(?:係|担当|グループ|チーム|デスク|窓口)))?"
    r"[ 　]*[<＜][ 　]*$"
)
# A line that opens with a section and goes on with its own contact fields before the mailbox.
_SECTION_LINE_BEFORE = re.compile(
    rf"^[ 　]*{_OFFICE}(?:[ 　]+[^\s]{{1,10}}(?:係|担当|グループ))?[ 　]+(?:電話|TEL|Tel|tel|代表)[^\n]{{0,50}}?"
    r"(?:メール|メアド|E-?mail|mail)[ 　]*[:：]?[ 　]*$"
)
_SECTION_MAILBOX_EN = re.compile(
    r"(?i:contact (?:block|details|information|info)|inquiries|enquiries)[^\n]{0,60}"
    r"(?i:office|division|section|department|cent(?:er|re)|desk)\b[^\n]{0,100}$"
)
# … or called the city's own address just after it, on its line (…@example.jp に送信。（※これは市の登録用アドレスです）)
_PUBLIC_MAIL_AFTER = re.compile(
    r"[^\n]{0,16}?[（(]?[ 　]*※?[ 　]*(?:これは|こちらは|この(?:メール)?アドレスは)?"
    r"(?:市|町|村|区|県|当課|課|窓口|役所|市役所)の"
    r"(?:登録用|受付用|申込用|申し込み用|問い合わせ用|お問い合わせ用|代表|公式|共有|配信用)(?:の)?(?:メール)?アドレス"
)
_PERSONAL_EN = re.compile(r"(?i:\b(?:mr|ms|mrs|dr|his|her|personal|private|mobile|cell|home)\b)")


# A city office by its building (not a division: 福祉課の佐藤さんの住所 is a person's), named on the line before a
# number or an address that is the office's own (松戸市役所 〒271-8588 松戸市根本387-5 電話047-366-1111).
_OFFICE_BUILDING = re.compile(
    r"(?:市役所|区役所|町役場|村役場|役場|市庁舎|本庁舎|行政センター|市民センター|保健センター|公民館|図書館|体育館"
    r"|支所|出張所|センター|管理事務所|プール|会館|斎場|浄水場|児童館|消防署|集会所"
    r"|分館|分室|美術館|博物館|資料館|記念館|学校|幼稚園|保育園|保育所|こども園|郵便局|交番|清掃工場"
    # water and other works, a car park, bodies the city runs with others (市観光協会, 商工会議所, 社会福祉協議会)
    r"|配水池|配水場|浄水場|取水場|給水所|給水拠点|ポンプ場|処理場|駐車場|道の駅|観光案内所|観光協会|商工会議所|商工会|社会福祉協議会"
    r"|サービスコーナー|コーナー"
    # any hall that ends its name (ふれあい館, 武道館; not 館野, a surname), parks and grounds, a facility's building
    r"|館(?![一-龥ぁ-んァ-ヶ])|公園|緑地|管理棟|ホール|広場|運動場|競技場|野球場|プラザ)"
)
# An organisation named on a line of its own at the head of a contact block (株式会社〇〇 総務部 / 〒… / 代表 …), or a
# notice's 「問い合わせ先 環境保全課 河川美化担当」 line.
_ORGANISATION = re.compile(
    r"(?:株式会社|有限会社|合同会社|(?:一般|公益)?(?:社団|財団)法人|社会福祉法人|NPO法人|特定非営利活動法人)"
    r"|お?問い?合わせ先?[ \u3000:：]*[^\n]{0,30}(?:課|係|担当|室|センター)"
    # a line of department names only (〇〇市 経済振興部 農政課 農地活用担当), as under a notice's 問い合わせ先
    # (B）子育て支援課 保育係　電話：04-… as one option of several: the line may go on with the section's line)
    r"|^[ \u3000]*(?:[A-Za-z0-9][）)][ \u3000]*)?(?:[^\s、。]{1,8}[市町村区都道府県][ \u3000]+)?"
    r"(?:[^\s、。]{1,10}(?:部|局)[ \u3000]*)?"
    r"[^\s、。]{1,12}(?:課|係|担当|室)"
    r"(?:[ \u3000]+[^\s、。]{1,12}(?:係|担当|グループ))?[ \u3000]*(?:(?:電話|TEL|Tel|tel|代表|直通)[^\n]*)?$"
    r"|[^\s、。]{1,20}(?:株式会社|有限会社|協同組合|組合|協会|工業|商事|建設|銀行|信用金庫)"
)
_BLOCK_LINES = 4  # lines above the value in which the office's or company's name may stand
# What a line of a contact block may say before its value: a label, nothing else (a name before an address makes
# it that person's).
_CONTACT_LABEL = (
    r"[ \u3000]*(?:(?:〒|TEL|Tel|tel|FAX|Fax|fax|電話(?:番号)?|代表(?:電話|番号)?|直通|E-?mail|e-?mail|Mail|mail"
    r"|メール(?:アドレス)?|URL|所在地|住所|受付)[ \u3000]*[:：]?[ \u3000]*)?"
)
# Before the value on its own line: a label, and for an address the postal code (〒100-0001 東京都…).
_LINE_PREFIX = re.compile(_CONTACT_LABEL + r"(?:〒?[ \u3000]?[0-9０-９]{3}[-－]?[0-9０-９]{4}[ \u3000]*)?")
# … or the line's other contact fields first (電話 04-7158-1111（代表）　メール gomi-genryo@…).
_CONTACT_FIELDS_BEFORE = re.compile(
    r"(?:"
    + _CONTACT_LABEL
    + r"[0-9０-９\-－ 　]{6,}(?:[（(](?:代表|内線[ 　0-9]*)[）)])?[ 　/／、,]*)+"
    + _CONTACT_LABEL
)
_CONTACT_LINE = re.compile(_CONTACT_LABEL + r"(?:[〒0-9０-９(（+]|[A-Za-z0-9._%+\-]+@|https?://|〇〇|○○)")
# Beside _PERSONAL, words between the office and the value that make it somebody's (市役所の近くに住む佐藤さん).
_NEAR_THE_OFFICE = re.compile(r"住む|住ん|在住|近く|隣|向かい|方の|宅|私")


def office_named_before(text: str, start: int, width: int = 60) -> bool:
    """An office's building named earlier on the line, or heading the contact block a few lines above
    (〇〇市役所 環境課 / 代表電話 … / 〒… 〇〇市幸町1丁目1番地; 株式会社サンプル工業 総務部 / 〒… / 代表 …),
    and nothing personal between it and the value."""
    before = before_on_line(text, start, width=width)
    ends = [m.end() for m in _OFFICE_BUILDING.finditer(before)]
    if ends:
        return not _somebodys(before[ends[-1] :])
    block_start = text.rfind("\n", 0, start)
    if block_start < 0 or not (_LINE_PREFIX.fullmatch(before) or _CONTACT_FIELDS_BEFORE.fullmatch(before)):
        return False
    for _ in range(_BLOCK_LINES):
        line_start = text.rfind("\n", 0, block_start) + 1
        line = text[line_start:block_start]
        if not line.strip():
            return False  # a blank line ends the block
        heads = [m.end() for m in _OFFICE_BUILDING.finditer(line)] + [m.end() for m in _ORGANISATION.finditer(line)]
        if heads and len(line.strip()) <= 40:
            head_end = line_start + max(heads)
            return not (_somebodys(text[head_end:start]) or personal_block(text[head_end : _block_end(text, start)]))
        if not _CONTACT_LINE.match(line):
            return False  # only contact lines (〒…, 代表 …, info@…) may stand between the head and the value
        if line_start == 0:
            return False
        block_start = line_start - 1
    return False


def _somebodys(between: str) -> bool:
    """What stands between an office's name and a value makes the value a person's (様, 携帯, 近くに住む …)."""
    return bool(_PERSONAL.search(between) or _NEAR_THE_OFFICE.search(between))


def _block_end(text: str, start: int) -> int:
    """The end of the contact block a value stands in: the next blank line, or a few lines on."""
    end = start
    for _ in range(_BLOCK_LINES + 2):
        nxt = text.find("\n", end + 1)
        if nxt < 0:
            return len(text)
        if not text[end + 1 : nxt].strip():
            return end
        end = nxt
    return end


# A table of places: its header row names the place (施設名, 名称, 避難所名 …) and no person (氏名, 世帯主 …).
_PLACE_COLUMN = re.compile(
    r"(?:^|[,\t])[ 　]*(?:施設名?|名称|施設の名称|避難所名?|学校名|会館名|事業所名|投票所名?|設置場所|店舗名|商号)"
    r"[ 　]*(?:[,\t]|$)"
)
_TABLE_LINES = 40  # rows looked up for the header


def row_of_places(text: str, start: int) -> bool:
    """The address is a cell of a pasted table (CSV or tab-separated) whose header row names places, not people."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if "\t" not in line and "," not in line:
        return False
    at = line_start - 1
    for _ in range(_TABLE_LINES):
        if at < 0:
            return False
        head_start = text.rfind("\n", 0, at) + 1
        head = text[head_start:at]
        if not head.strip():
            return False  # a blank line: the table began without a header
        if _PLACE_COLUMN.search(head):
            return not personal_block(head + "\n" + line)
        at = head_start - 1
    return False


_MAIL_LOCAL = re.compile(r"([A-Za-z0-9._%+\-]+)\s*(?:@|[(（\[]\s*at\s*[)）\]]|アットマーク)", re.IGNORECASE)


_SECTION_WORD_LOCAL = re.compile(r"[a-z]{2,20}(?:-[a-z]{2,10}){0,2}")
_PERSON_FIELD = re.compile(r"氏名|名前|生年月日|相談者|申請者|本人|世帯主|利用者")


def personal_block(block: str) -> bool:
    """A signature is a person's when any line of it is (携帯: …, ichiro.tanaka@…), not only the line before."""
    if _PERSONAL.search(block) or _PERSON_FIELD.search(block):
        return True
    # ichiro.tanaka@, t-yamada@, tanaka01@: a person's mailbox; keiyaku@, kosodate@ (one word): the section's
    locals_ = [m.group(1) for m in _MAIL_LOCAL.finditer(block)]
    return any(local.lower() not in _ROLE_LOCAL_PARTS and not _section_word(local) for local in locals_)


def _section_word(local: str) -> bool:
    """keiyaku, kosodate, info-sys: a section's mailbox; tanaka, yamada-t, taro.yamada: a known name, somebody's."""
    if not _SECTION_WORD_LOCAL.fullmatch(local):
        return False
    parts = local.lower().split("-")
    if not any(part in romaji_names() for part in parts):
        return True
    # yamada-t, taro-yamada: somebody's; gomi-genryo (a surname's letters, then a word that is no name): the section's
    return not all(part in romaji_names() or len(part) <= 2 for part in parts)


def before_on_line(text: str, start: int, width: int = 40) -> str:
    """What stands before a number or an address on its line: where an office's label or a person's name is."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[max(line_start, start - width) : start]


class JapanesePhoneRecognizer(JapanesePatternRecognizer):
    """Phone numbers parsed by libphonenumber with region JP (fixed lines, 070/080/090, 050, 020, 0120,
    0570, +81). Presidio's own phone recognizer defaults to US/GB/DE… and misses 050 numbers."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = ()
    CONTEXT = ("電話", "携帯", "TEL", "Tel", "tel", "連絡先", "FAX", "ファックス", "内線", "番号")
    BASE_SCORE = 0.75
    MIN_DIGITS = 10  # a match with fewer digits is dropped (a text with fewer is not parsed at all)
    # A number glued to more digits is part of a longer number, not a phone number. Glued to
    # letters (TEL09012345678, 5678hanako) it is still masked: the safe side.
    _GLUED = re.compile(r"[0-9]")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        if sum(map(str.isdigit, text)) < self.MIN_DIGITS:  # no number below could have enough digits
            return []
        results = []
        # libphonenumber refuses numbers touching Latin letters (jp090-…); we want those masked too,
        # so it reads a copy with letters blanked out (same length, same offsets).
        searchable = _LETTERS.sub(" ", text)
        last_public_end = -1
        for match in phonenumbers.PhoneNumberMatcher(searchable, "JP", leniency=phonenumbers.Leniency.VALID):
            start, end = match.start, match.end
            # 「佐藤（090-1234-5678）」: after width normalisation the bracket is an ASCII "(" that
            # libphonenumber takes as part of the number; an unbalanced bracket is not.
            if text[start] == "(" and ")" not in text[start:end]:
                start += 1
            if text[end - 1] == ")" and "(" not in text[start:end]:
                end -= 1
            if (start > 0 and self._GLUED.match(text[start - 1])) or (end < len(text) and self._GLUED.match(text[end])):
                continue
            digits = sum(ch.isdigit() for ch in match.raw_string)
            if digits < self.MIN_DIGITS:
                continue
            if self.is_public_number(text, start, end, last_public_end):
                last_public_end = end
                continue
            score = self.CONTEXT_SCORE if self.has_context(text, start, end) else self.BASE_SCORE
            results.append(
                RecognizerResult(
                    self.ENTITY,
                    start,
                    end,
                    score,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results

    @staticmethod
    def is_public_number(text: str, start: int, end: int, last_public_end: int = -1) -> bool:
        """「市役所代表 0126-22-1111」「〇〇課（電話 048-477-1111）」: an office's line, not a person's; nor is a
        form's example (例：…, 027-000-0000) or the shape a format is to take (…を 04-7158-1111 の形に)."""
        before = before_on_line(text, start)
        digits = re.sub(r"[^0-9]", "", text[start:end])
        if digits.endswith("0000000") or _EXAMPLE_BEFORE.search(before) or _SHAPE_AFTER.match(text, end):
            return True
        if _MOBILE.match(text, start):
            return False
        if _MAIN_LINE_AFTER.match(text, end):
            return True  # 「…担当 047-…（代表）」, 04-7158-1111 内線 412: an office's switchboard
        if _SERVICE_NUMBER.match(text, start) and _SERVICE_LABEL_BEFORE.search(before):
            return True  # …緊急連絡先は…コールセンター 0120-…: a free dial's label right before it, whoever is named
        if _OFFICE_AFTER.match(text, end):
            return True  # 電話 048-…（教育相談室）: the office named in brackets right after its line (not a mobile)
        if _PERSONAL.search(before):
            return False  # a person's word before the number on its line wins over the shapes below
        if _MAIN_LINE_LABEL_AFTER.match(text, end):
            return True
        if digits.endswith("0000"):
            return True  # 047-366-0000: a landline left as a placeholder, or a business's main line
        if last_public_end >= 0 and _LINE_AFTER_PUBLIC.fullmatch(text[last_public_end:start]):
            return True
        if (
            _PUBLIC_BEFORE.search(before)
            or _SECTION_EXTENSION_BEFORE.search(before)
            or _MAIN_LINE_LABEL.search(before)
            or _PUBLIC_BEFORE_EN.search(before)
            or _SERVICE_LINE_BEFORE.search(before)
        ):
            return True
        # ＦＡＸ 027-… あての送付状（宛先は県の担当課）: a fax line of the office named on the same line
        if _FAX_LABEL_BEFORE.search(before) and _OFFICE_NAMED.search(text[end : end + 60].split("\n")[0]):
            return True
        # 「新座市役所の代表電話…。番号は048-477-1111」: the office's main line named earlier in the same line, and
        # no person's name or word before the number.
        wider = before_on_line(text, start, width=70)
        if _OFFICE_MAIN_LINE.search(wider) and not _PERSONAL.search(wider):
            return True
        if _OUR_DESK_LINE_EN.search(wider) and not _PERSONAL_EN.search(wider):
            return True
        # 「子育て支援課の問い合わせ先…、課のメール … と直通 04-…」: the section's contact, its line labelled
        if _OFFICE_CONTACT.search(wider) and _LINE_LABEL_BEFORE.search(before) and not _PERSONAL.search(wider):
            return True
        if row_of_places(text, start):
            return True  # a facility's line in a pasted table of places (施設名, 住所, 代表電話)
        return office_named_before(text, start)  # 流山市役所（流山市平和台1-1-1、04-7158-1111）


class JapaneseEmailRecognizer(JapanesePatternRecognizer):
    """E-mail addresses, also glued to Japanese text (メールはtaro@example.jpです).

    The local part and domain are ASCII only, so the surrounding kana can never be swallowed.
    """

    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = (
        (
            r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
            r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z\-])",
            0.95,
        ),
    )

    def validate(self, match: re.Match[str]) -> bool:
        """A city office's role address (info@, kouhou@ … right after the office's name or 代表/公式, or after a desk
        or an organisation's English name) is published, not personal data: it stays, like the office's 代表番号; so
        does a section's one-word mailbox named as the section's (課のメール kosodate@…, 広報課 Web担当 <web@…>; an
        office's contact block in English). A role name alone (メールはinfo@…です), a city domain alone or a bare
        問い合わせは … is not enough (whose?), so such an address stays masked."""
        address = match.group()
        local = address.partition("@")[0].lower()
        if local in _NO_REPLY or _PLACEHOLDER_LOCAL.fullmatch(local):
            return False  # noreply@…; your.name@… in a template, filled in by each sender
        text = match.string
        starts = [m.start() for m in re.finditer(rf"(?<![A-Za-z0-9._%+\-]){re.escape(address)}(?![A-Za-z0-9\-])", text)]
        lines_before = [before_on_line(text, at) for at in starts]
        if any(_PERSONAL.search(b) and not _SECTION_SENDER_BEFORE.search(b) for b in lines_before):
            return True  # 山田様 <…>, but not 広報課 Web担当 <web@…>
        if any(_PUBLIC_MAIL_AFTER.match(text, at + len(address)) for at in starts):
            return False  # …@example.jp（※これは市の登録用アドレスです）: the text itself calls it the city's
        # the same address is the section's everywhere once one of its mentions says so (the header and the footer)
        domain = address.partition("@")[2].lower()
        return all(self._personal_at(text, at, local, domain) for at in starts)

    @staticmethod
    def _personal_at(text: str, start: int, local: str, domain: str) -> bool:
        """One mention of an address that no mention ties to a person (validate has looked for 様, 携帯 …)."""
        before = before_on_line(text, start)
        if local in _ROLE_LOCAL_PARTS or _ROLE_LOCAL_PARTS.intersection(local.split("-")):
            # info@ after an office, a desk or an organisation's English name (広報課 Web担当 <web@…>, From:
            # International Association <info@…>), or a compound role (it-alerts@) in a log: a desk's mailbox
            return not (
                _SUSPICIOUS_MAIL.search(text)  # support@… in a mail the employee asks about as a scam
                or _PUBLIC_MAIL_BEFORE.search(before)
                or _SECTION_SENDER_BEFORE.search(before)
                or _ORGANISATION_BEFORE_EN.search(before)
                or (local not in _ROLE_LOCAL_PARTS and "-" in local)
                or office_named_before(text, start)
            )
        if _SECTION_SENDER_BEFORE.search(before) and _SECTION_WORD_LOCAL.fullmatch(local):
            return False  # From: 健康推進課 <kenko@…>
        if _SHARED_RIGHT_BEFORE.search(before) and _SECTION_WORD_LOCAL.fullmatch(local):
            return False  # 職員課の共有アドレス kousei@…: a shared mailbox, even when its word reads like a given name
        if not _section_word(local):
            return True
        if _MUNICIPAL_DOMAIN.search(domain):
            return False  # kikaku@city-nagareyama…, johosys@…lg.jp: a section's word at a city's own domain
        if _SECTION_LINE_BEFORE.search(before_on_line(text, start, width=100)):
            return False  # 市民課 住民記録係 電話 047-…（内線2231）／メール shimin@…
        if _SECTION_MAILBOX_BEFORE.search(before) or office_named_before(text, start):
            return False  # 課のメール kosodate@…; keiyaku@… in the signature block of 〇〇市 財務部 契約課
        if _english_office_signature(text, start):
            return False  # Warm regards, / International Relations Office / City of … / international@…
        wider = before_on_line(text, start, width=200)
        return not (_SECTION_MAILBOX_EN.search(wider) and not _PERSONAL_EN.search(wider))


# A line of an English signature that names an office or a city, not a person (International Relations Office,
# City of Santa Lucia, Citizens Division)
_EN_OFFICE_LINE = re.compile(
    r"[ \t]*(?:(?:[A-Z][A-Za-z&.'-]*|of|and|for|the)[ \t]+){0,6}"
    r"(?:Office|Division|Section|Department|Cent(?:er|re)|Association|Committee|Council|Foundation|Bureau|Desk)"
    r"[ \t]*,?[ \t]*|[ \t]*(?:The )?City of [A-Z][A-Za-z .'-]{1,30}"
)


_EN_NAME_LINE = re.compile(r"[ \t]*[A-Z][a-z]+\.?(?:[ \t]+[A-Z][A-Za-z'-]+){1,2}[ \t]*")


def _english_office_signature(text: str, start: int) -> bool:
    """The address stands alone on its line under an English signature that names an office, and no line of that
    signature names a person (Mr, Ms, personal, mobile …)."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t<(:") and not re.fullmatch(
        r"[ \t]*(?i:e-?mail|mail)[ \t]*:?[ \t]*", text[line_start:start]
    ):
        return False
    lines: list[str] = []
    at = line_start - 1
    for _ in range(_BLOCK_LINES):
        if at < 0:
            break
        prev = text.rfind("\n", 0, at) + 1
        line = text[prev:at]
        if not line.strip():
            break
        lines.append(line)
        at = prev - 1
    if not any(_EN_OFFICE_LINE.fullmatch(line) for line in lines):
        return False
    # Best, / Maria Santos / International Relations Office / msantos@…: a person signs, the address is hers
    signed = any(_EN_NAME_LINE.fullmatch(line) and not _EN_OFFICE_LINE.fullmatch(line) for line in lines)
    return not (signed or any(_PERSONAL_EN.search(line) for line in lines))


# An account on a messaging or social service named as such: LINE ID は nhan_0312vn, インスタのアカウント @hana.k
_SNS_WORD = (
    r"(?:LINE|ライン|ＬＩＮＥ)[ 　]?(?:の)?(?:ID|ＩＤ|アカウント)"
    r"|(?:インスタ(?:グラム)?|Instagram|instagram)(?:の)?(?:ID|アカウント|[ 　]*(?=@))"
    r"|(?:X|Twitter|ツイッター|TikTok|Facebook|フェイスブック)(?:の)?(?:ID|アカウント)"
)
# The city's or a business's own account (市公式LINEのID, @city_example): published, nobody's personal data
_OFFICIAL_BEFORE = re.compile(r"(?:公式|(?i:official)|(?:市|町|村|区|県|課|協会)(?:の)?)[ 　]*$")
# English words that follow the service's name in a sentence (Instagram account profile, LINE ID is here)
_ENGLISH_AFTER_SERVICE = frozenset(
    {"is", "are", "here", "profile", "image", "images", "you", "your", "page", "post", "posts", "the", "and", "to"}
    | {"for", "with", "account", "accounts", "icon", "photo", "photos", "banner", "story", "stories", "link"}
)
_PLACEHOLDER_HANDLE = re.compile(r"(?i:^@?(?:xxx+|sample|example|your[_-]?id|user[_-]?id|abc|hoge|test)\w*$)")


class SnsAccountRecognizer(JapanesePatternRecognizer):
    """A resident's account on LINE, Instagram, X … (an ID after the word that names the service): contact data."""

    ENTITY = "SNS_ACCOUNT"
    PATTERNS = (
        (
            rf"(?:{_SNS_WORD})[ 　]*(?:は|が|[:：])?[ 　]*[「『\"]?"
            r"(?P<value>@?[A-Za-z0-9][A-Za-z0-9._\-]{2,29})(?![A-Za-z0-9@])",
            0.85,
        ),
    )
    VALUE_GROUP = "value"

    def validate(self, match: re.Match[str]) -> bool:
        value = match.group("value")
        if _PLACEHOLDER_HANDLE.match(value) or value.upper() in {"ID", "QR"}:
            return False
        if value.lower() in _ENGLISH_AFTER_SERVICE:
            return False  # LINE ID is here, Instagram account profile: the sentence goes on in English
        # 市公式LINEのID, 課のインスタ: the office's own account, named right before the service
        return not _OFFICIAL_BEFORE.search(match.string[max(0, match.start() - 12) : match.start()])
