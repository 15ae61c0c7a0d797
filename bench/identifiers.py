"""A generated corpus of Japanese identifiers embedded in sentences, for measuring the gate's recognizers.

Everything is drawn from one seeded `random.Random`, so a run is reproducible. Each case records where the
identifier sits in the sentence (the gold span) and, for identifiers with a check digit (マイナンバー, 法人番号,
credit cards), whether the check digit is valid: recall is measured over valid ones, and invalid ones measure
how often the gate flags a number that cannot be that identifier.

The formulas are those in ../shared/notes/japanese-pii.md.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Entity types with a check digit: invalid variants are generated for these.
CHECKED_TYPES = ("JP_MY_NUMBER", "JP_CORPORATE_NUMBER", "CREDIT_CARD")

# Characters that look like a hyphen and appear between digits in pasted Japanese text.
DASH_LOOKALIKES = ("‐", "―", "−", "ー", "－")  # U+2010, U+2015, U+2212, U+30FC, U+FF0D


# ---------------------------------------------------------------------------------------------- check digits


def my_number_check_digit(first11: str) -> int:
    """マイナンバー: weights 6,5,4,3,2,7,6,5,4,3,2 over the first 11 digits; 0 if r <= 1 else 11 - r."""
    if len(first11) != 11 or not first11.isdigit():
        raise ValueError("マイナンバーの検査用数字は11桁の数字から計算します")
    weights = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    remainder = sum(int(d) * w for d, w in zip(first11, weights, strict=True)) % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_valid_my_number(digits: str) -> bool:
    return len(digits) == 12 and digits.isdigit() and my_number_check_digit(digits[:11]) == int(digits[11])


def corporate_check_digit(last12: str) -> int:
    """法人番号: the check digit comes first; weights 1 (odd) / 2 (even) counted from the right; 9 - (sum mod 9)."""
    if len(last12) != 12 or not last12.isdigit():
        raise ValueError("法人番号の検査用数字は12桁の数字から計算します")
    total = sum(int(d) * (1 if i % 2 == 1 else 2) for i, d in enumerate(reversed(last12), start=1))
    return 9 - total % 9


def is_valid_corporate_number(digits: str) -> bool:
    return len(digits) == 13 and digits.isdigit() and corporate_check_digit(digits[1:]) == int(digits[0])


def luhn_check_digit(partial: str) -> int:
    """The Luhn digit to append to `partial` (every second digit from the right of the result is doubled)."""
    total = 0
    for i, d in enumerate(reversed(partial)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return (10 - total % 10) % 10


def is_luhn_valid(digits: str) -> bool:
    return len(digits) >= 2 and digits.isdigit() and luhn_check_digit(digits[:-1]) == int(digits[-1])


def _wrong_digit(rng: random.Random, right: int) -> int:
    return rng.choice([d for d in range(10) if d != right])


# ---------------------------------------------------------------------------------------------- text helpers


def to_fullwidth(text: str) -> str:
    """ASCII letters, digits and symbols to their full-width forms (U+FF01–FF5E); space to U+3000."""
    return "".join("\u3000" if ch == " " else chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def _digits(rng: random.Random, n: int, first_nonzero: bool = False) -> str:
    out = [str(rng.randint(1 if first_nonzero else 0, 9))]
    out += [str(rng.randint(0, 9)) for _ in range(n - 1)]
    return "".join(out)


def _group(digits: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, i = [], 0
    for size in sizes:
        parts.append(digits[i : i + size])
        i += size
    return sep.join(parts)


# ---------------------------------------------------------------------------------------------- cases


@dataclass(frozen=True, slots=True)
class GoldSpan:
    entity_type: str
    start: int
    end: int
    valid: bool = True


@dataclass(frozen=True, slots=True)
class IdentifierCase:
    text: str
    entity_type: str  # "NONE" for sentences with numbers that are not personal data
    variant: str
    spans: tuple[GoldSpan, ...]

    @property
    def valid(self) -> bool:
        return all(s.valid for s in self.spans)


def embed(template: str, value: str, entity_type: str, variant: str, valid: bool = True) -> IdentifierCase:
    """Put `value` where `{v}` is in `template` and record its span."""
    before, after = template.split("{v}")
    span = GoldSpan(entity_type, len(before), len(before) + len(value), valid)
    return IdentifierCase(before + value + after, entity_type, variant, (span,))


# Each generator returns (value as written, variant name, valid) for one draw.
Draw = tuple[str, str, bool]


def draw_my_number(rng: random.Random, valid: bool) -> Draw:
    first11 = _digits(rng, 11)
    check = my_number_check_digit(first11)
    digits = first11 + str(check if valid else _wrong_digit(rng, check))
    variant = rng.choice(["plain", "spaced", "hyphen", "fullwidth", "fullwidth-spaced"])
    value = {
        "plain": digits,
        "spaced": _group(digits, (4, 4, 4), " "),
        "hyphen": _group(digits, (4, 4, 4), "-"),
        "fullwidth": to_fullwidth(digits),
        "fullwidth-spaced": to_fullwidth(_group(digits, (4, 4, 4), " ")),
    }[variant]
    return value, variant, valid


def draw_corporate_number(rng: random.Random, valid: bool) -> Draw:
    last12 = _digits(rng, 12)
    check = corporate_check_digit(last12)
    digits = str(check if valid else _wrong_digit(rng, check)) + last12
    variant = rng.choice(["plain", "fullwidth", "invoice-T"])
    value = to_fullwidth(digits) if variant == "fullwidth" else digits  # invoice-T: the template writes the T
    return value, variant, valid


_CARD_PREFIXES = (("visa", "4", 16), ("mastercard", "5", 16), ("jcb", "35", 16), ("amex", "37", 15))


def draw_credit_card(rng: random.Random, valid: bool) -> Draw:
    brand, prefix, length = rng.choice(_CARD_PREFIXES)
    if brand == "mastercard":
        prefix = str(rng.randint(51, 55))
    elif brand == "jcb":
        prefix = str(rng.randint(3528, 3589))
    partial = prefix + _digits(rng, length - 1 - len(prefix))
    check = luhn_check_digit(partial)
    digits = partial + str(check if valid else _wrong_digit(rng, check))
    sizes = (4, 6, 5) if length == 15 else (4, 4, 4, 4)
    layout = rng.choice(["plain", "spaced", "dashed", "fullwidth"])
    value = {
        "plain": digits,
        "spaced": _group(digits, sizes, " "),
        "dashed": _group(digits, sizes, "-"),
        "fullwidth": to_fullwidth(_group(digits, sizes, "-")),
    }[layout]
    return value, f"{brand}-{layout}", valid


# (area code, digits in the local exchange part, digits in the subscriber part): 10 digits in all.
_FIXED_LINES = (
    ("03", 4, 4),
    ("06", 4, 4),
    ("011", 3, 4),
    ("045", 3, 4),
    ("047", 3, 4),
    ("048", 3, 4),
    ("027", 3, 4),
    ("052", 3, 4),
    ("092", 3, 4),
    ("0126", 2, 4),
    ("0143", 2, 4),
    ("04", 4, 4),
)


def draw_phone(rng: random.Random, valid: bool = True) -> Draw:
    kind = rng.choice(["fixed", "fixed", "mobile", "mobile", "ip050", "freedial", "intl", "paren"])
    if kind in ("fixed", "paren"):
        area, mid, last = rng.choice(_FIXED_LINES)
        groups = [area, _digits(rng, mid, first_nonzero=True), _digits(rng, last)]
        if area == "011":  # 札幌: local numbers 011-1xx, 011-4xx and 011-9xx are not assigned
            groups[1] = rng.choice("235678") + groups[1][1:]
        if area == "04":  # 流山 etc.: 04-71xx-xxxx
            groups[1] = "71" + _digits(rng, 2)
    elif kind in ("mobile", "intl"):
        groups = [rng.choice(["070", "080", "090"]), _digits(rng, 4, first_nonzero=True), _digits(rng, 4)]
    elif kind == "ip050":
        groups = ["050", _digits(rng, 4, first_nonzero=True), _digits(rng, 4)]
    else:
        groups = ["0120", _digits(rng, 3, first_nonzero=True), _digits(rng, 3)]
    if kind == "intl":
        value = "+81-" + "-".join([groups[0][1:], *groups[1:]])
    elif kind == "paren":
        value = f"{groups[0]}({groups[1]}){groups[2]}"
    else:
        value = "-".join(groups)
    styles = ["ascii", "ascii", "fullwidth"]
    if "-" in value:
        styles += ["lookalike"] + (["nodash"] if kind != "intl" else [])
    style = rng.choice(styles)
    if style == "fullwidth":
        value = to_fullwidth(value)
    elif style == "lookalike":
        value = value.replace("-", rng.choice(DASH_LOOKALIKES))
    elif style == "nodash":
        value = value.replace("-", "")
    return value, f"{kind}-{style}", True


_LOCAL_PARTS = ("taro.yamada", "hanako-s", "k.sato2020", "info", "suzuki_ichiro", "m.tanaka", "yoshida.k", "contact")
_DOMAINS = ("example.jp", "example.co.jp", "city.example.lg.jp", "mail.example.com", "example.ne.jp")


def draw_email(rng: random.Random, valid: bool = True) -> Draw:
    value = f"{rng.choice(_LOCAL_PARTS)}@{rng.choice(_DOMAINS)}"
    style = rng.choice(["ascii", "fullwidth", "upper"])
    if style == "fullwidth":
        value = to_fullwidth(value)
    elif style == "upper":
        value = value.upper()
    return value, style, True


def draw_postal_code(rng: random.Random, valid: bool = True) -> Draw:
    code = _digits(rng, 3, first_nonzero=True) + "-" + _digits(rng, 4)
    style = rng.choice(["mark", "mark-nodash", "fullwidth", "lookalike", "bare"])
    value = {
        "mark": "〒" + code,
        "mark-nodash": "〒" + code.replace("-", ""),
        "fullwidth": "〒" + to_fullwidth(code),
        "lookalike": "〒" + code.replace("-", "ー"),
        "bare": code,  # the template then says 郵便番号
    }[style]
    return value, style, True


def draw_bank_account(rng: random.Random, valid: bool = True) -> Draw:
    style = rng.choice(["ascii", "ascii", "fullwidth"])
    value = _digits(rng, 7)
    return (to_fullwidth(value) if style == "fullwidth" else value), style, True


_ERAS = (("昭和", 20, 64), ("平成", 1, 31), ("令和", 1, 6))


def draw_birth_date(rng: random.Random, valid: bool = True) -> Draw:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    style = rng.choice(["wareki", "wareki-gannen", "seireki-kanji", "seireki-slash", "seireki-hyphen", "fullwidth"])
    if style.startswith("wareki"):
        era, low, high = rng.choice(_ERAS)
        year = "元" if style == "wareki-gannen" else str(rng.randint(max(low, 2), high))
        value = f"{era}{year}年{month}月{day}日"
    elif style == "fullwidth":
        era, low, high = rng.choice(_ERAS)
        value = to_fullwidth(f"{rng.randint(max(low, 2), high)}") + "年" + to_fullwidth(f"{month}") + "月"
        value = f"{era}{value}" + to_fullwidth(f"{day}") + "日"
    else:
        year = rng.randint(1935, 2020)
        value = {
            "seireki-kanji": f"{year}年{month}月{day}日",
            "seireki-slash": f"{year}/{month:02d}/{day:02d}",
            "seireki-hyphen": f"{year}-{month:02d}-{day:02d}",
        }[style]
    return value, style, True


_SAFETY_COMMISSIONS = ("10", "11", "12", "30", "41", "45", "46", "50", "62")  # 公安委員会の番号の例


def draw_driver_license(rng: random.Random, valid: bool = True) -> Draw:
    digits = (
        rng.choice(_SAFETY_COMMISSIONS) + _digits(rng, 2) + _digits(rng, 6) + _digits(rng, 1) + str(rng.randint(0, 2))
    )
    style = rng.choice(["plain", "plain", "fullwidth"])
    return (to_fullwidth(digits) if style == "fullwidth" else digits), style, True


def draw_passport(rng: random.Random, valid: bool = True) -> Draw:
    value = rng.choice(["TK", "TR", "TZ", "MZ", "ME", "RE"]) + _digits(rng, 7)
    style = rng.choice(["ascii", "ascii", "fullwidth"])
    return (to_fullwidth(value) if style == "fullwidth" else value), style, True


def draw_residence_card(rng: random.Random, valid: bool = True) -> Draw:
    letters = string.ascii_uppercase
    value = rng.choice(letters) + rng.choice(letters) + _digits(rng, 8) + rng.choice(letters) + rng.choice(letters)
    style = rng.choice(["ascii", "ascii", "fullwidth"])
    return (to_fullwidth(value) if style == "fullwidth" else value), style, True


def draw_health_insurance(rng: random.Random, valid: bool = True) -> Draw:
    style = rng.choice(["8-digit", "8-digit", "10-digit-kaigo", "fullwidth"])
    if style == "10-digit-kaigo":
        return "00" + _digits(rng, 8), style, True
    value = _digits(rng, 8)
    return (to_fullwidth(value) if style == "fullwidth" else value), style, True


def draw_basic_pension(rng: random.Random, valid: bool = True) -> Draw:
    digits = _digits(rng, 4, first_nonzero=True) + _digits(rng, 6)
    style = rng.choice(["4-6", "4-6", "plain", "fullwidth"])
    value = {
        "4-6": _group(digits, (4, 6), "-"),
        "plain": digits,
        "fullwidth": to_fullwidth(_group(digits, (4, 6), "-")),
    }
    return value[style], style, True


def draw_resident_code(rng: random.Random, valid: bool = True) -> Draw:
    digits = _digits(rng, 11)
    style = rng.choice(["plain", "plain", "fullwidth"])
    return (to_fullwidth(digits) if style == "fullwidth" else digits), style, True


def _token(rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def draw_credential(rng: random.Random, valid: bool = True) -> Draw:
    shape = rng.choice(
        [
            "openai",
            "openai-proj",
            "anthropic",
            "slack-bot",
            "slack-user",
            "aws",
            "github",
            "github-pat",
            "google",
            "private-key",
            "jwt",
            "password-ja",
            "pw-colon",
            "pin-ja",
            "apikey-ja",
        ]
    )
    upper_digits = string.ascii_uppercase + string.digits
    value = {
        "openai": lambda: "sk-" + _token(rng, 48),
        "openai-proj": lambda: "sk-proj-" + _token(rng, 40, string.ascii_letters + string.digits + "_-"),
        "anthropic": lambda: "sk-ant-api03-" + _token(rng, 80, string.ascii_letters + string.digits + "_-") + "AA",
        "slack-bot": lambda: f"xoxb-{_digits(rng, 12, True)}-{_digits(rng, 13, True)}-{_token(rng, 24)}",
        "slack-user": lambda: f"xoxp-{_digits(rng, 12, True)}-{_digits(rng, 12, True)}-{_token(rng, 32)}",
        "aws": lambda: "AKIA" + _token(rng, 16, upper_digits),
        "github": lambda: "ghp_" + _token(rng, 36),
        "github-pat": lambda: "github_pat_" + _token(rng, 22) + "_" + _token(rng, 59),
        "google": lambda: "AIza" + _token(rng, 35, string.ascii_letters + string.digits + "_-"),
        "private-key": lambda: (
            "-----BEGIN PRIVATE KEY-----\n"
            + "\n".join(_token(rng, 64, string.ascii_letters + string.digits + "+/") for _ in range(3))
            + "\n-----END PRIVATE KEY-----"
        ),
        "jwt": lambda: (
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ"
            + _token(rng, 40, string.ascii_letters + string.digits + "_-")
            + "."
            + _token(rng, 43, string.ascii_letters + string.digits + "_-")
        ),
        "password-ja": lambda: _token(rng, 4, string.ascii_letters) + _digits(rng, 4) + rng.choice("!#$%&"),
        "pw-colon": lambda: _token(rng, 10, string.ascii_letters + string.digits + "#!"),
        "pin-ja": lambda: _digits(rng, 4),
        "apikey-ja": lambda: _token(rng, 32, string.ascii_lowercase + string.digits),
    }[shape]()
    return value, shape, True


# entity type -> (draw, sentence templates).  `{v}` is the identifier; context words are what a clerk writes.
TemplateSet = tuple[Callable[[random.Random, bool], Draw], tuple[str, ...]]

GENERATORS: dict[str, TemplateSet] = {
    "JP_MY_NUMBER": (
        draw_my_number,
        (
            "マイナンバーは{v}です。",
            "個人番号：{v}",
            "申請書の個人番号欄に{v}と記入されていました。",
            "マイナンバー {v} の方の申告内容を確認してください。",
            "扶養親族の個人番号（{v}）を転記して。",
            "本人確認書類のマイナンバーカードの番号は{v}でした。",
            "番号{v}の方の書類が届いています。",
        ),
    ),
    "JP_CORPORATE_NUMBER": (
        draw_corporate_number,
        (
            "法人番号は{v}です。",
            "法人番号{v}を台帳に転記してください。",
            "事業者（法人番号：{v}）からの見積書です。",
            "取引先の法人番号 {v} を確認して。",
        ),
    ),
    "CREDIT_CARD": (
        draw_credit_card,
        (
            "カード番号は{v}です。",
            "クレジットカード：{v}（有効期限 12/28）",
            "決済に使ったカード {v} の明細を整理して。",
            "お客様のクレジットカード番号{v}で引き落としがありました。",
            "決済番号？ {v} って書いてあるけど何の番号？",
        ),
    ),
    "PHONE_NUMBER": (
        draw_phone,
        (
            "電話番号は{v}です。",
            "連絡先：{v}",
            "携帯{v}までご連絡ください。",
            "TEL {v}",
            "日中は{v}に電話してほしいとのこと。",
            "折り返しは{v}へお願いします。",
            "緊急連絡先（{v}）を名簿に追加して。",
            "明日{v}にかけ直すとのこと。",
        ),
    ),
    "EMAIL_ADDRESS": (
        draw_email,
        (
            "メールは{v}です。",
            "連絡先メールアドレス：{v}",
            "{v}宛てに資料を送ってください。",
            "返信先は{v}でお願いします。",
            "問い合わせは{v}まで。",
        ),
    ),
    "JP_POSTAL_CODE": (
        draw_postal_code,
        (
            "{v} 埼玉県新座市野火止一丁目1番1号",
            "住所は{v}千葉県流山市平和台1丁目1番地の1です。",
            "{v}宛てに郵送してください。",
            "送付先：{v} 北海道岩見沢市鳩が丘1丁目1番1号",
        ),
    ),
    "JP_BANK_ACCOUNT": (
        draw_bank_account,
        (
            "振込先は〇〇銀行 駅前支店 普通 {v} です。",
            "口座番号：{v}（普通預金）",
            "当座預金 口座番号{v} に振り込んでください。",
            "返金先の口座は普通{v}とのこと。",
            "ゆうちょ以外の口座（支店番号123、口座番号{v}）を登録して。",
        ),
    ),
    "DATE_OF_BIRTH": (
        draw_birth_date,
        (
            "{v}生まれです。",
            "生年月日：{v}",
            "本人は{v}生。",
            "申請者の生年月日は{v}です。",
            "{v}に生まれた方が対象です。",
            "生年月日は{v}、現在無職。",
        ),
    ),
    "JP_DRIVER_LICENSE": (
        draw_driver_license,
        (
            "運転免許証番号は{v}です。",
            "免許証の番号（第{v}号）を控えてください。",
            "運転免許証 第{v}号 で本人確認しました。",
            "免許番号：{v}",
        ),
    ),
    "JP_PASSPORT": (
        draw_passport,
        (
            "旅券番号は{v}です。",
            "パスポート番号：{v}",
            "パスポート（{v}）の写しを添付します。",
            "旅券 {v} の有効期限を確認して。",
        ),
    ),
    "JP_RESIDENCE_CARD": (
        draw_residence_card,
        (
            "在留カード番号は{v}です。",
            "在留カード：{v}",
            "在留カード番号（{v}）を台帳に記入して。",
        ),
    ),
    "JP_HEALTH_INSURANCE": (
        draw_health_insurance,
        (
            "被保険者番号は{v}です。",
            "後期高齢者医療の被保険者番号：{v}",
            "介護保険の被保険者番号{v}の方の認定について。",
            "保険証の被保険者番号（{v}）を確認しました。",
        ),
    ),
    "JP_BASIC_PENSION": (
        draw_basic_pension,
        (
            "基礎年金番号は{v}です。",
            "年金手帳の基礎年金番号：{v}",
            "基礎年金番号{v}で照会してください。",
        ),
    ),
    "JP_RESIDENT_CODE": (
        draw_resident_code,
        (
            "住民票コードは{v}です。",
            "住民票コード：{v}",
            "通知された住民票コード（{v}）を入力して。",
        ),
    ),
    "CREDENTIAL": (draw_credential, ()),  # templates depend on the shape: see _credential_template
}

_CREDENTIAL_TEMPLATES = {
    "password-ja": ("パスワードは{v}です。", "ログイン用のパスワード：{v}", "仮パスワード「{v}」を伝えてください。"),
    "pw-colon": ("PW: {v}", "ID: soumu01 / PW：{v}", "pw={v} で接続できます。"),
    "pin-ja": ("暗証番号は{v}です。", "キャッシュカードの暗証番号{v}を忘れないように。"),
    "apikey-ja": ("APIキーは{v}です。", "APIキー：{v}", "このAPIキー（{v}）で接続するコードを書いて。"),
}
_TOKEN_TEMPLATES = (
    "このキー {v} で接続できません。原因を教えて。",
    "設定ファイルに{v}と書いてあります。",
    "トークン：{v}",
    "環境変数に {v} を設定したのに動きません。",
)


def _credential_template(rng: random.Random, shape: str) -> str:
    if shape == "private-key":
        return rng.choice(
            ("この秘密鍵で署名するコードを書いて。\n{v}", "鍵ファイルの中身です：\n{v}\nどこが壊れていますか。")
        )
    return rng.choice(_CREDENTIAL_TEMPLATES.get(shape, _TOKEN_TEMPLATES))


# Sentences with numbers that are not personal data: every finding on them is a false positive.
NEGATIVES: tuple[str, ...] = (
    "令和7年度の一般会計予算は612億3,400万円です。",
    "文書番号 7総第1234号 の決裁をお願いします。",
    "会議は2025年4月1日 10:00-12:00 に開催します。",
    "人口は119,100人、世帯数は55,900世帯です。",
    "請求書番号 2025-000123 の支払処理を進めてください。",
    "第3次総合計画（2021-2030）の中間見直しについて。",
    "ISBN 978-4-12-345678-9 の図書を購入してください。",
    "受付件数は前年比12.5%増の3,456件でした。",
    "令和6年度末の市債残高は1,234,567千円です。",
    "会場の収容人数は300名、駐車場は120台です。",
    "延長コードは10m、差込口は4口のものを3本購入予定です。",
    "議案第25号から第31号までを一括して審議します。",
    "平成30年度から令和5年度までの推移を表にしてください。",
    "午前8時30分から午後5時15分まで受け付けます。",
    "資料は全45ページ、うち参考資料が12ページです。",
    "第2期計画の目標値は85%、実績は78.3%でした。",
    "ごみ収集は月曜日と木曜日、資源ごみは第2・第4水曜日です。",
    "図書館の蔵書数は約32万冊です。",
    "補助上限額は1件あたり200,000円です。",
    "令和7年10月1日から施行します。",
    "来庁者数は1日平均1,250人です。",
    "バージョン 3.11.4 にアップデートしてください。",
    "型番 ABC-1234-XY のプリンターのトナーを発注して。",
    "JANコード 4901234567894 の商品です。",
    "会議室は本庁舎5階 501 会議室です。",
    "予算科目 01-02-03-04 の執行状況を確認してください。",
)


# Column headers for pasted tables: the context word sits on another line, away from the value.
TABLE_HEADERS: dict[str, str] = {
    "JP_MY_NUMBER": "個人番号",
    "CREDIT_CARD": "カード番号",
    "PHONE_NUMBER": "電話番号",
    "EMAIL_ADDRESS": "メールアドレス",
    "JP_BANK_ACCOUNT": "口座番号",
    "DATE_OF_BIRTH": "生年月日",
    "JP_DRIVER_LICENSE": "免許証番号",
    "JP_PASSPORT": "旅券番号",
    "JP_RESIDENCE_CARD": "在留カード番号",
    "JP_HEALTH_INSURANCE": "被保険者番号",
    "JP_BASIC_PENSION": "基礎年金番号",
    "JP_RESIDENT_CODE": "住民票コード",
}
TABLE_SHARE = 0.2


def _table_template(header: str) -> str:
    return f"次の表を受付日順に並べ替えて。\nNo,受付日,区分,{header}\n1,4月3日,新規,{{v}}\n"


def generate_cases(seed: int = 20251125, per_type: int = 40, invalid_per_type: int = 20) -> list[IdentifierCase]:
    """`per_type` valid cases for each entity type, `invalid_per_type` bad-check-digit ones, and the negatives."""
    rng = random.Random(seed)
    cases: list[IdentifierCase] = []
    for entity_type, (draw, templates) in GENERATORS.items():
        plans = [True] * per_type + ([False] * invalid_per_type if entity_type in CHECKED_TYPES else [])
        for valid in plans:
            value, variant, is_valid = draw(rng, valid)
            if entity_type == "CREDENTIAL":
                template = _credential_template(rng, variant)
            elif entity_type == "JP_CORPORATE_NUMBER" and variant == "invoice-T":
                template = rng.choice(("適格請求書の登録番号T{v}を確認して。", "登録番号：T{v}"))
            elif entity_type == "JP_POSTAL_CODE" and variant == "bare":
                template = rng.choice(("郵便番号{v}へ郵送してください。", "郵便番号：{v}"))
            elif entity_type in TABLE_HEADERS and rng.random() < TABLE_SHARE:
                template = _table_template(TABLE_HEADERS[entity_type])
                variant += "+table"
            else:
                template = rng.choice(templates)
            cases.append(embed(template, value, entity_type, variant, is_valid))
    cases.extend(IdentifierCase(text, "NONE", "negative", ()) for text in NEGATIVES)
    return cases


def iter_types(cases: list[IdentifierCase]) -> Iterator[str]:
    seen: dict[str, None] = {}
    for case in cases:
        seen.setdefault(case.entity_type, None)
    yield from seen


# ---------------------------------------------------------------------------------------------- evasion corpus
#
# The same identifiers written the way a hurried or evasive clerk (or a copy-paste) writes them: invisible
# characters, spaces or dots between the digits, a line break inside, some digits in kanji or full width.
# Every perturbation keeps the identifier readable to a person, so every one must still be masked whole.

# Types a perturbation can hide (法人番号 is public, a date is not an identifier, a secret changes when spaced).
EVASION_TYPES = (
    "JP_MY_NUMBER",
    "CREDIT_CARD",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "JP_POSTAL_CODE",
    "JP_BANK_ACCOUNT",
    "JP_DRIVER_LICENSE",
    "JP_PASSPORT",
    "JP_RESIDENCE_CARD",
    "JP_HEALTH_INSURANCE",
    "JP_BASIC_PENSION",
    "JP_RESIDENT_CODE",
)
INVISIBLE_CHARS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
KANJI_DIGITS = "〇一二三四五六七八九"
SPOKEN_KANA = (
    ("ゼロ", "イチ", "ニー", "サン", "ヨン", "ゴー", "ロク", "ナナ", "ハチ", "キュー"),
    ("ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"),
)
NUMBER_PERTURBATIONS = (
    "zero-width",
    "spaced-each",
    "spaced-random",
    "dotted",
    "line-break",
    "mixed-width",
    "kanji-some",
    "kanji-all",
    "lookalike-dash",
    "slashed",
    "nakaguro",
    "kanji-no",
    "spoken-kana",
    "combo",
)
EMAIL_PERTURBATIONS = (
    "zero-width",
    "at-dot-english",
    "at-dot-brackets",
    "at-dot-japanese",
    "at-fullwidth",
    "spaced-symbols",
    "line-break",
    "mixed-width",
    "combo",
)


def _is_digit(ch: str) -> bool:
    return ch.isdigit() or ch in KANJI_DIGITS


def _insert_between(rng: random.Random, value: str, piece: Callable[[], str], count: int) -> str:
    """Insert `count` pieces at distinct random positions strictly inside `value`."""
    if len(value) < 2:
        return value
    positions = sorted(rng.sample(range(1, len(value)), min(count, len(value) - 1)), reverse=True)
    for p in positions:
        value = value[:p] + piece() + value[p:]
    return value


def _ascii_digit(ch: str) -> str:
    return chr(ord(ch) - 0xFEE0) if "０" <= ch <= "９" else ch


def _kanji(rng: random.Random, value: str, share: float) -> str:
    return "".join(
        KANJI_DIGITS[int(_ascii_digit(ch))] if _ascii_digit(ch).isdigit() and rng.random() < share else ch
        for ch in value
    )


def _between_digits(value: str, sep: str) -> str:
    """`sep` between every two characters of the identifier's digit/letter run (its own separators dropped)."""
    core = [ch for ch in value if ch.isalnum() or ch in "〒+"]
    return sep.join(core)


def perturb_number(rng: random.Random, value: str, how: str) -> str:
    if how == "zero-width":
        return _insert_between(rng, value, lambda: rng.choice(INVISIBLE_CHARS), rng.randint(1, 4))
    if how == "spaced-each":
        return _between_digits(value, rng.choice((" ", "\u3000", "  ")))
    if how == "spaced-random":
        return _insert_between(rng, value, lambda: " ", rng.randint(1, 3))
    if how == "dotted":
        return (
            "".join("." if ch in " -－" else ch for ch in value)
            if any(c in value for c in " -－")
            else (_insert_between(rng, value, lambda: ".", rng.randint(1, 3)))
        )
    if how == "line-break":
        return _insert_between(rng, value, lambda: "\n", 1)
    if how == "mixed-width":
        return "".join(to_fullwidth(ch) if rng.random() < 0.5 else _ascii_digit(ch) for ch in value)
    if how == "kanji-some":
        return _kanji(rng, value, 0.4)
    if how == "kanji-all":
        return _kanji(rng, value, 1.0)
    if how == "lookalike-dash":
        if any(c in value for c in " -－"):
            return "".join(rng.choice(DASH_LOOKALIKES) if ch in " -－" else ch for ch in value)
        return _insert_between(rng, value, lambda: rng.choice(DASH_LOOKALIKES), rng.randint(1, 2))
    if how == "spoken-kana":
        # read aloud and typed in kana, one word per digit (ゼロキューゼロ、イチニーサンヨン…), groups kept apart
        words = SPOKEN_KANA[rng.randrange(len(SPOKEN_KANA))]
        sep = rng.choice(("、", " ", "の"))
        return "".join(
            words[int(_ascii_digit(ch))] if _ascii_digit(ch).isdigit() else (sep if ch in " -－" else ch)
            for ch in value
        )
    if how in ("slashed", "nakaguro", "kanji-no"):
        # groups split by a slash, a 中黒 or, read aloud in kanji, by の (〇九〇の一二三四の五六七八)
        sep = {"slashed": rng.choice(("/", " / ", "／")), "nakaguro": rng.choice(("・", " ・ ")), "kanji-no": "の"}[how]
        if how == "kanji-no":
            value = _kanji(rng, value, 1.0)
        if any(c in value for c in " -－"):
            return "".join(sep if ch in " -－" else ch for ch in value)
        return _insert_between(rng, value, lambda: sep, rng.randint(1, 2))
    # combo: several at once
    value = _kanji(rng, value, 0.3)
    value = _insert_between(rng, value, lambda: rng.choice((" ", "\u200b", "\n", ".")), rng.randint(1, 3))
    return _insert_between(rng, value, lambda: rng.choice(INVISIBLE_CHARS), 1)


def perturb_email(rng: random.Random, value: str, how: str) -> str:
    def spell(at: str, dot: str) -> str:
        local, domain = value.split("@") if "@" in value else value.split("＠")
        return local + at + domain.replace(".", dot).replace("．", dot)

    if how == "zero-width":
        return _insert_between(rng, value, lambda: rng.choice(INVISIBLE_CHARS), rng.randint(1, 4))
    if how == "at-dot-english":
        return spell(rng.choice((" at ", " AT ")), rng.choice((" dot ", " DOT ", ".")))
    if how == "at-dot-brackets":
        dot = rng.choice(("(dot)", "[dot]", "[.]", "(.)", "."))
        return spell(rng.choice(("(at)", "[at]", "［at］", "（at）", " (at) ")), dot)
    if how == "at-dot-japanese":
        at = rng.choice(("アットマーク", " アットマーク ", "アット", "あっと"))
        return spell(at, rng.choice(("ドット", " ドット ", ".")))
    if how == "at-fullwidth":
        return spell("＠", ".")
    if how == "spaced-symbols":
        return spell(" @ ", " . ")
    if how == "line-break":
        return spell("@\n", ".")
    if how == "mixed-width":
        return "".join(to_fullwidth(ch) if rng.random() < 0.5 else ch for ch in value)
    spelt = spell(rng.choice((" at ", "アットマーク", "(at)")), rng.choice((" dot ", "ドット", "[dot]")))
    return _insert_between(rng, spelt, lambda: rng.choice(INVISIBLE_CHARS), rng.randint(1, 3))


def generate_evasion_cases(seed: int = 20251202, per_pair: int = 6) -> list[IdentifierCase]:
    """`per_pair` valid identifiers of every type in EVASION_TYPES for every perturbation that applies to it."""
    rng = random.Random(seed)
    cases: list[IdentifierCase] = []
    for entity_type in EVASION_TYPES:
        draw, templates = GENERATORS[entity_type]
        perturbations = EMAIL_PERTURBATIONS if entity_type == "EMAIL_ADDRESS" else NUMBER_PERTURBATIONS
        for how in perturbations:
            for _ in range(per_pair):
                value, variant, _valid = draw(rng, True)
                if entity_type == "JP_POSTAL_CODE" and variant == "bare":
                    template = rng.choice(("郵便番号{v}へ郵送してください。", "郵便番号：{v}"))
                else:
                    template = rng.choice(templates)
                if entity_type == "EMAIL_ADDRESS":
                    perturbed = perturb_email(rng, value, how)
                else:
                    perturbed = perturb_number(rng, value, how)
                cases.append(embed(template, perturbed, entity_type, how))
    return cases


def identifier_characters(text: str) -> list[int]:
    """Positions of the characters that carry an identifier (digits, letters, kanji digits, @ and the like);
    separators and invisible characters carry nothing."""
    return [i for i, ch in enumerate(text) if ch.isalnum() or ch in "@＠〒"]


# Numbers written loosely that are not personal data: none may be glued into an identifier or masked.
EVASION_NEGATIVES: tuple[str, ...] = (
    "締切は2024 3 15です。",
    "受付は 2025. 4. 1 から開始します。",
    "次の表の合計を出して。\n件数 12 34 56 78\n金額 1200 3400 5600 7800",
    "月別件数: 4月 120 5月 98 6月 143 7月 160 8月 171",
    "No 1 2 3 4 5 6 7 8 9 10 11 12 の順に並べて。",
    "令和七年三月三十一日までに提出してください。",
    "一般的に、一人ひとりの意見を聞くことが大切です。",
    "三階の会議室で一条通りと五十鈴川の案内図を作って。",
    "〇〇課の〇〇係に回付してください。",
    "十日町市と四日市市の事例を比べて。",
    "予算額は 1,234,567 円、執行額は 987,654 円です。",
    "バージョン 3.11.4 と 3.12.1 の違いを教えて。",
    "市役所代表 0126-22-1111 までお問い合わせください。",
    "詳しくは子育て支援課（電話 048-477-1111）にお問い合わせください。",
    "お問い合わせ：流山市役所 代表電話 04-7158-1111",
    "前橋市役所（代表）027-224-1111 へ転送してください。",
    "松戸市役所 市民課 窓口 047-366-1111（平日8時30分から17時）",
    "岩見沢市 総務課 電話 0126-23-4111 FAX 0126-23-9979",
)
