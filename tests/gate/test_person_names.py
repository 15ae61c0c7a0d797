"""Names of every origin, masked whole: romaji, katakana of foreign residents, hiragana children's names,
lists and rosters, and later mentions of a part of a name under the full name's placeholder.

Rows are (sentence, the exact names that must be masked). An empty tuple means no PERSON finding;
place names, rivers, company names and common words stay.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.gate import Request
from bot.gate.gate import Gate
from bot.gate.recognizers.wordlists import words

CASES: list[tuple[str, tuple[str, ...]]] = [
    # romaji, with titles, honorifics and in every order
    ("Mr. Nguyen Van An will visit the office tomorrow.", ("Nguyen Van An",)),
    ("TANAKA Hiroshi の申請書を確認してください", ("TANAKA Hiroshi",)),
    ("Yamada Taro 様へのお礼のメールを書いて", ("Yamada Taro",)),
    ("Maria Santos さんの在留カードの更新について", ("Maria Santos",)),
    ("Yamada, Taro から連絡がありました", ("Yamada, Taro",)),
    ("Dear Ms. Shrestha, thank you for your application.", ("Shrestha",)),
    ("Dr. Kim Minjun の診断書を訳して", ("Kim Minjun",)),
    # katakana names of foreign residents
    ("グエン・ヴァン・アン様の申請を確認してください", ("グエン・ヴァン・アン",)),
    ("マリア＝サントスさんの件で電話がありました", ("マリア＝サントス",)),
    ("キム ミンジュ さんから電話がありました", ("キム ミンジュ",)),
    ("世帯主：シュレスタ・ラム", ("シュレスタ・ラム",)),
    ("申請者 ワン・ウェイ の書類が届いた", ("ワン・ウェイ",)),
    # a space between a name and its honorific
    ("田中 様にご連絡ください", ("田中",)),
    ("山田　太郎　様の住民票", ("山田　太郎",)),
    # lists without honorifics, common-word surnames in person context
    ("出席者：佐藤、鈴木、高橋", ("佐藤", "鈴木", "高橋")),
    ("出席者（敬称略）：森課長、林主査、原（記録）", ("森", "林", "原")),
    ("森さんと林さんと岡さんに確認", ("森", "林", "岡")),
    # children's names in hiragana
    ("園児名簿：はなこ、たろう、ゆい", ("はなこ", "たろう", "ゆい")),
    ("はなこちゃんとたろうくんが遊んでいた", ("はなこ", "たろう")),
    # rosters pasted from Excel and signature blocks
    ("氏名\t年齢\t地区\n山田 太郎\t34\t栄\n鈴木 はなこ\t5\t野火止", ("山田 太郎", "鈴木 はなこ")),
    ("福祉部 障がい者福祉課\n主事　山田 太郎（ヤマダ タロウ）\nTEL: 048-477-1111", ("山田 太郎（ヤマダ タロウ）",)),
    # negatives: places, rivers, companies, common words, occupations
    ("市民の森で清掃活動を行います", ()),
    ("荒川の河川敷でイベントを開きます", ()),
    ("中野区の森林公園の案内を作って", ()),
    ("みずほ台駅から市役所までの道順", ()),
    ("小林製薬の製品についての問い合わせ", ()),
    ("ヘルパーさん向けの研修資料を作って", ()),
    ("Googleさんの新機能について教えて", ()),
    ("日本のバドミントン選手の活躍をまとめて", ()),
    ("出席者：未定", ()),
    ("新座市の野火止用水と平林寺を紹介したい", ()),
    ("前橋市の赤城山と広瀬川を紹介して", ()),
    ("流山市の利根運河と江戸川の魅力を紹介する文章", ()),
    ("松戸市の二十世紀が丘と常盤平について教えて", ()),
    ("渋沢栄一が新一万円札の肖像になった理由を教えて", ("渋沢栄一",)),  # not 新一万 (a prefix and a number)
    ("一文目です。\n二文目です。", ()),  # Sudachi tags 一文 as a given name; before 目 it counts sentences
    ("三郎目線で書いて", ()),
    ("佐藤一郎さんの件", ("佐藤一郎",)),
    # encyclopedic sentences without honorifics: an item listed with a found name (と, や, 、)
    ("ジョン・スミスとハニーは翌年に結婚した。", ("ジョン・スミス", "ハニー")),
    ("この日は藤田、桑原、浜岡の3人が審判を務めた。", ("藤田", "桑原", "浜岡")),
    ("田中さんとコンサートに行った。", ("田中",)),
    # a dictionary surname with a given name the dictionary does not know
    ("翌年、岡田鋭治が会長に選ばれた。", ("岡田鋭治",)),
    ("中野区役所に行った。", ()),
    # a surname Sudachi reads as a common noun, as the subject of a verb said of people
    ("翌年、入江は地元の大学を卒業した。", ("入江",)),
    ("入江は穏やかで、船が多い。", ()),
    # katakana the dictionary does not know, as a subject in a sentence about people
    ("その夜、ドルスキンはジョン・スミスと話し合った。", ("ドルスキン", "ジョン・スミス")),
    ("当時のドルスキンは既に60歳だった。", ("ドルスキン",)),
    ("ドルスキンは化学工場で生産される酵素だ。", ()),
    # katakana also listed as a name: opening a clause with a verb said of people, after a kin word, before a title
    ("1950年、グラントは地元の大学を卒業した。", ("グラント",)),
    ("複数のスーパーが出店を希望した。", ()),
    ("旅の途中、母サリーと姉が合流した。", ("サリー",)),
    ("作家クラブの会合に出た。", ()),
    ("ライト大将の報告書を読んだ。", ("ライト",)),
    ("ライトの明るさを調整して。", ()),
    # a title at the end of the kanji after a name; a place's mayor stays a place
    ("しかしデイビス離脱大臣は会見を欠席した。", ("デイビス",)),
    ("ついに柴山撮影所長が乗り出した。", ("柴山",)),
    ("松本市長が記者会見を開いた。", ()),
    # a family name Sudachi reads as a word before a given name it tags; a noun glued before a lone name
    ("その本は垣根涼介の小説だ。", ("垣根涼介",)),
    ("上級市長職の選挙が行われた。", ()),
    # VS between two names; cues only a person has; 初出場
    ("しかしフューリーVSクリチコの延期が決まった。", ("クリチコ",)),
    ("吉本の性格を同僚は誠実と評価した。", ("吉本",)),
    ("吉本の新喜劇を見に行った。", ()),
    ("本曲のヒットにより布施は翌年の歌合戦に初出場を果たした。", ("布施",)),
    # a name right after a place and ・ is a team's
    ("ポートランド・ティンバーズに加入した。", ()),
    # a word also listed as a name, listed with a name, but not before の (a band's, a position's)
    ("ジョン・スミスとガーネットが登場した。", ("ジョン・スミス", "ガーネット")),
    ("ジョン・スミスとクイーンの曲を聴いた。", ("ジョン・スミス",)),
    # a family name and a given name in hiragana; a particle or a verb after a kanji word is no given name
    ("翌年、編集者の宮内あすかと会社を設立した。", ("宮内あすか",)),
    ("その件は調査中として保留した。", ()),
    ("彼女はテレビを見ており、笑顔だった。", ()),
    # katakana parts joined by ・ before a later mention of a surname belong to it; a place does not
    (
        "ウルバーノ・ボルトラッツィ伯爵の娘、サマリターナ・ボルトラッツィと作家の間に生まれた。",
        ("ウルバーノ・ボルトラッツィ", "サマリターナ・ボルトラッツィ"),
    ),
    (
        "ウルバーノ・ボルトラッツィ伯爵の娘、ミラノ・ボルトラッツィと会った。",
        ("ウルバーノ・ボルトラッツィ", "ボルトラッツィ"),
    ),
    # a capitalised Latin word opening a clause with a verb said of people; a company announcing stays
    ("1990年、Farrowは地元の大学を卒業した。", ("Farrow",)),
    ("Googleは新しい検索サービスを発表した。", ()),
    # a word also listed as a name before a cue said of people only
    ("その後、グラントと結婚した。", ("グラント",)),
    ("その後、ライトと照明を交換した。", ()),
    # after a role word: katakana the dictionary does not know, a family name read as a common noun standing alone
    ("翌年、日本語通訳のトルマコフと会談した。", ("トルマコフ",)),
    ("当時、コメディアン植木が出演した。", ("植木",)),
    ("担当者の下地作りを手伝った。", ()),
    # a time word written right before the subject opens its clause too
    ("翌年グラントは地元の大学を卒業した。", ("グラント",)),
    ("翌年スーパーが地元に出店した。", ()),
    # katakana the dictionary does not know before a cue only a person has; two Latin words before と+結婚
    ("当時、ボルトラーニの主張は退けられた。", ("ボルトラーニ",)),
    ("Marla Keensと結婚した後、学校に配属された。", ("Marla Keens",)),
    ("Google Mapsと連携した。", ()),
    # kanji the dictionary does not know, after a word for a person and の
    ("剣道部員は師匠の雨森草伊に課題を出された。", ("雨森草伊",)),
    ("師匠の一番弟子が来た。", ()),
    ("師匠の教育方針に従った。", ()),
    # romaji typed in a hurry, after a word for a person, with accents or a hyphenated given name
    ("suzuki hanako から電話がありました", ("suzuki hanako",)),
    ("差出人：Anita Sharma、件名：転入について", ("Anita Sharma",)),
    ("書記 João Pereira、会長 森", ("João Pereira", "森")),
    ("Trần Văn Đức 様の書類", ("Trần Văn Đức",)),
    ("Park Ji-hoon さんへの案内", ("Park Ji-hoon",)),
    ("担当：Google Workspace の設定", ()),
    ("ファイル名は report final draft にして", ()),
    # months and weekdays in a row of figures are dates (a name among them is still a name)
    ("Visitors: Apr 310, May 285, Jun 342", ()),
    ("曜日別の平均（月 320、火 260、水 240、木 250、金 300）", ()),
    ("金さんの件。月 320、火 260、水 240", ("金",)),
]


def persons(gate: Gate, text: str) -> list[str]:
    return [text[f.start : f.end] for f in gate.analyzer.analyze(text) if f.entity_type == "PERSON"]


@pytest.mark.parametrize(("text", "names"), CASES)
def test_names_are_masked_whole_and_places_stay(gate: Gate, text: str, names: tuple[str, ...]) -> None:
    assert tuple(persons(gate, text)) == names


def test_a_later_part_of_a_name_shares_the_full_names_placeholder(gate: Gate) -> None:
    text = "佐藤花子さんから相談がありました。佐藤さんは来週また来庁します。花子さんの件は福祉課へ。"
    redacted = gate.check(Request(text, city="niiza")).redacted_text
    assert redacted == (
        "【氏名1】さんから相談がありました。【氏名1】さんは来週また来庁します。【氏名1】さんの件は福祉課へ。"
    )


def test_a_part_without_honorific_after_the_full_name_is_masked(gate: Gate) -> None:
    text = "グエン・ヴァン・アン様から申請がありました。グエンは来月転居予定です。"
    redacted = gate.check(Request(text, city="niiza")).redacted_text
    assert redacted == "【氏名1】様から申請がありました。【氏名1】は来月転居予定です。"


def test_a_surname_mentioned_before_the_full_name_gets_the_same_number(gate: Gate) -> None:
    text = "鈴木さんの件です。相談者は鈴木一郎さんで、鈴木さんの母も同席しました。"
    redacted = gate.check(Request(text, city="niiza")).redacted_text
    assert redacted.count("【氏名1】") == 3 and "鈴木" not in redacted


# -- property: any generated name, any honorific or spacing, in a harmless carrier sentence -------------------
_JAPANESE = [("佐藤", "花子"), ("高橋", "翔太"), ("渡辺", "陽菜"), ("小林", "健一"), ("山本", "美咲")]
_ROMAJI_JP = [("Sato", "Hanako"), ("Takahashi", "Shota"), ("Watanabe", "Hina"), ("Kobayashi", "Kenichi")]
_SURNAMES_KATA = [w for w in words("foreign_surnames_katakana") if len(w) >= 3]
_GIVEN_KATA = [w for w in words("foreign_given_katakana") if len(w) >= 3]
_ROMAJI_FOREIGN = ["Nguyen", "Santos", "Shrestha", "Silva", "Oliveira", "Gurung", "Pereira", "Wijaya"]
_ROMAJI_GIVEN = ["Minh", "Maria", "Lucas", "Bishnu", "Camila", "Thao", "Juliana", "Agus"]


@st.composite
def full_names(draw: st.DrawFn) -> tuple[str, str, str]:
    """(name as written, surname, given name)."""
    origin = draw(st.sampled_from(["kanji", "romaji-jp", "katakana", "romaji-foreign"]))
    if origin == "kanji":
        surname, given = draw(st.sampled_from(_JAPANESE))
        joiner = draw(st.sampled_from(["", " ", "\u3000"]))
    elif origin == "romaji-jp":
        surname, given = draw(st.sampled_from(_ROMAJI_JP))
        surname = draw(st.sampled_from([surname, surname.upper()]))
        joiner = " "
    elif origin == "katakana":
        surname, given = draw(st.sampled_from(_SURNAMES_KATA)), draw(st.sampled_from(_GIVEN_KATA))
        joiner = draw(st.sampled_from(["・", "＝"]))
    else:
        surname, given = draw(st.sampled_from(_ROMAJI_FOREIGN)), draw(st.sampled_from(_ROMAJI_GIVEN))
        joiner = " "
    if origin.startswith("romaji") and draw(st.booleans()):
        return f"{given}{joiner}{surname}", surname, given
    return f"{surname}{joiner}{given}", surname, given


CARRIERS = [
    "{name}{hon}から転入届の相談がありました。",
    "先日、{name}{hon}に会議の日程を連絡しました。",
    "申請者：{name}\n添付の書類を確認してください。",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=full_names(),
    hon=st.sampled_from(["様", "さん", "氏", " 様", " さん"]),
    carrier=st.sampled_from(CARRIERS),
    later_hon=st.sampled_from(["さん", "様", "", "氏"]),
    later_part=st.sampled_from([1, 2]),
)
def test_any_generated_name_is_masked_whole_and_its_parts_share_its_placeholder(
    gate: Gate, name: tuple[str, str, str], hon: str, carrier: str, later_hon: str, later_part: int
) -> None:
    written = name[0]
    text = carrier.format(name=written, hon=hon) + f"なお、{name[later_part]}{later_hon}は来週も来庁します。"
    redacted = gate.check(Request(text, city="niiza")).redacted_text
    for piece in re.split(r"[・＝\s\u3000]+", written):
        assert piece not in redacted, (text, redacted)
    assert len(set(re.findall(r"【氏名\d+】", redacted))) == 1, (text, redacted)
    assert redacted.count("【氏名1】") == 2, (text, redacted)


# -- long pasted documents ------------------------------------------------------------------------------------
MINUTES = """第3回 地域福祉推進会議 議事録
出席者：森委員長、林副委員長、中野委員、小林委員、岡田（事務局）
欠席者：原委員
森委員長より挨拶があった。中野委員から中野区の事例紹介があり、小林委員は森林公園の清掃活動について報告した。"""

CONSULTATION = """【相談記録】
相談者：マリア・サントス（45歳）、夫 ジョアン・サントス
同席：長女 アナ（12歳）
対応：福祉課 高橋、通訳 リン
内容：夫の失業に伴う生活費の相談。ジョアンさんは求職中。アナさんの就学援助についても説明した。"""

SIGNATURE = """Nguyen Thi Lan 様

新座市市民課の鈴木です。転入届の必要書類をご案内します。
--
新座市 市民環境部 市民課 住民記録係
鈴木 一郎（すずき いちろう）
TEL 048-477-1111"""

NURSERY = "園児名簿（ひまわり組）\nはなこ\nたろう\nゆい\nそうた\n\n持ち物：タオル、水筒"


@pytest.mark.parametrize(
    ("document", "gone", "kept"),
    [
        (MINUTES, ["森委員長", "林副", "小林委員", "岡田", "原委員"], ["中野区", "森林公園", "委員長", "事務局"]),
        (CONSULTATION, ["マリア", "サントス", "ジョアン", "アナ", "高橋", "リン"], ["福祉課", "長女", "通訳", "45歳"]),
        (SIGNATURE, ["Nguyen", "Lan", "鈴木", "一郎", "すずき", "いちろう"], ["市民課", "住民記録係"]),
        (NURSERY, ["はなこ", "たろう", "ゆい", "そうた"], ["ひまわり組", "タオル", "水筒"]),
    ],
)
def test_every_person_in_a_pasted_document_is_masked_and_places_stay(
    gate: Gate, document: str, gone: list[str], kept: list[str]
) -> None:
    redacted = gate.check(Request(document, city="niiza")).redacted_text
    assert [word for word in gone if word in redacted] == []
    assert [word for word in kept if word not in redacted] == []


def test_two_surnames_that_share_a_character_are_two_people(gate: Gate) -> None:
    redacted = gate.check(Request(MINUTES, city="niiza")).redacted_text
    assert "【氏名2】副委員長" in redacted and "【氏名4】委員は森林公園" in redacted


def test_the_signature_names_the_sender_once(gate: Gate) -> None:
    redacted = gate.check(Request(SIGNATURE, city="niiza")).redacted_text
    assert redacted.count("【氏名2】") == 2  # 鈴木です … 鈴木 一郎（すずき いちろう）
