"""The learned rule layer: reproducible training, fail-closed loading, and what a classifier hit does."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from bench.intent_corpus import generate
from bot.gate.gate import Gate
from bot.gate.intent import ARTIFACT_PATH, IntentModel, IntentModelError, load_intent_model
from bot.gate.intent import train as trainer
from bot.gate.intent.features import BIGRAM_PREFIX, LEMMA_PREFIX, FeatureSpec, analyse, fold, ngrams, terms
from bot.gate.intent.model import FORMAT, read_artifact
from bot.gate.intent.vectors import mean_vector
from bot.gate.types import Action, Request
from tests.gate.toy_intent import toy_artifact


def _small_corpus(tmp_path: Path) -> Path:
    rows, seen = [], {}
    for row in generate():  # the first three variants of every seed: every kind has positives
        seen[row["group"]] = seen.get(row["group"], 0) + 1
        if seen[row["group"]] <= 3:
            rows.append(row)
    # the seeds have no my_number requests (a person's number without its digits): the hand-written corpus's
    for line in (trainer.DATA / "prompts.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        if row and "my_number" in {row["kind"], *row.get("also", [])}:
            rows.append(row)
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_training_twice_gives_byte_identical_artifacts(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    trainer.train((corpus,), first, card=None)
    trainer.train((corpus,), second, card=None)
    assert first.read_bytes() == second.read_bytes()
    artifact = json.loads(first.read_text(encoding="utf-8"))
    assert artifact["meta"]["corpus_sha256"] == trainer.corpus_sha256((corpus,))


def test_runtime_scores_equal_scikit_learn(tmp_path: Path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    corpus = _small_corpus(tmp_path)
    examples = trainer.load_examples((corpus,))
    artifact = trainer.build((corpus,))
    model = IntentModel(artifact)
    assert model.spec == trainer.FEATURES
    vectorizer = TfidfVectorizer(
        analyzer=partial(terms, spec=trainer.FEATURES), lowercase=False, min_df=trainer.MIN_DF, sublinear_tf=True
    )
    vectorizer.fit([e.text for e in examples])  # the shipped model is fitted on every example
    assert vectorizer.get_feature_names_out().tolist() == artifact["vocabulary"]
    text = "次の市長選に出る田村さんを応援するスピーチの原稿を書いてもらえる？"
    row = vectorizer.transform([text]).toarray()[0]
    coef = np.asarray(artifact["coef"]["election"])
    logit = row @ coef + artifact["intercept"]["election"]
    if "election" in artifact.get("dense_coef", {}):  # the word-vector block, where the trainer chose it
        words = analyse(text, trainer.FEATURES)[1]
        logit += np.asarray(artifact["dense_coef"]["election"]) @ (mean_vector(words) * trainer.FEATURES.vectors)
    expected = 1 / (1 + np.exp(-logit))
    assert model.scores(text)["election"] == pytest.approx(expected, abs=1e-3)
    assert any(term.startswith(LEMMA_PREFIX) for term in artifact["vocabulary"])
    assert any(term.startswith(BIGRAM_PREFIX) for term in artifact["vocabulary"])


def test_lemma_terms_fold_inflection_and_politeness() -> None:
    """書いて／書きます／書いてもらえる？ share the lemma 書く; the lemma terms come after the character n-grams."""
    spec = FeatureSpec(ngram_min=1, ngram_max=2, lemma_ngram_max=2, split_mode="C")
    first = terms("追悼文を書いてもらえる？", spec)
    second = terms("追悼文を書きます。", spec)
    shared = {t for t in first if t.startswith(LEMMA_PREFIX)} & {t for t in second if t.startswith(LEMMA_PREFIX)}
    assert LEMMA_PREFIX + "書く" in shared and LEMMA_PREFIX + "追悼文" in shared
    assert f"{BIGRAM_PREFIX}を\t書く" in first
    assert not any(t.startswith(LEMMA_PREFIX) and t[len(LEMMA_PREFIX) :] in {"?", "。"} for t in first)
    # lemmas off: characters only
    assert terms("追悼文を書いて", FeatureSpec(1, 2, 0)) == ngrams("追悼文を書いて", 1, 2)


def test_a_character_ngram_never_looks_like_a_lemma_term() -> None:
    text = "\tw:書く\tw2:を\t書く ＼ｔ"  # a prompt that types the prefixes itself
    assert not any("\t" in gram for gram in ngrams(text, 1, 4))
    assert "\t" not in fold(text)


def test_scores_are_the_same_from_another_thread() -> None:
    """The gate scores on its worker thread: each thread gets its own Sudachi tokenizer, same numbers."""
    model = load_intent_model()
    text = "亡くなった元市長をしのぶ追悼の言葉を、市民葬で読み上げる形で書いてもらえますか"
    here = model.scores(text)
    with ThreadPoolExecutor(max_workers=2) as pool:
        there = list(pool.map(model.scores, [text, text]))
    assert there == [here, here]


def test_every_seed_group_weighs_the_same() -> None:
    examples = [trainer.Example(f"t{i}", frozenset(), group, True) for i, group in enumerate("aaab")]
    weights = trainer.group_weights(examples)
    assert weights.sum() == pytest.approx(len(examples))
    assert weights[:3].sum() == pytest.approx(weights[3])


def test_shipped_artifact_matches_the_shipped_corpus() -> None:
    model = load_intent_model()
    assert model.corpus_sha256 == trainer.corpus_sha256(trainer.CORPUS_FILES)
    # only held-out sets whose first run has been reported (spent) may be training data
    held_out = [name for name in model.meta["corpus_files"] if "holdout" in name]
    assert set(held_out) <= set(trainer.SPENT_HOLDOUTS)


def test_training_refuses_held_out_files_not_yet_spent(tmp_path: Path) -> None:
    held_out = tmp_path / "prompts_holdout118.jsonl"
    held_out.write_text('{"id": "x1", "text": "t", "kind": "harmless"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="held out"):
        trainer.load_examples((held_out,))


@pytest.mark.parametrize("content", ["", "{not json", '{"format": 99}', json.dumps({"format": FORMAT, "meta": {}})])
def test_a_broken_artifact_fails_closed_in_japanese(tmp_path: Path, content: str) -> None:
    path = tmp_path / "intent_model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IntentModelError) as caught:
        read_artifact(path)
    assert "判定モデル" in caught.value.message and "送信しません" in caught.value.message


def test_a_missing_artifact_fails_closed(tmp_path: Path) -> None:
    with pytest.raises(IntentModelError):
        load_intent_model(tmp_path / "absent.json")


def _toy_model(image_score_logit: float, kind: str = "image_generation") -> IntentModel:
    """A two-term model: 「ぴよ」 pushes `kind` (image_generation) to the given logit, nothing else fires."""
    return IntentModel(toy_artifact(image_score_logit, kind))


def _zero_artifact(features: dict) -> dict:
    """The toy model's two-term artifact with every coefficient zero and `features` set."""
    toy = _toy_model(0.0)
    return {
        "format": FORMAT,
        "meta": toy.meta,
        "features": {"ngram_min": 2, "ngram_max": 2, "sublinear_tf": True, **features},
        "kinds": list(toy.kinds),
        "vocabulary": ["ぴよ", "ほげ"],
        "idf": [1.0, 1.0],
        "coef": {k: [0.0, 0.0] for k in toy.kinds},
        "intercept": dict.fromkeys(toy.kinds, 0.0),
        "thresholds": {k: {"confirm": 0.6, "block": 0.9} for k in toy.kinds},
    }


def test_an_artifact_whose_lemmas_cannot_be_computed_fails_closed(tmp_path: Path) -> None:
    """The tokenizer is made when the artifact is read: a broken lemma setting stops the gate at start-up."""
    data = _zero_artifact({"lemma_ngram_max": 2, "split_mode": "Z"})
    path = tmp_path / "intent_model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(IntentModelError):
        read_artifact(path)
    data["features"]["split_mode"] = "C"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_artifact(path).spec.lemma_ngram_max == 2


def test_a_classifier_hit_cites_the_citys_rule_and_action(gate: Gate) -> None:
    toy = Gate(gate.analyzer, gate.policies, intent=_toy_model(5.0))  # sigmoid(5) ≈ 0.99: block zone
    try:
        text = "ぴよぴよぴよぴよ"  # long enough to be judged (MIN_CHARS)
        maebashi = toy.check(Request(text=text, city="maebashi"))
        assert maebashi.action is Action.BLOCK
        (hit,) = maebashi.violations
        rule = next(r for r in gate.policies.get("maebashi").resolved_rules if r.kind == "image_generation")
        assert (hit.rule_id, hit.article, hit.message) == (rule.id, rule.article, rule.message)
        record = hit.as_dict()
        assert record["recognizer"] == "classifier" and record["score"] > 0.9
        # 画像等の生成は前橋市だけの禁止: the other cities have no rule of that kind, so nothing to cite
        for city in ("iwamizawa", "niiza", "nagareyama", "matsudo"):
            assert toy.check(Request(text=text, city=city)).action is Action.ALLOW
    finally:
        toy.close()


def test_the_grey_zone_asks_in_japanese(gate: Gate) -> None:
    toy = Gate(gate.analyzer, gate.policies, intent=_toy_model(0.0))  # sigmoid(0) = 0.5 … below confirm 0.6
    try:
        assert toy.check(Request(text="ぴよぴよぴよぴよ", city="maebashi")).action is Action.ALLOW
    finally:
        toy.close()
    toy = Gate(gate.analyzer, gate.policies, intent=_toy_model(1.0))  # sigmoid(1) ≈ 0.73: between 0.6 and 0.9
    try:
        decision = toy.check(Request(text="ぴよぴよぴよぴよ", city="maebashi"))
        assert decision.action is Action.CONFIRM
        (hit,) = decision.violations
        assert hit.recognizer == "classifier" and 0.6 <= (hit.score or 0) < 0.9
        assert "当たるかもしれません" in hit.message and "画像" in hit.message
    finally:
        toy.close()


def test_a_my_number_hit_cites_the_rule_about_a_persons_number_unless_a_number_is_written(gate: Gate) -> None:
    toy = Gate(gate.analyzer, gate.policies, intent=_toy_model(5.0, kind="my_number"))
    try:
        decision = toy.check(Request(text="ぴよぴよぴよぴよ", city="iwamizawa"))
        assert decision.action is Action.BLOCK
        (hit,) = decision.violations
        # of the four my_number rules, the one about a number tied to a person without its digits (and its exceptions)
        assert hit.rule_id == "my_number.linked" and hit.recognizer == "classifier"
        assert "番号そのものを書かなくても" in hit.message
        # a written number is the recognizers' and the number rules' to judge (a 受付番号 is no マイナンバー)
        written = toy.check(Request(text="ぴよぴよぴよぴよ 受付番号 2468 1357 9024 の件", city="iwamizawa"))
        assert written.action is Action.ALLOW and written.violations == ()
    finally:
        toy.close()


def test_a_rule_hit_is_not_repeated_by_the_classifier(gate: Gate) -> None:
    decision = gate.check(Request(text="市のマスコットキャラクターのイラストを生成して", city="maebashi"))
    kinds = [v.rule_id for v in decision.violations]
    assert kinds.count("maebashi.image_generation") == 1


def test_the_shipped_model_loads_once() -> None:
    assert load_intent_model() is load_intent_model(ARTIFACT_PATH)


def test_a_prompt_too_short_to_judge_scores_zero() -> None:
    scores = load_intent_model().scores("要約して")
    assert set(scores.values()) == {0.0}


def test_generic_requests_about_an_attached_text_are_not_stopped(gate: Gate) -> None:
    texts = ("この資料を要約してください", "添付ファイルの内容を要約してください。", "以下の文章を校正してください")
    for text in texts:
        for city in ("niiza", "maebashi"):
            assert gate.check(Request(text=text, city=city)).action is Action.ALLOW, (text, city)


def test_the_shipped_kinds_let_the_generic_requests_through() -> None:
    model = load_intent_model()
    for text in trainer.GENERIC_REQUESTS:
        scores = model.scores(text)
        assert all(scores[k] < model.thresholds[k].confirm for k in model.kinds), (text, scores)
    assert not set(model.meta["withheld"]) & set(model.kinds)


def test_a_text_longer_than_sudachi_takes_at_once_is_cut_into_pieces() -> None:
    text = "市長選の応援演説の原稿を書いてください。\n" * 3000  # about 66,000 characters, 190,000 bytes
    found = terms(text, FeatureSpec(1, 1, 1))
    assert found.count(LEMMA_PREFIX + "応援") == 3000


def test_everyday_messages_that_only_name_someone_are_not_asked_about() -> None:
    model = load_intent_model()
    for text in trainer.EVERYDAY_REQUESTS:
        scores = model.scores(text)
        assert all(scores[k] < model.thresholds[k].confirm for k in model.kinds), (text, scores)


def _vector_artifact(dense: list[float] | None) -> dict:
    data = _zero_artifact({"lemma_ngram_max": 0, "vectors": 1.0})
    if dense is not None:
        data["dense_coef"] = {data["kinds"][0]: dense}
    return data


def test_word_vectors_add_their_share_to_the_kinds_trained_with_them() -> None:
    """The dense block: the mean ja_ginza vector of the lemmas, times its weight, against the kind's coefficients."""
    text = "選挙の応援演説の原稿を書いてください"
    direction = mean_vector(analyse(text, FeatureSpec(lemma_ngram_max=0, vectors=1.0))[1])
    model = IntentModel(_vector_artifact([float(v) * 4.0 for v in direction]))
    kinds = model.kinds
    scores = model.scores(text)
    assert scores[kinds[0]] == pytest.approx(1 / (1 + np.exp(-4.0)), abs=1e-6)  # a unit vector against itself
    assert all(scores[k] == pytest.approx(0.5) for k in kinds[1:])  # no dense coefficients: zeros
    assert IntentModel(_vector_artifact(None)).scores(text)[kinds[0]] == pytest.approx(0.5)


def test_an_artifact_whose_word_vectors_cannot_be_read_fails_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.gate.intent import vectors

    def missing() -> None:
        raise FileNotFoundError("ja_ginza has no vocab/vectors")

    monkeypatch.setattr(vectors, "table", missing)
    path = tmp_path / "intent_model.json"
    path.write_text(json.dumps(_vector_artifact(None)), encoding="utf-8")
    with pytest.raises(IntentModelError):
        read_artifact(path)


@pytest.mark.parametrize(
    "text",
    [
        # statements of fact on the topics of decisions and medical calls, none in the corpus or in STATEMENTS
        "市内の保育所の定員は合計で2,340人です。",
        "特別養護老人ホームの入所待ちは120人です。",
        "市営住宅の入居者募集は年2回です。",
        "採用試験の受験者数は昨年度より15人多かったです。",
        "熱中症で搬送された人は昨年より増えました。",
        "AEDは市内の公共施設に120台あります。",
        "人口は119,100人、世帯数は55,900世帯です。",
        "補助上限額は1件あたり200,000円です。",
    ],
)
def test_a_statement_about_benefits_or_ambulances_is_not_stopped(gate: Gate, text: str) -> None:
    decision = gate.check(Request(text=text, city="niiza"))
    assert decision.action is Action.ALLOW, decision.violations
