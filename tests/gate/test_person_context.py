"""Names found by what surrounds them in encyclopedic and news-like text, and the words that look like
names but are companies, places, works or common nouns. Invented sentences, written for these rules
(bot/gate/recognizers/person.py, lexicon.py, data/person_*.txt).

Rows are (sentence, the exact names that must be masked); an empty tuple means no PERSON finding.
"""

from __future__ import annotations

import pytest

from bot.gate.gate import Gate
from bot.gate.recognizers import lexicon, person

CASES: list[tuple[str, tuple[str, ...]]] = [
    # a word for a person before the name, with or without の (伏見 is tagged a place here)
    ("作者の伏見は、続編は書かないと語った。", ("伏見",)),
    ("建築家ヨナス・ベルクホルムが設計した庁舎です。", ("ヨナス・ベルクホルム",)),
    ("キャスターのたけしも知らなかった", ("たけし",)),
    # Latin initials inside or before a katakana name, Latin names after a tagged part
    ("広報担当のジョン・K・ミルバーンが説明した。", ("ジョン・K・ミルバーン",)),
    ("William Brandtは報告書を提出した。", ("William Brandt",)),
    # an unknown word as the subject of a person's verb, or before a cue said of people
    ("ハルヴォルセンは視察団を率いて来日した。", ("ハルヴォルセン",)),
    ("秘書の記録によると、ブレドウと会談した。", ("ブレドウ",)),
    # a first name Sudachi reads as a place here, joined to a tagged name
    ("ジョルジュ・マルタンが到着した。", ("ジョルジュ・マルタン",)),
    # titles of fleets and offices; a noble named after his land
    ("ボルコンスキー提督が到着した。", ("ボルコンスキー",)),
    ("ボルコンスキー報道官が会見した。", ("ボルコンスキー",)),
    ("ノーフォーク公爵の肖像画を見た。", ("ノーフォーク",)),
    # a nationality before the name; a ・-joined subject with one part unknown to the dictionary
    ("ロシア人ドブリャコフが海峡に到達した。", ("ドブリャコフ",)),
    ("ナウ・ハルプリート・シングは前日に帰国した。", ("ナウ・ハルプリート・シング",)),
    ("ハルプリートも同日に辞任した。", ("ハルプリート",)),
    # a verb Sudachi splits (選ば|れ); a family found by its 家
    ("ボルテンシュタインは市の顧問に選ばれた。", ("ボルテンシュタイン",)),
    ("ボルテンシュタイン家の紋章について調べて", ("ボルテンシュタイン",)),
    # a sentence that defines a person
    ("ミゲル・ロメロは、メキシコのプロレスラー。", ("ミゲル・ロメロ",)),
    # katakana parts all unknown to the dictionary; a ruler with his ordinal
    ("ヴェリミール・フレーブニコフの詩集", ("ヴェリミール・フレーブニコフ",)),
    ("グスタフ3世の治世について", ("グスタフ3世",)),
    # a family, an era, a cabinet; a given name in katakana; Chinese and Korean names
    ("伊藤家の墓所を案内する文章を作って", ("伊藤",)),
    ("細川綱利時代の庭園", ("細川綱利",)),
    ("佐藤一郎内閣で大臣を務めた", ("佐藤一郎",)),
    ("佐々木ヒロノブのコンサート", ("佐々木ヒロノブ",)),
    ("朴秀賢は会見で述べた。", ("朴秀賢",)),
    ("王丹について書かれた記事", ("王丹",)),
    ("馬建常は帰国した。", ("馬建常",)),
    ("作家の曹雪芹の作品を紹介して", ("曹雪芹",)),
    # a surname Sudachi reads as a place, before 本人
    ("大滝本人による解説が付いている。", ("大滝",)),
    # companies, places, works and common words stay
    ("ワーナー・ブラザースの新作映画の紹介文", ()),
    ("株式会社タミヤの模型を展示します", ()),
    ("ダイムラー社の車両を導入した経緯", ()),
    ("右派議員は反対した。", ()),
    ("アニメーション監督として活躍した", ()),
    ("本格ミステリ作家クラブ会員の名簿", ()),
    ("大野盆地の扇状地", ()),
    ("ap bank fesのボランティア募集", ()),
    ("ドイツ・ダイムラー社の工場", ()),
    # a name written together with a facility's word is the facility's; a company's subject is no person
    ("ジョン・ミラー国際空港に到着した。", ()),
    ("ジョン・ミラー宇宙センターの見学", ()),
    ("株式会社ベルモンテが代理店を務める。", ()),
    ("ワークライフバランスは働く人にとって重要です。", ()),
    ("文学碑の前で記念撮影をした。", ()),
    ("黄金期を迎えた。", ()),
    ("グレゴリオ暦の成り立ちを説明して", ()),
    ("外国人のアンケート結果をまとめて", ()),
    ("ニューヨーク市長の発言を要約して", ()),
    ("市議会議長に提出する資料", ()),
    ("ベトナム人の技能実習生の受け入れ", ()),
    # harmless city work: a typo in katakana after a role word, a common noun after の
    ("市民アンンケートの設問案を作ってください", ()),
    ("職員の健康づくりイベントの案内", ()),
    ("利用者のアカウントを停止する手順", ()),
    # as many short words as a count of people after them are people; a katakana subject born somewhere is one
    ("決勝では森、小川、ナバーロの3人が審判を務めた。", ("森", "小川", "ナバーロ")),
    ("受付は高木と村井の両名で行う。", ("高木", "村井")),
    ("総務課、企画課、財政課の3人が集まった。", ()),
    ("市長、副市長、教育長の3名で協議する。", ()),
    ("赤、青、黄の3色で塗り分けて", ()),
    ("オルセンは1921年にコペンハーゲンで生まれた。", ("オルセン",)),
]


def persons(gate: Gate, text: str) -> list[str]:
    return [text[f.start : f.end] for f in gate.analyzer.analyze(text) if f.entity_type == "PERSON"]


@pytest.mark.parametrize(("text", "names"), CASES)
def test_names_found_by_their_context_and_look_alikes_that_stay(gate: Gate, text: str, names: tuple[str, ...]) -> None:
    assert tuple(persons(gate, text)) == names


def test_the_lexicon_reads_sudachis_dictionary() -> None:
    assert lexicon.unknown("フレーブニコフ")
    assert not lexicon.unknown("メール")
    assert lexicon.can_be_name("伏見")  # a surname, though the tokenizer may read it as a place
    assert not lexicon.can_be_name("鍵盤")


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("Googleは検索を改良した。", "Google"),
        ("サンフランシスコ・ジャイアンツに入団した。", "サンフランシスコ・ジャイアンツ"),
        ("ブルッキングス研究所を辞めた。", "ブルッキングス研究所"),
        ("前橋競輪場で開催された。", "前橋競輪場"),
    ],
)
def test_a_ginza_person_span_shaped_like_a_things_name_is_dropped(gate: Gate, text: str, thing: str) -> None:
    doc = person._tokens(gate.analyzer.nlp_engine.tokenize_only(text).tokens)
    start = text.index(thing)
    assert not person._ner_span_plausible(doc, person._Span(start, start + len(thing), 0.65, "ginza-ner"))


def test_a_ginza_person_span_with_a_name_stays(gate: Gate) -> None:
    text = "ジョン・ミラーは会見で述べた。"
    doc = person._tokens(gate.analyzer.nlp_engine.tokenize_only(text).tokens)
    assert person._ner_span_plausible(doc, person._Span(0, 7, 0.65, "ginza-ner"))
