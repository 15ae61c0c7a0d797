"""The canonical view: what recognizers read, and how every character maps back to what was typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.gate.canonical import canonicalize


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("マイナンバー1234\u200b5678\u200b9018です", "マイナンバー123456789018です"),
        ("個人番号 1234\n5678\n9018", "個人番号 123456789018"),
        ("〇九〇一二三四五六七八に電話", "09012345678に電話"),
        ("三丁目十二番五号", "3丁目12番5号"),
        # digits read aloud and typed in kana, joined or apart; an e-mail with あっと and [.]
        ("電話はゼロハチゼロ、サンイチニーヨン、ゴーロクナナハチです", "電話は08031245678です"),
        ("携帯 ぜろきゅうぜろ の いちにさんよん の ごろくななはちに電話", "携帯 09012345678に電話"),
        ("mori あっと example[.]jp まで", "mori@example.jp まで"),
        # groups read aloud with の, or split by a slash or a 中黒
        ("携帯は〇八〇の九八七六の五四三二", "携帯は08098765432"),
        ("口座番号七〇七〇三の六の〇へ", "口座番号7070360へ"),
        ("マイナの番号 1234/5678/9018", "マイナの番号 123456789018"),
        ("個人番号 1234・5678・9018", "個人番号 123456789018"),
        ("北四条西三丁目", "北4条西3丁目"),
        ("昭和五十年三月二日生まれ", "昭和50年3月2日生まれ"),
        ("二〇二四年", "2024年"),
        ("1234 五六七八 9018", "123456789018"),
        ("０９０ー１２３４ー５６７８", "09012345678"),
        ("090 1234\n5678", "09012345678"),
        ("0126.22.1111", "0126221111"),
        ("4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "4111111111111111"),
        ("〒 4 1 0 ー 9 9 1 4", "〒 4109914"),
        ("普通 1 2 3 4 5 6 7", "普通 1234567"),
        ("旅券 T K 1 2 3 4 5 6 7", "旅券 TK1234567"),
        ("taro (at) example (dot) jp", "taro@example.jp"),
        ("taro.yamada アットマーク example ドット co ドット jp", "taro.yamada@example.co.jp"),
        ("taro at example dot jp", "taro@example.jp"),
        ("ｔａｒｏ［ａｔ］ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
        ("info @ city . example . lg . jp", "info@city.example.lg.jp"),
        ("常盤平五丁目十二番地の三", "常盤平5丁目12番地の3"),
        ("よん ご はち きゅう いち に ぜろ なな ろく さん よん きゅう", "458912076349"),
        ("ゼロ・キュウ・ゼロ・イチ・ニ・サン・ヨン・ゴ・ロク・ナナ・ハチ", "09012345678"),
        # dictation writes ゼロ in katakana among hiragana digits
        ("さん はち ご はち ご ご いち さん はち よん ゼロ はち", "385855138408"),
        ("いち、に、さん、しのリズムで", "いち、に、さん、しのリズムで"),
        ("受付番号の三つ目", "受付番号の三つ目"),
        # kanji digits typed one by one, each set apart by a space or a ・
        ("番号：五 二 一 九 七 四 三 八 〇 六 一 七", "番号:521974380617"),
        ("暗証番号 四・七・二・九", "暗証番号 4・7・2・9"),
        ("第一、二会議室", "第一、二会議室"),
    ],
)
def test_identifiers_are_read_whole(typed: str, read: str) -> None:
    assert canonicalize(typed).text == read


@pytest.mark.parametrize(
    "text",
    [
        "締切は2024 3 15です。",
        "機密性1〜3の一般的な考え方",
        "しごとにくるまでに、いちにちかかる",
        "ゴーゴーカレーの店",
        "一の宮の三の一般論",
        "2024/12/04 に開催",
        "No 1 2 3 4 5 6 7 8 9 10 11 12 の順に並べて。",
        "予算額は 1,234,567 円です。",
        "バージョン 3.11.4 と 3.12.1",
        "1200\t3400\t5600\t7800",  # spreadsheet cells
        "一般的に、一人ひとりの意見を聞く。",
        "五十嵐さんと健一さん、一条さん",
        "〇〇課の〇〇係",
        "十日町市と四日市市、五月女さん",
        "千葉県の三百円ショップ",
        "We meet at the station.",
    ],
)
def test_what_is_not_an_identifier_is_left_as_it_was(text: str) -> None:
    view = canonicalize(text)
    assert view.is_identity


def test_a_view_span_maps_back_to_the_whole_original_span_including_invisible_characters() -> None:
    text = "番号は1234\u200b 5678\u2060-9018です"
    view = canonicalize(text)
    start = view.text.index("123456789018")
    assert view.to_original(start, start + 12) == (text.index("1234"), text.index("9018") + 4)


def test_a_kanji_number_maps_to_all_of_its_characters() -> None:
    view = canonicalize("三丁目十二番五号")
    assert view.text == "3丁目12番5号"
    assert view.to_original(3, 5) == (3, 5)  # "12" came from 十二
    assert view.to_original(3, 4) == (3, 5)


NUMBERISH = list("0123456789０９〇一二三十百 -.ー\n\u200b@atdoxyz.丁目番号年月日課千葉")


@given(st.text(alphabet=st.sampled_from(NUMBERISH), max_size=40))
def test_the_map_is_monotonic_and_covers_the_view(text: str) -> None:
    view = canonicalize(text)
    assert len(view.starts) == len(view.ends) == len(view.text)
    for i in range(len(view.text)):
        assert 0 <= view.starts[i] < view.ends[i] <= len(text)
        if i:
            assert view.starts[i - 1] <= view.starts[i] and view.ends[i - 1] <= view.ends[i]
    # Mapping the whole view back never leaves the original.
    if view.text:
        start, end = view.to_original(0, len(view.text))
        assert 0 <= start <= end <= len(text)


@given(st.text(max_size=60))
def test_any_text_can_be_read(text: str) -> None:
    view = canonicalize(text)
    assert canonicalize(text).text == view.text  # deterministic


def test_half_width_katakana_is_read_as_katakana_and_maps_back_whole() -> None:
    text = "ｲﾍﾞﾝﾄのﾊﾞﾅｰ、ﾀﾅｶ様"
    view = canonicalize(text)
    assert view.text == "イベントのバナー、タナカ様"
    start = view.text.index("タナカ")
    assert text[slice(*view.to_original(start, start + 3))] == "ﾀﾅｶ"
    banner = view.text.index("バナー")
    assert text[slice(*view.to_original(banner, banner + 3))] == "ﾊﾞﾅｰ"


def test_digits_at_the_ends_of_two_rows_of_a_pasted_table_stay_two_cells() -> None:
    """A line break between tab-separated rows ends a cell: 0.0.0 and 00000 are not one number."""
    table = "件数\t課\nう\tH0.0.0\n00000\tう"
    assert canonicalize(table).text == table
    assert canonicalize("番号\n0120\n4567\n8901").text != "番号\n0120\n4567\n8901"  # no tab: still joined


def test_a_bracket_closed_at_the_end_of_a_line_ends_the_number_it_held() -> None:
    """（6 4 2 9 … 5 0）⏎11/28 10:40: the マイナンバー is read whole, the date on the next line is not glued to it."""
    text = "番号を確認（6 4 2 9 0 2 7 2 0 7 5 0）\n11/28 10:40 再発行"
    view = canonicalize(text)
    assert "(642902720750)\n11/28 10:40" in view.text
    assert canonicalize("被保険者：須藤（91）\n11/28 10:20").text.endswith("(91)\n11/28 10:20")


def test_a_line_that_opens_with_a_date_ends_the_number_on_the_line_before() -> None:
    """0126-45-6677⏎9/2 18:10: a phone number, then a log's date; 0126456677 and 9, 2 are not one マイナンバー."""
    text = "通報者 大塚 0126-45-6677\n9/2 18:10 ぶどう園の裏"
    assert "0126456677\n9/2 18:10" in canonicalize(text).text
    # a number split over two lines with no date after the break is still read whole
    assert "123456789018" in canonicalize("番号 1234 5678\n9018 です").text
    # after a naming word, a number not yet whole when the line breaks goes on, even into a date's shape
    assert "291417776316です" in canonicalize("マイナンバーは２９１４１７７７６\n３/１６です。").text
    assert "3/16" in canonicalize("受付番号 291417776\n3/16 来庁").text  # no naming word: a number, then a date


def test_a_house_number_glued_to_its_unit_never_starts_an_identifier() -> None:
    """有明町南1番地20　0126-23-4111: an address, then a phone; 様式第3号 1234 5678 9018 is still one number."""
    assert "1番地20 0126234111" in canonicalize("有明町南1番地20\u30000126-23-4111").text
    assert "123456789018" in canonicalize("様式第3号 1234 5678 9018").text
