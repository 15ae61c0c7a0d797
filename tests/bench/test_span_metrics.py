"""Character- and span-overlap counting used by bench/gate_accuracy.py."""

from bench.gate_accuracy import spread
from bench.span_metrics import OverlapCounts, fully_covered, merge_spans, significant_positions
from bench.speed_corpus import SIZES, build_texts, percentile


def test_overlap_counts_by_character_and_by_span():
    counts = OverlapCounts()
    # gold: 山田太郎 at 0-4 and 鈴木 at 10-12; predicted: 山田 at 0-2 and 東京 at 20-22
    counts.add(gold=[(0, 4), (10, 12)], predicted=[(0, 2), (20, 22)])
    assert (counts.gold_chars, counts.pred_chars, counts.hit_chars) == (6, 4, 2)
    assert counts.char_recall == 2 / 6 and counts.char_precision == 2 / 4
    assert counts.span_recall == 1 / 2 and counts.span_precision == 1 / 2
    assert counts.exact_recall == 0
    assert counts.half_recall == 1 / 2  # 山田 is half of 山田太郎: enough for the ≥ 50 % overlap target


def test_no_predictions_means_no_precision():
    counts = OverlapCounts()
    counts.add(gold=[(0, 2)], predicted=[])
    assert counts.char_precision is None and counts.char_recall == 0


def test_separators_may_stay_visible_but_digits_may_not():
    text = "番号は1234 5678 9018です"
    gold = (3, 17)
    assert significant_positions(text, gold) == [i for i in range(3, 17) if text[i] != " "]
    assert fully_covered(text, gold, [(3, 7), (8, 12), (13, 17)])
    assert not fully_covered(text, gold, [(3, 12)])


def test_full_width_digits_and_letters_count_as_identifier_characters():
    text = "ＴＫ１２３"
    assert significant_positions(text, (0, 5)) == [0, 1, 2, 3, 4]


def test_merge_spans_joins_touching_findings():
    assert merge_spans([(5, 7), (0, 2), (2, 4), (6, 9)]) == [(0, 4), (5, 9)]


def test_spread_keeps_items_from_the_whole_list():
    assert spread(list(range(10)), 3) == [0, 3, 6]
    assert spread([1, 2], None) == [1, 2]


def test_percentile_interpolates():
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0
    assert percentile([0.0, 10.0], 0.95) == 9.5


def test_speed_texts_have_the_promised_sizes():
    prompts = ["短い依頼です。" * k for k in range(1, 12)]
    texts = build_texts(prompts, ["ウィキペディアの文です。" * 3] * 20, {"short": 5, "medium": 4, "long": 2}, seed=1)
    assert len(texts["short"]) == 5 and all(len(t) <= SIZES["short"][1] for t in texts["short"])
    for size in ("medium", "long"):
        low, high = SIZES[size]
        assert all(low <= len(t) <= high for t in texts[size]), size
