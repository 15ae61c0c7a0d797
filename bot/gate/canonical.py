"""One canonical reading of a prompt for every recognizer, with a map back to what was typed.

People (and copy-paste) write identifiers in ways no pattern lists: a zero-width space between the
groups of a マイナンバー, the number in kanji (〇九〇…), a phone number spaced digit by digit or split
over two lines, `taro (at) example (dot) jp`. Recognizers run on the *view* built here, in which

- Unicode format characters (Cf: U+200B–U+200F, U+2060–U+2064, U+FEFF, the soft hyphen …) and
  variation selectors are dropped;
- full-width ASCII becomes ASCII, the ideographic space a space (`normalize_width`), and half-width
  katakana full-width katakana (ﾊﾞﾅｰ → バナー, ﾀﾅｶ → タナカ);
- kanji numerals that form a number become digits: runs of three or more (〇九〇一二三…), runs touching
  other digits, and numbers with 十/百/千 before an address or date unit (三丁目十二番五号 → 3丁目12番5号,
  昭和五十年三月二日 → 昭和50年3月2日). A lone 一 in 一般 or a name (健一, 五十嵐) is left alone;
- dash look-alikes between digits become '-';
- digit groups split by spaces, dots, dashes, slashes, 中黒, の (〇九〇の一二三四…) or a line break are joined
  when the joined digits have the shape of an identifier (a valid マイナンバー or card check digit, a Japanese
  phone number, or a 7–12-digit number right after the word that names it). Dates, amounts and table columns are not
  glued: `2024 3 15` is none of these;
- `(at)`, `[at]`, アットマーク, ` at ` and `(dot)`, ドット, ` dot ` become `@` and `.` where the result has
  the shape of an e-mail address.

Every character of the view knows the span of the original it came from, so a finding on the view
maps back to the whole original span, including the invisible characters inside it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from bot.gate.normalize import DASH_LOOKALIKES, normalize_width
from bot.gate.recognizers.checksums import luhn_is_valid, my_number_is_valid

# Format characters (general category Cf) and variation selectors: invisible, they only split what
# the recognizers should see whole.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0001-\U000e007f\U000e0100-\U000e01ef]+"
)

_KANJI_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")}
_KANJI_POWERS = {"十": 10, "百": 100, "千": 1000}
_KANJI_RUN = re.compile("[〇一二三四五六七八九十百千]+")
# Units after which a kanji number is a number; some only in a date or address shape (五月女, 一条さん,
# 十日町 and 一番町 are names).
_UNIT_ALWAYS = re.compile(r"丁目|番地|地割|号|階|歳|才|年|桁")
_UNIT_BAN = re.compile(r"番(?=[0-9〇一二三四五六七八九十地\-])")
_UNIT_JO = re.compile(r"条(?=[東西南北0-9〇一二三四五六七八九十]|丁目)")
_AFTER_HOUSE_NUMBER = re.compile(r"[0-9〇一二三四五六七八九十](?:番地|番|号)の$")
_UNIT_MONTH = re.compile(r"月(?=[0-9〇一二三四五六七八九十]+日)")
_DIGIT_SEPARATORS = " -.ー－‐―−()\n/・"

_IDEOGRAPH = re.compile(r"[一-龥々]")
_DASH_BETWEEN_DIGITS = re.compile(rf"(?<=[0-9])[{DASH_LOOKALIKES}](?=[0-9])")

# Digit groups and what may stand between them: spaces, dashes, dots, brackets, slashes, 中黒, の (read aloud:
# 〇九〇の一二三四の…), line breaks (a few at most).
# Not tabs: tab-separated digits are cells of a pasted spreadsheet, never one number.
_DASHES = "\\-" + DASH_LOOKALIKES
_MARKS = "/・の"  # a slash, a 中黒, and の read aloud between groups
_SEP = rf"(?=[ .{_DASHES}()\r\n{_MARKS}])[ ]*(?:[.{_DASHES}()\r\n{_MARKS}][ ]*){{0,6}}"
_CHAIN = re.compile(rf"(?<![0-9A-Za-z])[0-9]+(?:{_SEP}[0-9]+)+(?![0-9A-Za-z])")
_GROUP = re.compile(r"[0-9]+")
# 旅券番号 (TK1234567) and 在留カード番号 (AB12345678CD) spaced or dotted between any two characters.
_LETTERED = re.compile(
    rf"(?<![A-Za-z0-9])[A-Z](?:[ ]*(?:[.{_DASHES}\n{_MARKS}][ ]*){{0,4}}[A-Z0-9]){{8,11}}(?![A-Za-z0-9])"
)
_LETTERED_SHAPE = re.compile(r"[A-Z]{2}[0-9]{7}|[A-Z]{2}[0-9]{8}[A-Z]{2}")
_LETTERED_SEP = re.compile(rf"[ .{_DASHES}\n{_MARKS}]+")
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_IPV4 = re.compile(rf"(?<![0-9A-Za-z.]){_OCTET}(?:\.{_OCTET}){{3}}(?![0-9A-Za-z.])")
_PHONE_DIGITS = re.compile(r"0[1-9][0-9]{8}|0[5789]0[0-9]{8}")
_MAX_JOINED = 19
# Identifiers without a check digit are joined only right after the word that names them.
_NAMED_LENGTHS = (
    (re.compile(r"〒|郵便"), (7,)),
    (re.compile(r"口座|普通|当座|預金|貯金"), (7,)),
    (re.compile(r"被保険者|保険証|保険者番号|介護保険"), (6, 7, 8, 9, 10)),
    (re.compile(r"年金"), (10,)),
    (re.compile(r"住民票コード|住基"), (11,)),
    (re.compile(r"免許"), (12,)),
    (
        re.compile(
            r"マイナ|個人番号|通知カード|12桁|(?<![一-龥ァ-ヶ])番号(?:は|:|：)"
            r"|カードの番号|番号部分|(?i:my[ _-]?number|kojin[ _-]?bango)"
        ),
        (12,),
    ),
    (re.compile(r"カード番号|(?i:card (?:number|no))"), (15, 16)),
)
_NAME_WINDOW = 40

_AT = (
    r"(?:[ \t\r\n]*@[ \t\r\n]*|[ \t]*[(\[<{][ \t]*(?i:at)[ \t]*[)\]>}][ \t]*"
    r"|[ \t]*(?:アットマーク|あっとまーく|アット|あっと)[ \t]*|[ \t]+(?i:at)[ \t]+)"
)
_DOT = (
    r"(?:[ \t]*[(\[<{][ \t]*(?:(?i:dot)|\.)[ \t]*[)\]>}][ \t]*|[ \t]*(?:ドット|どっと)[ \t]*|[ \t]+(?i:dot)[ \t]+"
    r"|[ \t\r\n]*\.[ \t\r\n]*)"
)
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
# Repetitions are bounded so that a long run of "a . a . a" costs linear time, not quadratic.
_SPELT_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9_%+\-]{{1,64}}(?:{_DOT}[A-Za-z0-9_%+\-]{{1,64}}){{0,5}}{_AT}{_LABEL}"
    rf"(?:{_DOT}{_LABEL}){{0,5}}{_DOT}[A-Za-z]{{2,24}}(?![A-Za-z\-])"
)
_EMAIL_TOKEN = re.compile(rf"(?P<at>{_AT})|(?P<dot>{_DOT})")
_SPELT_TRIGGER = re.compile(
    r"(?i:(?<![a-z])(?:at|dot)(?![a-z]))|アット|あっと|ドット|どっと|@\s|\s@|\s\.|\.\s|[(\[<{]\.[)\]>}]"
)


@dataclass(frozen=True, slots=True)
class CanonicalText:
    """The view of `original` the recognizers read; view character i came from original[starts[i]:ends[i]]."""

    original: str
    text: str
    starts: list[int]
    ends: list[int]

    @property
    def is_identity(self) -> bool:
        return self.text == self.original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span a view span came from (everything between its first and last character)."""
        if start >= end:
            anchor = self.starts[start] if start < len(self.starts) else len(self.original)
            return anchor, anchor
        return self.starts[start], self.ends[end - 1]

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        """The smallest view span whose characters all come from inside original[start:end]."""
        return bisect_left(self.starts, start), bisect_right(self.ends, end)


_HALF_KANA = re.compile(r"[\uFF61-\uFF9F]+")
# Digits read out in kana, one word per digit (ゼロキューゼロ、イチニーサンヨン…, ぜろはちぜろ の いちに…), with or
# without a space, 、 or の between them: at least seven in a row, a number somebody dictated, not a sentence.
_SPOKEN_DIGITS = {
    **dict.fromkeys(("ぜろ", "ゼロ", "れい", "レイ", "まる", "マル"), "0"),
    **dict.fromkeys(("いち", "イチ"), "1"),
    **dict.fromkeys(("にー", "ニー", "に", "ニ"), "2"),
    **dict.fromkeys(("さん", "サン"), "3"),
    **dict.fromkeys(("よん", "ヨン", "し", "シ"), "4"),
    **dict.fromkeys(("ごー", "ゴー", "ご", "ゴ"), "5"),
    **dict.fromkeys(("ろく", "ロク"), "6"),
    **dict.fromkeys(("なな", "ナナ", "しち", "シチ"), "7"),
    **dict.fromkeys(("はち", "ハチ"), "8"),
    **dict.fromkeys(("きゅう", "キュウ", "きゅー", "キュー", "く", "ク"), "9"),
}
_SPOKEN_SEP = r"(?:[ 、・,()（）ー\-]+|[ ]*の[ ]*)?"
# Before a run: anything but kana, or a particle (電話はゼロキュー…); after it: anything but kana, or a particle.
_SPOKEN_START = r"(?:(?<![ぁ-ゖァ-ヺー])|(?<=[はがをにでともの]))"
_SPOKEN_END = r"(?=$|[^ぁ-ゖァ-ヺー]|です|でした|まで|から|に|へ|と|は|を|が|で|か|の)"


def _spoken_run(words: list[str]) -> re.Pattern[str]:
    """Seven or more digit words of one script in a row (a postal code or an account number has seven)."""
    word = "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    return re.compile(rf"{_SPOKEN_START}{word}(?:{_SPOKEN_SEP}{word}){{6,}}{_SPOKEN_END}")


# One script per run, so that a particle is never read as a digit of a katakana number (…ニーにかけ直す); ゼロ, which
# dictation writes in katakana among hiragana digits (…よん ゼロ はち), is no particle and joins either.
_SPOKEN_RUNS = (
    _spoken_run([w for w in _SPOKEN_DIGITS if "ァ" <= w[0] <= "ヺ"]),
    _spoken_run([w for w in _SPOKEN_DIGITS if "ぁ" <= w[0] <= "ゖ"] + ["ゼロ"]),
)
_SPOKEN_WORDS = re.compile("|".join(sorted(_SPOKEN_DIGITS, key=len, reverse=True)))


def _spoken_edit(text: str, match: re.Match[str]) -> tuple[int, int, str]:
    """The run read as digits; a last に before a kanji is the particle (…ろくさんごにに電話して), not a 2."""
    start, end = match.span()
    particle = text.startswith("に", end - 1) and _IDEOGRAPH.match(text, end)
    if particle and len(_spoken_value(text[start : end - 1])) >= 7:
        end -= 1
    return start, end, _spoken_value(text[start:end])


def _spoken_value(run: str) -> str:
    return "".join(_SPOKEN_DIGITS[word] for word in _SPOKEN_WORDS.findall(run))


@lru_cache(maxsize=64)
def canonicalize(text: str) -> CanonicalText:
    """The view of `text` (cached: the gate reads the same prompt several times). Do not mutate the result."""
    return _canonicalize(text)


def canonical_value(text: str) -> str:
    """The view's text of a short value (a placeholder's digest), not cached: values must not push the
    prompts out of the cache."""
    return _canonicalize(text).text


_HANGUL_DATE = re.compile(r"([0-9]{1,4})[ ]?(년|월|일|생)[ ]?(?=[0-9]|$|[^\uac00-\ud7a3]|생)")
_HANGUL_DATE_UNITS = {"년": "年", "월": "月", "일": "日", "생": "生"}


# Letters and digits typed (or scanned) with a space after each one: six or more in a row; three spaces part words.
_LETTER_SPACED = re.compile(
    r"(?<![A-Za-z0-9@._\-])(?:[A-Za-z0-9@._\-](?: |   )){5,}[A-Za-z0-9@._\-](?![A-Za-z0-9@._\-])"
)


def _unspace_letters(run: str) -> str:
    return " ".join(word.replace(" ", "") for word in run.split("   "))


def _canonicalize(text: str) -> CanonicalText:
    view = _View(text)
    view.drop(_INVISIBLE)
    view.text = normalize_width(view.text)  # one character to one character: the map is unchanged
    view.text = view.text.replace("생년월일", "生年月日")  # a Korean form's label, four characters for four
    # 1988년 5월 2일생: a date written in Korean is read as 1988年5月2日生
    if _HANGUL_DATE.search(view.text):
        view.edit(
            [
                (m.start(), m.end(), m.group(1) + _HANGUL_DATE_UNITS[m.group(2)])
                for m in _HANGUL_DATE.finditer(view.text)
            ]
        )
    if _HALF_KANA.search(view.text):  # ﾊﾞﾅｰ → バナー (a voiced mark folds into its kana: the run maps as a whole)
        view.edit(
            [(m.start(), m.end(), unicodedata.normalize("NFKC", m.group())) for m in _HALF_KANA.finditer(view.text)]
        )
    for spoken in _SPOKEN_RUNS:  # よん ご はち きゅう …, ゼロキューゼロ … read out digit by digit
        if spoken.search(view.text):
            view.edit([_spoken_edit(view.text, m) for m in spoken.finditer(view.text)])
    if _KANJI_RUN.search(view.text):
        view.edit(_kanji_number_edits(view.text))
    view.text = _DASH_BETWEEN_DIGITS.sub("-", view.text)  # again: kanji digits are digits only now (〇九〇ー…)
    if _CHAIN.search(view.text):
        view.edit(_joining_edits(view.text))
    if _LETTERED.search(view.text):
        view.edit(_lettered_edits(view.text))
    if _LETTER_SPACED.search(view.text):  # m a s a t o . k o n d o @ e x a m p l e . n e t, K O N D O   M A S A T O
        view.edit(
            [
                (m.start(), m.end(), _unspace_letters(m.group()))
                for m in _LETTER_SPACED.finditer(view.text)
                if sum(ch.isalpha() for ch in m.group()) >= 3  # digits alone are joined as identifiers, or not at all
            ]
        )
    if _SPELT_TRIGGER.search(view.text):
        view.edit(_email_edits(view.text))
    return CanonicalText(text, view.text, view.starts, view.ends)


def canonical_text(text: str) -> str:
    return canonicalize(text).text


class _View:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = list(range(len(text)))
        self.ends = list(range(1, len(text) + 1))

    def drop(self, pattern: re.Pattern[str]) -> None:
        self.edit([(m.start(), m.end(), "") for m in pattern.finditer(self.text)])

    def edit(self, edits: list[tuple[int, int, str]]) -> None:
        """Apply non-overlapping, sorted (start, end, replacement) edits. A replacement of the same
        length keeps the per-character map (〇九〇 → 090), unless it is a positional number (十二 → 12);
        otherwise each new character maps to the whole span."""
        if not edits:
            return
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        cursor = 0
        for a, b, rep in edits:
            out.append(self.text[cursor:a])
            starts.extend(self.starts[cursor:a])
            ends.extend(self.ends[cursor:a])
            if len(rep) == b - a and not (rep.isdigit() and any(ch in _KANJI_POWERS for ch in self.text[a:b])):
                starts.extend(self.starts[a:b])
                ends.extend(self.ends[a:b])
            elif rep:
                starts.extend([self.starts[a]] * len(rep))
                ends.extend([self.ends[b - 1]] * len(rep))
            out.append(rep)
            cursor = b
        out.append(self.text[cursor:])
        starts.extend(self.starts[cursor:])
        ends.extend(self.ends[cursor:])
        self.text, self.starts, self.ends = "".join(out), starts, ends


# ---------------------------------------------------------------------------------------------- kanji numerals


def _kanji_value(run: str) -> str:
    if not any(ch in _KANJI_POWERS for ch in run):
        return "".join(_KANJI_DIGITS[ch] for ch in run)
    total, current = 0, 0
    for ch in run:
        if ch in _KANJI_POWERS:
            total += (current or 1) * _KANJI_POWERS[ch]
            current = 0
        else:
            current = current * 10 + int(_KANJI_DIGITS[ch])
    return str(total + current)


def _unit_follows(text: str, end: int, start: int) -> bool:
    if _AFTER_HOUSE_NUMBER.search(text, max(0, start - 4), start):  # 十二番地の三: the branch number
        return True
    if _UNIT_ALWAYS.match(text, end) or _UNIT_BAN.match(text, end) or _UNIT_MONTH.match(text, end):
        return True
    if _UNIT_JO.match(text, end):
        return True
    # 日 only in a date (三月二日), never in 十日町 or 一日も早く.
    return text.startswith("日", end) and start > 0 and text[start - 1] == "月"


def _touches_digit(text: str, start: int, end: int, converted: set[int]) -> bool:
    """A digit (or a converted run) right before or after, possibly across a few separators."""

    def is_digit(i: int) -> bool:
        return 0 <= i < len(text) and ((text[i].isascii() and text[i].isdigit()) or i in converted)

    i = start - 1
    while i >= 0 and start - i <= 4 and text[i] in _DIGIT_SEPARATORS:
        i -= 1
    if is_digit(i):
        return True
    j = end
    while j < len(text) and j - end < 4 and text[j] in _DIGIT_SEPARATORS:
        j += 1
    if is_digit(j):
        return True
    # Read aloud in kanji, groups are joined by の (七〇七〇三の六の〇): only next to kanji digits already read,
    # and not before another ideograph (3)の一般, 一の宮).
    if _IDEOGRAPH.match(text, end) and not _unit_follows(text, end, start):
        return False
    return (start >= 2 and text[start - 1] == "の" and start - 2 in converted) or (
        text.startswith("の", end) and end + 1 in converted
    )


def _blank_after_a_name(text: str, start: int, end: int) -> bool:
    """〇〇 right after a place's name or before 市/町 (千代田区〇〇1-1-1, 〒068-0000 〇〇市): a place left blank in a
    form's example."""
    if end - start < 2:
        return False
    if text[end : end + 1] in {"市", "区", "町", "村", "郡"}:
        return True
    return start > 0 and _IDEOGRAPH.match(text, start - 1) is not None and text[start - 1] not in _KANJI_DIGITS


# 五 二 一 九 …, 四・七・二・九: four or more kanji digits one by one, each set apart, read out as a number.
_SPACED_KANJI_DIGITS = re.compile(
    "[〇一二三四五六七八九](?:[ 　・\\-－][〇一二三四五六七八九]){3,}(?![〇一二三四五六七八九十百千])"
)


def _kanji_number_edits(text: str) -> list[tuple[int, int, str]]:
    runs = [(m.start(), m.end(), m.group()) for m in _KANJI_RUN.finditer(text)]
    chosen: dict[int, tuple[int, int, str]] = {}
    converted: set[int] = set()  # indices of characters that will be digits
    for match in _SPACED_KANJI_DIGITS.finditer(text):
        if match.start() > 0 and text[match.start() - 1] in _KANJI_POWERS:
            continue
        for at in range(match.start(), match.end(), 2):
            chosen[at] = (at, at + 1, _KANJI_DIGITS[text[at]])
            converted.add(at)
    for _ in range(3):  # runs next to runs converted in the previous pass
        changed = False
        for start, end, run in runs:
            if start in chosen:
                continue
            touches = _touches_digit(text, start, end, converted)
            if set(run) <= {"〇"} and (not touches or _blank_after_a_name(text, start, end)):
                continue  # 〇〇課, 千代田区〇〇1-1-1: a blank to fill in, not zeros
            positional = any(ch in _KANJI_POWERS for ch in run)
            if positional and not _unit_follows(text, end, start):
                # 〒四一三五六七一千葉: the digits before 千葉 are a number of their own.
                prefix = len(run) - len(run.lstrip("〇一二三四五六七八九"))
                end, run = start + prefix, run[:prefix]
                positional = False
                touches = _touches_digit(text, start, end, converted)
            if not run or (not _unit_follows(text, end, start) and (positional or not (len(run) >= 3 or touches))):
                continue
            chosen[start] = (start, end, _kanji_value(run))
            converted.update(range(start, end))
            changed = True
        if not changed:
            break
    return [chosen[k] for k in sorted(chosen)]


# ---------------------------------------------------------------------------------------------- digit groups


_CHECKED_LENGTHS = frozenset({10, 11, 12, 14, 15, 16})


def _identifier_shaped(digits: str, plus_before: bool, named: frozenset[int]) -> bool:
    n = len(digits)
    if n == 12 and my_number_is_valid(digits):
        return True
    if 14 <= n <= 16 and digits[0] in "3456" and luhn_is_valid(digits):
        return True
    if n in (10, 11) and _PHONE_DIGITS.fullmatch(digits):
        return True
    if n in (11, 12) and plus_before and digits.startswith("81"):  # +81 90 1234 5678
        return True
    return n in named


# A bracket closed at the end of a line ends what it held: （6 4 2 9 … 5 0）⏎11/28 10:40 is a number, then a date.
_CLOSED_LINE = re.compile(r"\)[ ]*[\r\n]")
_TIME_AFTER = re.compile(r":[0-5][0-9](?![0-9])")
# A group glued to an address's unit (有明町南1番地20, 3丁目5番12): a house number, never the start of an identifier
# (…1番地20　0126-23-4111 is an address, then the office's phone; 様式第3号 1234 5678 9012 is still read whole).
_HOUSE_NUMBER_BEFORE = re.compile(r"[0-9０-９一二三四五六七八九十](?:番地|番|号|丁目|条)(?:の)?$")
# A line that opens with a date (a log's 「0126-45-6677⏎9/2 18:10 …」): the number before the break ends there,
# unless a naming word stands before it and what came before the break is no identifier yet
# (「マイナンバーは２９１４１７７７６⏎３/１６」 is one number split over two lines, a slash in its last group).
_DATE_OPENS_LINE = re.compile(
    r"[ \t]*(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12][0-9]|3[01])(?![0-9/])(?![ ]*[.\-ー－‐―−・][ ]*[0-9])"
    r"|[ \t]*(?:19|20)[0-9]{2}[/\-.](?:0?[1-9]|1[0-2])[/\-.](?:0?[1-9]|[12][0-9]|3[01])(?![0-9])"
)


def _across_table_rows(text: str, gap_start: int, gap_end: int) -> bool:
    """A line break between two cells of a pasted table (a tab on either line, or commas on both): two rows, never
    one number."""
    if "\n" not in text[gap_start:gap_end]:
        return False
    line_start = text.rfind("\n", 0, gap_start) + 1
    line_end = text.find("\n", gap_end)
    after = text[gap_end : line_end if line_end >= 0 else len(text)]
    before = text[line_start:gap_start]
    # tab-separated cells, or comma-separated ones (a CSV export: 2026-06-10⏎0002,1020,… is a date, then a row)
    return "\t" in before or "\t" in after or ("," in before and "," in after)


def _joining_edits(text: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    for chain in _CHAIN.finditer(text):
        groups = [(m.start() + chain.start(), m.end() + chain.start()) for m in _GROUP.finditer(chain.group())]
        sizes = [end - start for start, end in groups]
        if len(groups) >= 6 and set(sizes) == {6}:
            continue  # a BitLocker recovery key (8 groups of 6 digits) is one secret, not identifiers to join
        # A naming word can only stand before the chain (inside it are digits and separators).
        before_chain = text[max(0, chain.start() - _NAME_WINDOW) : chain.start()]
        chain_named = frozenset(n for word, lengths in _NAMED_LENGTHS if word.search(before_chain) for n in lengths)
        i = 0
        while i < len(groups) - 1:
            start = groups[i][0]
            if _HOUSE_NUMBER_BEFORE.search(text, max(0, start - 8), start):
                i += 1
                continue
            named = chain_named if chain_named and start - chain.start() <= _NAME_WINDOW else frozenset()
            wanted = _CHECKED_LENGTHS | named
            # +81, + 81, or + and a line break or a slash before 81: what may stand between digit groups
            plus_before = text[max(0, start - 8) : start].rstrip(_DIGIT_SEPARATORS + "\u3000\r").endswith("+")
            best = None
            n = sizes[i]
            for j in range(i + 1, len(groups)):
                n += sizes[j]
                gap = text[groups[j - 1][1] : groups[j][0]]
                if (
                    n > _MAX_JOINED
                    or _across_table_rows(text, groups[j - 1][1], groups[j][0])
                    or _CLOSED_LINE.search(gap)
                    or (
                        "\n" in gap
                        and (best is not None or not named)  # after a naming word, a number not yet whole goes on
                        and _DATE_OPENS_LINE.match(text, text.rfind("\n", 0, groups[j][0]) + 1)
                    )
                    or _TIME_AFTER.match(text, groups[j][1])  # 11/28 10:20: the hour of a time is no digit group
                ):
                    break
                if n in wanted:
                    digits = "".join(text[a:b] for a, b in groups[i : j + 1])
                    if _identifier_shaped(digits, plus_before, named):
                        best = j
            if best is None:
                i += 1
                continue
            first_end = groups[i][1]
            if start > 0 and text[start - 1] == "(" and ")" in text[first_end : groups[i + 1][0]]:
                # (03)1234-5678: the opening bracket goes with the number it opens.
                edits.append((start - 1, first_end, text[start:first_end]))
            edits.extend((groups[k][1], groups[k + 1][0], "") for k in range(i, best))
            i = best + 1
    return edits


def _lettered_edits(text: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    for match in _LETTERED.finditer(text):
        gaps = list(_LETTERED_SEP.finditer(match.group()))
        if _IPV4.search(match.group()):
            continue  # FW 10.0.0.254: a device and its address, not a passport number written in pieces
        if gaps and _LETTERED_SHAPE.fullmatch(_LETTERED_SEP.sub("", match.group())):
            edits.extend((match.start() + g.start(), match.start() + g.end(), "") for g in gaps)
    return edits


# ---------------------------------------------------------------------------------------------- e-mail


def _email_edits(text: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    for match in _SPELT_EMAIL.finditer(text):
        for token in _EMAIL_TOKEN.finditer(match.group()):
            value = token.group()
            if value in (".", "@"):
                continue
            start, end = match.start() + token.start(), match.start() + token.end()
            edits.append((start, end, "@" if token.group("at") else "."))
    return edits
