"""Names that are not a person's personal data here: a character of a work or a foreign historical figure named
for a style or a quotation, and places that look like names (a branch office, a district, a river). Colleagues,
and creators written in kanji, stay masked."""

from __future__ import annotations

import pytest

from bot.gate.gate import Gate
from bot.gate.recognizers.not_people import stage_names_in
from bot.gate.types import Request

UNMASKED = [
    # a structure named in brackets after the word for it; a service's nickname
    ("古代ローマの下水道（クロアカ・マキシマ）を広報誌で紹介して", "クロアカ・マキシマ"),
    ("デマンドタクシーの愛称が「のりあいくん」に決まったので、お知らせを作って", "のりあい"),
    ("「鬼滅の刃」の炭治郎のセリフ回しで、防災の呼びかけを", "炭治郎"),
    ("ハリー・ポッターの世界みたいな設定で、図書館イベントの紹介文", "ハリー・ポッター"),
    ("コナンの名ゼリフをもじって、防犯の標語を考えて", "コナン"),
    ("リンカーン大統領の名言を訓示で引用したい", "リンカーン"),
    ("映画「千と千尋の神隠し」の世界観で、銭湯のPR文を", "千尋"),
    ("北村支所の窓口時間の変更のお知らせを書いて", "北村"),
    ("江戸川、坂川の河川敷清掃の参加者募集文を", "坂川"),
    ("おおたかの森地区の人口推移を表にして", "おおたか"),
    # characters of well-known works, however they are written
    ("サザエさん一家を例に、世帯分離の説明文を", "サザエ"),
    ("ドラえもんとのび太の会話で、節電を呼びかけて", "のび太"),
    # a work's hero named again outside its quoted title
    ("「走れメロス」のパロディで標語を。「メロスは走った」で始めて", "メロス"),
    # a drama's title that is its hero's name
    ("「半沢直樹」のドラマ風のセリフで、会計検査の心構えを", "半沢直樹"),
    # part of an occupation that Sudachi split (保健師 → 保 + 健師)
    ("新人保健師さん用に手順を整理したい", "健師"),
    # languages abbreviated in a list, a Korean sentence quoted, an English title, a Chinese sentence
    ("案内文を日・英・中・韓・越の5言語で作って", "韓・越"),
    ("防災用語の対照表（日・英・越・ネパール）を作って", "越・ネパール"),
    ("次の韓国語を訳して：'내일은 휴관입니다'", "내일은"),
    ("Summarize the Basic Act on Culture and Arts Promotion for staff", "Culture"),
    ("请帮我写一条短信，需要点击链接重新登记。日本語の説明も", "新登"),
    ("In the style of Harry Potter, write a welcome note for the library", "Potter"),
    # a letter standing for somebody is already anonymised
    ("相談者Aさんと職員Bさんのやり取りの例を作って", "Aさん"),
    ("Write a library welcome note in the style of Harry Potter.", "Potter"),
    # towns and rivers of the five cities, found by a name's tags alone (local_places.txt)
    ("駒形で開く朝市の告知文を作って", "駒形"),
    ("河原塚の清掃活動のお知らせを書いて", "河原塚"),
    # words of the trades the dictionary also lists as family names (common_words_as_surnames.txt)
    ("「北側の家が日影になる」という相談への一般的な説明を考えて", "日影"),
    ("点検メモ：伸縮装置 遊間異常 土砂堆積。報告書の文体に", "遊間"),
    # list items that are roles, a katakana word among common nouns, hiragana prompts, ちゃんと
    ("出席者：町内会長、副会長、道路課長、会計", "町内"),
    ("出席者：町内会長、副会長、道路課長、会計", "副会長"),
    ("報告書の構成（表紙・サマリー・本文・付録）を考えて", "サマリー"),
    ("らいしゅうの　かようびに　ぷーるの　そうじを　します。おしらせを　かいて", "かようび"),
    ("注意事項もちゃんと入れてください", "もちゃん"),
    ("Adobeのライセンス更新の手順をまとめて", "Adobe"),
    # round 89: a hiragana word Sudachi cuts into a surname and a noun; a thing with が before its own verb; a
    # body the city runs, named before its line
    ("相談システムの愛称は「まどぐちナビ」です。ポスターの文言を", "まどぐち"),
    ("ロックがかかるまでの回数を案内文に入れて", "ロック"),
    ("申込：市国際交流協会　TEL 0143-00-2211 まで、というお知らせを", "0143-00-2211"),
    # round 90: a free dial's label right before it; an office named in brackets after its line
    ("入居者の緊急連絡先は管理会社のコールセンター 0120-11-2345 です。案内を作って", "0120-11-2345"),
    ("お子さんのことで不安な方へ。電話 04-7150-2211（教育相談室）の案内文", "04-7150-2211"),
    # round 91: words of the water works and of elections the dictionary tags as names; a body's short name before a
    # title word; a reception desk's line; a water station's address in brackets
    ("古い水道管から赤水が出たときのお知らせ文を作って", "赤水"),
    ("雨天時の越流水対策を一般向けに200字で", "越流水"),
    ("期日前投票所のご案内ﾋﾞﾗを、大きな字で作り直して", "ﾋﾞﾗ"),
    ("社協委員と明推協委員の合同研修の案内文を作って", "明推協"),
    ("本庁舎の代表番号と、休日の粗大ごみ受付（048-111-2299）をまとめた案内を", "048-111-2299"),
    ("給水拠点：第2配水場（緑町2-3-1）の一覧を表にして", "緑町2-3-1"),
    ("お孫さんと参加できるイベントの案内を", "お孫さん"),
    ("「裸の王様」を題材に、報連相の大切さを伝える朝礼の話を", "王様"),
    ("申請者さんへの案内と、申請書様式の見直し案を", "申請"),
    # a body named after its town before a title (set 145's invented 北原市); a lot's place name before its number
    ("宛名は「北原市農業委員会 会長 様」で、研修の参加依頼を", "北原市農業委員会"),
    ("猟友会北原支部の支部長あてに、契約手続きの案内文を", "北原"),
    ("地番の表記「字堤下103番」「堤下103-1」を統一する関数を", "堤下"),
    # round 92: our desk's line in English, its hours between
    ("Reply to a resident: include our help desk hours (Mon-Fri 8:30-17:15) and phone (04-7150-2211).", "04-7150-2211"),
]
# People of public history: recognised as people, not masked (個人情報保護法 protects the living).
HISTORY = [
    ("渋沢栄一の功績を出前授業用に200字で", "渋沢栄一"),
    ("新選組の近藤勇が流山に陣を置いた経緯を観光パンフ向けに", "近藤勇"),
    ("夏目漱石っぽい文体で、新人職員の体験記を書いて", "夏目漱石"),
    ("徳川家康公の遺訓を朝礼の話に使いたい", "徳川家康"),
    # one person under two listed names, the second in brackets
    ("小泉八雲（ラフカディオ・ハーン）の生涯を400字で", "小泉八雲"),
    # round 89: a listed name with the English possessive
    ("A welcome note for our visitors, in the spirit of Dr. Seuss's rhymes", "Seuss's"),
    ("後藤新平の震災復興計画を、住宅政策の歴史として", "後藤新平"),
]
MASKED = [
    # a surname that ends in a word for a structure, with its reading in brackets
    ("申請者は高橋（タカハシ）さんです。受付票を作って", "タカハシ"),
    # a creator written in kanji is a person's name: masked (and the employee is asked) like anyone's
    ("村上春樹っぽい文体で、新人職員の体験記を書いて", "村上春樹"),
    ("田中さんの口調で課内メールを書いて", "田中"),
    ("申請者の佐藤花子さんから電話がありました", "佐藤花子"),
    ("相談者：鈴木一郎（坂川沿いに在住）", "鈴木一郎"),
    # a family name that is also a town, with an honorific or a title; a titled name in a list of roles
    ("駒形さんに駒形の会場を予約してもらう", "駒形さん"),
    ("日影さんから電話がありました。折り返しの連絡文を", "日影"),
    ("出席者：町内会長、鬼塚課長、会計", "鬼塚"),
    ("ジョン・スミスさんと本文・付録の確認", "ジョン・スミス"),
    # a name quoted in a subject line, not in a work's title, and named again: still somebody's
    ("件名「アンナさんの件」で、アンナさんに返信して", "アンナ"),
    # a writer introducing themselves in English
    ("Hello, my name is Carlos SILVA, I live at Sakura Heights 201.", "Carlos SILVA"),
    ("Dear Sir, my name is Tanaka and I need the form", "Tanaka"),
    # living people known by one stage name (stage_names.txt)
    ("あいみょんの曲みたいな歌詞で、市の応援ソングを", "あいみょん"),
    ("Adoの曲っぽい防災ソングの歌詞", "Ado"),
    # round 89: a person's name in hiragana still is one with an honorific; a katakana surname as the subject of a
    # verb said of people
    ("まどさんに書類を返却する連絡文を", "まど"),
    ("会議の後、ライスが国務長官に就任した経緯をまとめて", "ライス"),
    # round 90: a surname before a trade's title
    ("3月で退職される岡島栄養士への寄せ書きの文例", "岡島"),
    # round 91: a family name before the given name 協 is no body's short name; a person at a reception desk
    ("田中協さんへのお礼状を書いて", "田中協"),
    ("受付の佐藤さん（048-111-2299）に折り返しを頼む文を", "048-111-2299"),
    # a Chinese or Korean family name that is also a word (王, 孫), or with a given name after a space that Sudachi
    # reads as an adjective (陳 偉さんと → 偉 + さ + んと)
    ("留学生の王さんに案内を送って", "王"),
    ("留学生の陳 偉さんと王 芳さんに案内を", "偉"),
    ("孫さんから電話がありました", "孫"),
    # the same family name with a given name after a space, in brackets after the first mention
    ("王さん（王 俊傑、陽光台在住）に説明する文を", "俊傑"),
]


@pytest.mark.parametrize(("text", "name"), UNMASKED)
def test_reference_or_place_is_not_masked(gate: Gate, text: str, name: str) -> None:
    decision = gate.check(Request(text=text, city="niiza", platform="test"))
    assert name in decision.redacted_text, decision.redacted_text


@pytest.mark.parametrize(("text", "name"), MASKED)
def test_people_stay_masked(gate: Gate, text: str, name: str) -> None:
    decision = gate.check(Request(text=text, city="niiza", platform="test"))
    assert name not in decision.redacted_text, decision.redacted_text


@pytest.mark.parametrize(("text", "name"), HISTORY)
def test_people_of_public_history_are_found_but_not_masked(gate: Gate, text: str, name: str) -> None:
    decision = gate.check(Request(text=text, city="niiza", platform="test"))
    assert name in decision.redacted_text, decision.redacted_text
    found = [f for f in decision.findings if f.entity_type == "PERSON" and name in text[f.start : f.end]]
    assert found and not any(f.masked for f in found)
    assert decision.action == "allow"


def test_a_living_person_beside_a_historical_one_is_still_masked(gate: Gate) -> None:
    decision = gate.check(Request(text="佐藤一郎さんと渋沢栄一の話をした", city="niiza", platform="test"))
    assert "佐藤一郎" not in decision.redacted_text
    assert "渋沢栄一" in decision.redacted_text


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Adoの曲", [(0, 3)]),
        ("Adobeの画面", []),  # inside a longer word of letters
        ("xAdo", []),
        ("のあいみょん", []),  # inside kana
        ("歌手藤井風の曲", []),  # inside kanji
        ("、藤井風の曲、Ado", [(1, 4), (7, 10)]),
        ("曲とAdo", []),  # after kana too: a name in letters is read as a word of its own only apart
    ],
)
def test_a_stage_name_is_found_only_as_a_word_of_its_own(text: str, spans: list[tuple[int, int]]) -> None:
    assert stage_names_in(text) == spans
