"""Japanese public identifiers: マイナンバー, 法人番号, 運転免許証, 旅券, 在留カード, 被保険者番号,
基礎年金番号, 住民票コード, 口座番号, クレジットカード, 郵便番号."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from bot.gate.recognizers.base import NUM_END, NUM_START, JapanesePatternRecognizer, digits_of
from bot.gate.recognizers.checksums import (
    corporate_number_is_valid,
    counted_digits,
    luhn_is_valid,
    my_number_is_valid,
    repeated_digits,
)
from bot.gate.recognizers.contact import office_named_before, row_of_places

_NUMBER_AFTER = re.compile(r"[ \t]+\d")
_NUMBER_BEFORE = re.compile(r"\d[ \t]+$")
_FORMAT_AFTER = re.compile(r"\s?(?:の)?(?:形式|フォーマット|書式|のような形|みたいな形|の形で)")
# Words that name a マイナンバー itself or the card it is printed on.
_MY_NUMBER_NAMED = re.compile(
    r"マイナ|個人番号|番号カード|通知カード|特定個人情報|12桁|12ケタ|12けた|my[ _-]?number|individual number"
    r"|kojin[ _-]?bang[oō]u?|mai[ _-]?nanb[aā]a?"  # romaji as a phone types it (mai nanbaa 9334 …)
    # the number a year-end adjustment asks of dependants; the number on the back of the photo card
    r"|(?:扶養|年末調整|源泉徴収)[^。\n]{0,10}番号|顔写真(?:付き|つき)|裏(?:面)?の番号|カードの番号|番号部分"
    # the forms that carry it by law, listing people with their numbers
    r"|年末調整|源泉徴収票|扶養控除等?(?:\(異動\))?申告書|番号確認|給与支払報告|現況届"
    # the linkage between offices that runs on it (情報連携で照会した結果 …)
    r"|情報連携|情報提供ネットワーク",
    re.IGNORECASE,
)
# The words that name a マイナンバー itself (not the forms that carry one).
_MY_NUMBER_WORD = re.compile(
    r"マイナンバー|マイナ|個人番号|通知カード|特定個人情報"
    r"|(?i:my[ _-]?number|kojin[ _-]?bang[oō]u?|mai[ _-]?nanb[aā]a?)"
)
# The number's shortest names typed right before it (mn 1067 5538 2917, MyNo: …): enough with a right check digit.
_MY_NUMBER_SHORT_BEFORE = re.compile(r"(?<![A-Za-z0-9])(?i:mn|my[ .]?no\.?)[ \t:：=#]*$")
# The bare word 番号 (番号 …, の番号, 番号欄：…), not the end of 受付番号 or 電話番号.
_BARE_NUMBER_WORD = re.compile(
    r"(?<![\u3400-\u9fff\u30a1-\u30faー々A-Za-z0-9])(?:番号|ばんごう)欄?[はがをに]?[ :：、]*[（(「]?[ ]*$"
)
# Other identifiers that are (or may be) 12 digits, or numbers people call just 番号: named as a number (保険証の番号,
# 整理番号, 電話:), not the words alone (介護保険の申請書, 電話で言われた, 番号一覧を整理して).
_OTHER_IDENTIFIER = re.compile(
    r"免許|口座|クレジット|証券"
    r"|(?:保険|受付|注文|会員|管理|整理|伝票|問い?合わせ?|電話|携帯|顧客|お客様|資産|備品|物品|製造|シリアル|契約|工事|案件"
    r"|請求|見積|車両)(?:証|者)?(?:の)?(?:番号|No|NO|№|記号|ID|コード|[:：])"
)

# Another number's own name written right before it (支出負担行為番号「2025…」, 整理番号：…), not a name made up for
# the occasion (保護者番号 in a list of parents may be their マイナンバー).
_LABELLED_OTHER = re.compile(
    r"(?:支出負担行為|支出命令|調定|起案|決裁|文書|発注|予算|伝票|受付|整理|管理|注文|契約|工事|案件|請求|見積"
    r"|資産|備品|物品|製造|シリアル|問い?合わせ|会員|顧客|お客様|振替|納付|収納|予約|申込|登録)番号"
    r"[ 　]*(?:は|が)?[:：]?[ 　]*[「『（(]?[ 　]*$"
)


# The label of a card number right before it (カード番号：, クレジットカード No., card number).
_CARD_LABEL = re.compile(r"(?:カード|card)\s?(?:番号|No\.?|number|#)[^0-9\n]{0,6}$", re.IGNORECASE)


class MyNumberRecognizer(JapanesePatternRecognizer):
    """個人番号 (マイナンバー): 12 digits, possibly 4-4-4 with spaces or hyphens; a right check digit, or a word that
    names the number (a wrong check digit is still somebody's number, mistyped)."""

    ENTITY = "JP_MY_NUMBER"
    PATTERNS = ((NUM_START + r"\d{4}([ -]?)\d{4}\1\d{4}" + NUM_END, 0.6),)
    # The word that says what the number is often opens the sentence (「マイナポイントの件で、お客様の番号 …」).
    CONTEXT_BEFORE = 60
    CONTEXT_AFTER = 30
    # Any word that says what the number is: the cards it is printed on (マイナンバーカード, 通知カード,
    # 個人番号カード), マイナ, 12桁, 番号確認 … With one of them it is 特定個人情報 (block in every city).
    CONTEXT = (
        "マイナ",
        "個人番号",
        "番号カード",
        "通知カード",
        "特定個人情報",
        "12桁",
        "番号確認",
        "番号法",
        # the linkage between offices that runs on the number (情報連携で照会した結果の一覧)
        "情報連携",
        "情報提供ネットワーク",
        # forms that carry it by law: 扶養控除等申告書, 年末調整, 源泉徴収票, 確定申告書
        "扶養控除",
        "扶養親族",
        "年末調整",
        "源泉徴収",
        "確定申告",
        # the statutory returns of payments (報酬・料金の支払調書), which carry the payee's number
        "支払調書",
        "法定調書",
        # other forms that ask for it (年金・雇用保険・健康保険の届出), and asking whether its check digit is right
        "年金",
        "雇用保険",
        "届出",
        "チェックデジット",
        "check digit",
        "申告書",
        "住民税",
        "現況届",
        "特別徴収",
        "税額通知",
        "給与支払報告",
        "12ケタ",
        "12けた",
        "検査用数字",
        "my number",
        "mynumber",
        # the number named in a resident's own language (개인번호, 個人編號, 个人编号, माई नम्बर)
        "개인번호",
        "마이넘버",
        "個人編號",
        "個人番號",
        "个人编号",
        "माई नम्बर",
        # a column of pasted code or a CSV header (MyNo = "…", my_no; matched in any case; kojin_bango is named above)
        "my_no",
        "myno",
        "kojin_no",
        "kojin-no",
        "kojinno",
        # a twelve-digit number with a right check digit that somebody wrote in kanji and wants in figures
        # (「八五〇二 七七九〇 一八三一」を算用数字に): nobody writes another number of that length so
        "漢数字",
        "算用数字",
        "数字に直",
        "individual number",
        # the card it is printed on, named by its side, and benefits whose yearly check asks for it
        "カードの裏",
        "裏面",
        "現況確認",
        "児童手当",
        # a dependant's number (扶養に入っている長女の分) and a number read off a card's copy (カードの写し): a
        # 12-digit number with a right check digit is on no other card
        "扶養",
        "カードの写し",
        "カードのコピー",
    )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        found: list[tuple[int, int, float]] = []
        unnamed: list[tuple[int, int]] = []  # wrong check digit, nothing names them
        matches = [(match, base) for pattern, base in self.patterns_for(text) for match in pattern.finditer(text)]
        # 支出負担行為番号「202504010087」… 「2025-0401-0087」と表示: the same digits again are the same other number
        other_numbers = {digits_of(m.group()) for m, _ in matches if self._named_as_another(text, m.start(), m.end())}
        for match, base_score in matches:
            start, end = match.span()
            digits = digits_of(match.group())
            if _example_digits(text, start, digits):
                continue  # 記入例の「0000 0000 0000」: a form's example, nobody's number
            if digits in other_numbers:
                continue
            score = self._score(text, start, end, my_number_is_valid(digits), base_score)
            if score is None:
                unnamed.append((start, end))
            elif score:
                found.append((start, end, score))
        # In a list (従業員の番号一覧：山下 …、岡本 …) one named マイナンバー names the others.
        if any(score >= self.CONTEXT_SCORE for _, _, score in found):
            found = [(start, end, self.CONTEXT_SCORE) for start, end, _ in found]
            found += [(start, end, self.CONTEXT_SCORE) for start, end in unnamed]
        return [self.result(start, end, score) for start, end, score in sorted(found)]

    def _named_as_another(self, text: str, start: int, end: int) -> bool:
        """支出負担行為番号「202504010087」: another number's own name right before it, and no word for a マイナンバー
        near."""
        if not _LABELLED_OTHER.search(text, max(0, start - 16), start):
            return False
        window = text[max(0, start - self.CONTEXT_BEFORE) : start] + " " + text[end : end + self.CONTEXT_AFTER]
        return not _MY_NUMBER_WORD.search(window)

    def _score(self, text: str, start: int, end: int, valid: bool, base_score: float) -> float | None:
        """The match's score; 0.0 to drop it; None for a wrong check digit that nothing names."""
        before = max(0, start - self.CONTEXT_BEFORE)
        window = text[before:start] + " " + text[end : end + self.CONTEXT_AFTER]
        other_identifier = bool(_OTHER_IDENTIFIER.search(text, before, start))
        named = bool(_MY_NUMBER_NAMED.search(window)) or (
            bool(_BARE_NUMBER_WORD.search(text, max(0, start - 12), start)) and not other_identifier
        )
        if not valid and other_identifier and not _MY_NUMBER_WORD.search(window):
            return None  # 資産番号（十二桁、例：302100057710）: another number of twelve digits, a wrong check digit
        if not valid:
            # People invent and mistype numbers; eleven right digits are still 特定個人情報. A wrong check digit
            # is accepted when a word names the number as a マイナンバー (or the card it is printed on), or when
            # the bare word 番号 stands right before it and no other identifier is named.
            return self.CONTEXT_SCORE if named else None
        # A right check digit and the word 番号 anywhere near (従業員の番号一覧：…) is one too.
        numbered = ("番号" in window or "ばんごう" in window) and not other_identifier
        short = bool(_MY_NUMBER_SHORT_BEFORE.search(text, max(0, start - 8), start))
        if named or numbered or short or self.has_context(text, start, end):
            return self.CONTEXT_SCORE
        # One cell of a row of space-separated numbers (1200 3400 5600 7800) is a table, not a マイナンバー.
        in_row = _NUMBER_AFTER.match(text, end) or _NUMBER_BEFORE.search(text, max(0, start - 3), start)
        return 0.0 if in_row else base_score


# A word that says the number after it is an example (記入見本の口座番号は「1234567」).
_EXAMPLE_BEFORE = re.compile(r"記入例|記載例|記入見本|見本|サンプル|ダミー|例えば|たとえば|(?i:sample|dummy|example)")


def _example_digits(text: str, start: int, digits: str) -> bool:
    """A form's example: one digit repeated, or digits counted up or down after a word that says so."""
    return repeated_digits(digits) or (
        counted_digits(digits) and bool(_EXAMPLE_BEFORE.search(text, max(0, start - 30), start))
    )


class CorporateNumberRecognizer(JapanesePatternRecognizer):
    """法人番号: 13 digits, check digit first. Public information: recognised, not masked."""

    ENTITY = "JP_CORPORATE_NUMBER"
    PATTERNS = (
        (NUM_START + r"\d{13}" + NUM_END, 0.55),
        # 適格請求書発行事業者の登録番号: T + 法人番号 (published by the National Tax Agency).
        (r"(?<![0-9A-Za-z-])T\d{13}" + NUM_END, 0.8),
    )
    CONTEXT = ("法人番号", "法人", "会社", "事業者", "登録番号", "適格請求書", "インボイス")

    def validate(self, match: re.Match[str]) -> bool:
        return corporate_number_is_valid(digits_of(match.group()))


class JapaneseCreditCardRecognizer(JapanesePatternRecognizer):
    ENTITY = "CREDIT_CARD"
    PATTERNS = (
        (NUM_START + r"\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}" + NUM_END, 0.8),  # Visa, Master, JCB
        (NUM_START + r"3[47]\d{2}([ -]?)\d{6}\1\d{5}" + NUM_END, 0.8),  # American Express
        (NUM_START + r"3[068]\d{2}([ -]?)\d{6}\1\d{4}" + NUM_END, 0.75),  # Diners
    )
    CONTEXT = ("カード", "クレジット", "card", "決済", "支払")

    def validate(self, match: re.Match[str]) -> bool:
        """A right Luhn digit, or a number its label names as a card's (カード番号 4980 1234 5678 9012): a
        mistyped or invented card number is still somebody's card number. The label is a context word too."""
        labelled = _CARD_LABEL.search(match.string, max(0, match.start() - 20), match.start()) is not None
        return labelled or luhn_is_valid(digits_of(match.group()))


_OFFICE_AFTER = re.compile(
    r"[ 　]*(?:の|[(（])?[ 　]*(?:[^\s、。]{0,6}(?:市役所|区役所|町役場|村役場|役所|役場|市庁舎|本庁舎|支所))"
)


class PostalCodeRecognizer(JapanesePatternRecognizer):
    """〒123-4567 always; a bare 123-4567 only with 郵便番号/〒 or an address right after it."""

    ENTITY = "JP_POSTAL_CODE"
    PATTERNS = (
        (r"〒[\s.\-]?\d{3}-?\d{4}" + NUM_END, 0.95),
        (NUM_START + r"\d{3}-\d{4}" + NUM_END + r"(?=\s?(?:北海道|東京都|大阪府|京都府|\S{2,3}県))", 0.85),
        (NUM_START + r"\d{3}-?\d{4}" + NUM_END, 0.3),
    )
    CONTEXT = ("郵便番号", "〒", "郵便", "postal", "zip")
    CONTEXT_BEFORE = 12
    CONTEXT_AFTER = 0
    CONTEXT_SCORE = 0.9

    def validate(self, match: re.Match[str]) -> bool:
        # 「123-4567形式」「123-4567のような形」: the shape of a postal code described, not somebody's address.
        if row_of_places(match.string, match.start()):
            return False  # a facility's row in a pasted table of places
        if office_named_before(match.string, match.start()):
            return False  # 松戸市役所 〒271-8588: the office's own postal code
        if _OFFICE_AFTER.match(match.string, match.end()):
            return False  # 〒068-8686 の市役所あて: the office's own postal code
        return not _FORMAT_AFTER.match(match.string, match.end())


class BankAccountRecognizer(JapanesePatternRecognizer):
    """口座番号: 7 digits (sometimes written with a 3-digit branch before it) near 口座/普通/当座/支店."""

    ENTITY = "JP_BANK_ACCOUNT"
    PATTERNS = ((NUM_START + r"\d{7}" + NUM_END, 0.4),)
    CONTEXT = ("口座", "普通", "当座", "支店", "振込", "振り込み", "預金", "貯金", "銀行", "信用金庫", "ゆうちょ")
    CONTEXT_BEFORE = 30
    CONTEXT_SCORE = 0.9
    REQUIRE_CONTEXT = True

    def validate(self, match: re.Match[str]) -> bool:
        if _example_digits(match.string, match.start(), match.group()):
            return False  # 口座番号 0000000: nobody's
        # 振込先：指定金融機関 … 普通 0001234 口座名義 ○○市会計管理者: the city's own account, printed on every 納付書
        after = match.string[match.end() : match.end() + 30]
        return not _PUBLIC_ACCOUNT_HOLDER.search(after.split("\n", 1)[0])


# The holder of a public body's account (会計管理者 holds a city's funds by law; 地方自治法第170条).
_PUBLIC_ACCOUNT_HOLDER = re.compile(
    r"口座名義(?:人)?[ 　:：]*[^\s]{0,10}(?:会計管理者|市長|町長|村長|市役所|町役場|村役場)"
)


class DriverLicenseRecognizer(JapanesePatternRecognizer):
    """運転免許証番号: 12 digits, only with 免許 nearby (otherwise it could be anything)."""

    ENTITY = "JP_DRIVER_LICENSE"
    PATTERNS = ((NUM_START + r"\d{12}" + NUM_END, 0.4),)
    CONTEXT = ("免許", "運転免許", "免許証")
    CONTEXT_BEFORE = 30
    CONTEXT_SCORE = 0.97  # outranks a coincidentally valid マイナンバー check digit
    REQUIRE_CONTEXT = True

    def has_context(self, text: str, start: int, end: int) -> bool:
        """免許 nearby, and no card or word of the マイナンバー between it and the number (「・運転免許証\n・通知カード
        ※記載の番号 …」 lists two documents; the number is the one on the 通知カード)."""
        if not super().has_context(text, start, end):
            return False
        before = text[max(0, start - self.CONTEXT_BEFORE) : start]
        license_at = max(before.rfind(word) for word in self.CONTEXT)
        return license_at < 0 or not _MY_NUMBER_WORD.search(before, license_at)


class PassportRecognizer(JapanesePatternRecognizer):
    """旅券番号: two capital letters and seven digits (TK1234567)."""

    ENTITY = "JP_PASSPORT"
    PATTERNS = ((NUM_START + r"[A-Z]{2}\d{7}" + NUM_END, 0.6),)
    CONTEXT = ("旅券", "パスポート", "passport")

    def validate(self, match: re.Match[str]) -> bool:
        # KB5034441: a Windows update's article number, unless a word says it is a passport's
        return not (match.group().startswith("KB") and not self.has_context(match.string, match.start(), match.end()))


class ResidenceCardRecognizer(JapanesePatternRecognizer):
    """在留カード番号: two letters, eight digits, two letters (AB12345678CD)."""

    ENTITY = "JP_RESIDENCE_CARD"
    PATTERNS = ((NUM_START + r"[A-Z]{2}\d{8}[A-Z]{2}" + NUM_END, 0.85),)
    CONTEXT = ("在留カード", "在留", "特別永住者証明書")


class HealthInsuranceRecognizer(JapanesePatternRecognizer):
    """被保険者番号 (国保・後期高齢・介護・社保の記号番号): digits after 被保険者番号/保険証/記号."""

    ENTITY = "JP_HEALTH_INSURANCE"
    PATTERNS = ((NUM_START + r"\d{6,10}" + NUM_END, 0.4),)
    CONTEXT = ("被保険者番号", "被保険者証", "保険証", "保険者番号", "記号", "介護保険番号", "資格確認書")
    CONTEXT_BEFORE = 20
    CONTEXT_AFTER = 0
    CONTEXT_SCORE = 0.92
    REQUIRE_CONTEXT = True


_OTHER_NUMBER_LABEL = re.compile(
    r"(?:請求書|文書|伝票|注文|受付|管理|整理|契約|案件|予約|会員|製造|シリアル|問い?合わせ|申込|発注|見積)(?:番号|No\.?|NO\.?)"
)


_PENSION_NUMBER_WORD = re.compile(r"基礎年金番号|年金番号|年金手帳|年金証書")
_SECTION_NAME = re.compile(r"[^\s、。：:]{0,8}年金(?:課|係|室|事務所|センター|担当)")


class BasicPensionRecognizer(JapanesePatternRecognizer):
    """基礎年金番号: 10 digits, usually written 4-6 (1234-567890)."""

    ENTITY = "JP_BASIC_PENSION"
    PATTERNS = (
        (NUM_START + r"\d{4}-\d{6}" + NUM_END, 0.6),
        (NUM_START + r"\d{10}" + NUM_END, 0.3),
    )
    CONTEXT = ("基礎年金番号", "年金番号", "年金手帳", "年金")
    CONTEXT_SCORE = 0.95

    def has_context(self, text: str, start: int, end: int) -> bool:
        """年金 as a word of the number's own, not of a section's name (保険年金課 直通 0126-35-4101); and for ten
        digits that start with 0, the shape of a telephone number, only 基礎年金番号/年金番号/年金手帳 themselves
        (国民年金　保険年金課　直通 047-366-7341 is the section's line)."""
        window = _SECTION_NAME.sub("", self.context_window(text, start, end))
        if text[start : start + 1] == "0":
            return bool(_PENSION_NUMBER_WORD.search(window))
        return bool(self._context and self._context.search(window))

    def validate(self, match: re.Match[str]) -> bool:
        # 請求書番号 2025-000123: a number the text says is something else is not a 基礎年金番号.
        text, start, end = match.string, match.start(), match.end()
        other = _OTHER_NUMBER_LABEL.search(text, max(0, start - 12), start)
        return not other or self.has_context(text, start, end)


class ResidentCodeRecognizer(JapanesePatternRecognizer):
    """住民票コード: 11 digits, only with its name nearby (11 digits alone is usually a phone number)."""

    ENTITY = "JP_RESIDENT_CODE"
    PATTERNS = ((NUM_START + r"\d{11}" + NUM_END, 0.3),)
    CONTEXT = ("住民票コード", "住基コード", "住民票番号")
    CONTEXT_BEFORE = 20
    CONTEXT_SCORE = 0.97
    REQUIRE_CONTEXT = True
