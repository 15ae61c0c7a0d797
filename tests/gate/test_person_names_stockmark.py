"""Foreign names in encyclopedic sentences that the stockmark NER bench measured as missed, by class (the
sentences are made up here): katakana Sudachi cut into words it knows, a katakana topic said to be a person by
the copula, a ・-joined name whose last part Sudachi cut in two, a pair of people before 両人/夫妻, katakana
after a clause said of people, a word of two katakana paired with a foreign name; a revolt's name is an event.

Rows are (sentence, the exact names that must be masked); an empty tuple means no PERSON finding.
"""

from __future__ import annotations

import pytest

from bot.gate.gate import Gate

CASES: list[tuple[str, tuple[str, ...]]] = [
    # katakana cut into a proper noun and a known word, glued into a word the dictionary does not know
    ("トラヴィスフィールドは1921年にボストンで亡くなった。", ("トラヴィスフィールド",)),
    # a katakana topic that the clause says is a person (建築家, 化学者 before で)
    ("ボルクマイアーは建築家であり、のちに市の顧問となった。", ("ボルクマイアー",)),
    ("ゼンガーロッホは化学者であり、1900年にパリへ移った。", ("ゼンガーロッホ",)),
    # the last part of a ・-joined name that Sudachi cut in two belongs to the name
    ("作家のピーター・ブラックウッドが来日した。", ("ピーター・ブラックウッド",)),
    # two people before a word for both of them
    ("1950年、ブラウンとクーパー両人が会談した。", ("ブラウン", "クーパー")),
    # katakana right after a clause whose verb is said of people, as its subject
    ("謝罪したヴォルケンハウアーは沈黙を守った。", ("ヴォルケンハウアー",)),
    ("書いたコードがエラーになります。", ()),
    # a word of two katakana paired by と with a foreign name, the two the subject
    ("1920年、ベルとマーサは教会で結婚した。", ("ベル", "マーサ")),
    ("パンとジョンさんの話", ("ジョン",)),
    ("パンと田中さんの資料を用意した。", ("田中",)),
    # a revolt named after its leader is an event
    ("由井正雪の乱について教えて", ()),
    # loanwords written together and things said to be something stay
    ("オープンデータは重要な資料であり、公開が進んだ。", ()),
    ("スマートシティは1990年に提唱された。", ()),
    ("ガーデンパークは市民の憩いの場である。", ()),
    ("キャンプファイヤーは夏の行事である。", ()),
    ("マイクロソフトは米国の企業であり、1975年に設立された。", ()),
    ("アシスタントチームは2010年に結成された。", ()),
]


def persons(gate: Gate, text: str) -> list[str]:
    return [text[f.start : f.end] for f in gate.analyzer.analyze(text) if f.entity_type == "PERSON"]


@pytest.mark.parametrize(("text", "names"), CASES)
def test_foreign_names_of_encyclopedic_sentences(gate: Gate, text: str, names: tuple[str, ...]) -> None:
    assert tuple(persons(gate, text)) == names
