"""The labelled prompt corpus is well formed, agrees with the product's matrix, and is big enough."""

from collections import Counter

import pytest

from bench.prompt_corpus import (
    CITIES,
    MATRIX,
    PROMPTS_PATH,
    CorpusError,
    expected_actions,
    load_prompts,
    parse_prompt,
    stricter,
)

HELD_OUT = sorted(PROMPTS_PATH.parent.glob("prompts_holdout*.jsonl"))


@pytest.fixture(scope="module")
def prompts():
    return load_prompts()


def test_the_corpus_loads_and_every_expectation_follows_the_matrix(prompts):
    assert len(prompts) >= 320
    assert len({p.id for p in prompts}) == len(prompts)


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda p: p.name)
def test_every_held_out_corpus_follows_the_matrix_and_uses_its_own_ids(path, prompts):
    held_out = load_prompts(path)
    assert len(held_out) >= 100
    assert not {p.id for p in held_out} & {p.id for p in prompts}
    assert {p.kind for p in held_out} == set(MATRIX)


def test_the_corpus_has_enough_prompts_of_each_kind(prompts):
    counts = Counter(p.kind for p in prompts)
    assert counts["harmless"] >= 160
    for kind in MATRIX:
        assert counts[kind] >= 8, kind
    for kind in ("election", "individual_decision", "personal_data"):
        assert counts[kind] >= 20, kind


def test_harmless_prompts_include_near_misses(prompts):
    harmless = [p.text for p in prompts if p.kind == "harmless"]
    for word in (
        "選挙",
        "投票所",
        "マイナンバー",
        "給付",
        "画像",
        "秘密",
        "パスワード",
        "健診",
        "岩見沢市",
        "フィッシング",
    ):
        assert any(word in text for text in harmless), word


def test_stricter_action_wins():
    assert stricter("allow", "confirm") == "confirm"
    assert stricter("block", "confirm") == "block"
    assert expected_actions("image_generation", ["personal_data"]) == {
        "iwamizawa": "allow",
        "niiza": "confirm",
        "nagareyama": "confirm",
        "maebashi": "block",
        "matsudo": "confirm",
    }


def test_a_line_that_disagrees_with_the_matrix_is_refused():
    line = {
        "id": "x1",
        "text": "候補者の応援演説を書いて",
        "kind": "election",
        "expect": dict.fromkeys(CITIES, "allow"),
    }
    with pytest.raises(CorpusError, match="disagrees with the matrix"):
        parse_prompt(line, "prompts.jsonl:1")


def test_a_city_specific_prompt_names_only_that_city():
    line = {
        "id": "x2",
        "text": "機密性3Aの資料を要約",
        "kind": "confidential",
        "city": "niiza",
        "expect": {"niiza": "block"},
    }
    assert parse_prompt(line).city == "niiza"
    line["expect"] = dict.fromkeys(CITIES, "block")
    with pytest.raises(CorpusError, match="exactly"):
        parse_prompt(line)


@pytest.mark.parametrize("missing", ["id", "text", "kind", "expect"])
def test_missing_fields_are_refused(missing):
    line = {"id": "x3", "text": "要約して", "kind": "harmless", "expect": dict.fromkeys(CITIES, "allow")}
    del line[missing]
    with pytest.raises(CorpusError, match=missing):
        parse_prompt(line)
