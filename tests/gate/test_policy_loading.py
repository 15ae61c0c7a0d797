"""A malformed policy file is refused at load, naming the file, the line and the reason in Japanese."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.gate.policy import POLICY_DIR, PolicyBook, PolicyError, UnknownCityError, load_exception_sets


@pytest.fixture
def policy_dir(tmp_path: Path) -> Path:
    target = tmp_path / "policies"
    shutil.copytree(POLICY_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_the_shipped_policies_load_and_cover_five_cities() -> None:
    book = PolicyBook.load()
    assert book.cities == ["iwamizawa", "maebashi", "matsudo", "nagareyama", "niiza"]
    assert all(book.get(c).resolved_rules for c in book.cities)


def test_compile_patterns_compiles_every_rule_of_every_city_once() -> None:
    book = PolicyBook.load()  # loading compiles nothing: the one-shot `check` command starts fast
    matches = [rule.match for city in book.cities for rule in book.get(city).resolved_rules]
    assert not any("compiled_all" in m.__dict__ or "compiled_none" in m.__dict__ for m in matches)
    compiled = book.compile_patterns()
    assert compiled == len({id(m) for m in matches})
    assert all("compiled_all" in m.__dict__ and "compiled_none" in m.__dict__ for m in matches)
    assert all(m.compiled_none is not None for m in matches if m.none_of)


def test_unknown_action_names_file_line_and_reason(policy_dir: Path) -> None:
    path = policy_dir / "niiza.yaml"
    edit(path, "  action: confirm\n  article: >-\n    新座市", "  action: maybe\n  article: >-\n    新座市")
    with pytest.raises(PolicyError) as caught:
        PolicyBook.load(policy_dir)
    message = str(caught.value)
    assert "niiza.yaml" in message and "allow / confirm / block" in message
    assert caught.value.line == line_of(path, "action: maybe")


def test_broken_yaml_names_the_line(policy_dir: Path) -> None:
    path = policy_dir / "matsudo.yaml"
    edit(path, "retention_days: 365", "retention_days: [365")
    with pytest.raises(PolicyError) as caught:
        PolicyBook.load(policy_dir)
    assert "YAML の書式が正しくありません" in str(caught.value) and caught.value.line is not None


def test_unknown_shared_rule_is_refused(policy_dir: Path) -> None:
    path = policy_dir / "maebashi.yaml"
    edit(path, "  - abuse.attack\n", "  - abuse.atack\n")
    with pytest.raises(PolicyError) as caught:
        PolicyBook.load(policy_dir)
    assert "共通規則 abuse.atack が見つかりません" in str(caught.value)
    assert caught.value.line == line_of(path, "abuse.atack")


def test_bad_regular_expression_in_a_shared_rule_is_refused(policy_dir: Path) -> None:
    path = policy_dir / "shared" / "content.yaml"
    edit(path, "          - 落選運動\n", "          - 落選運動(\n")
    with pytest.raises(PolicyError) as caught:
        PolicyBook.load(policy_dir)
    assert "正規表現" in str(caught.value) and "content.yaml" in str(caught.value)


def test_misspelt_key_is_refused(policy_dir: Path) -> None:
    path = policy_dir / "iwamizawa.yaml"
    edit(path, "retention_days: 365", "retension_days: 365")
    with pytest.raises(PolicyError) as caught:
        PolicyBook.load(policy_dir)
    assert "知らない項目です" in str(caught.value) and caught.value.line == line_of(path, "retension_days")


def test_missing_required_field_is_refused(policy_dir: Path) -> None:
    path = policy_dir / "nagareyama.yaml"
    edit(path, "  contact: 情報政策部門\n", "")
    with pytest.raises(PolicyError, match=r"texts\.contact: 必須の項目がありません"):
        PolicyBook.load(policy_dir)


def test_unknown_city_lists_the_known_ones() -> None:
    with pytest.raises(UnknownCityError) as caught:
        PolicyBook.load().get("tokyo")
    assert "市「tokyo」のポリシーはありません" in str(caught.value) and "niiza（新座市）" in str(caught.value)


def test_a_sixth_city_is_one_yaml_file(policy_dir: Path) -> None:
    text = (policy_dir / "niiza.yaml").read_text(encoding="utf-8").replace("id: niiza", "id: sample")
    (policy_dir / "sample.yaml").write_text(text.replace("name: 新座市", "name: 見本市"), encoding="utf-8")
    assert PolicyBook.load(policy_dir).get("sample").name == "見本市"


def test_a_city_can_keep_no_prompt_text_in_its_audit_records(policy_dir: Path) -> None:
    path = policy_dir / "matsudo.yaml"
    edit(path, "store_redacted_text: true", "store_redacted_text: false")
    book = PolicyBook.load(policy_dir)
    assert book.get("matsudo").store_redacted_text is False
    assert book.get("niiza").store_redacted_text is True


def test_a_key_written_twice_is_refused(policy_dir: Path) -> None:
    path = policy_dir / "niiza.yaml"
    edit(path, "retention_days: 365", "retention_days: 365\nretention_days: 30")
    with pytest.raises(PolicyError) as caught:
        PolicyBook.load(policy_dir)
    assert "retention_days が2回書かれています" in str(caught.value)
    assert caught.value.line == line_of(path, "retention_days: 30")


def test_every_rule_and_data_handling_section_has_a_japanese_name() -> None:
    book = PolicyBook.load()
    for city in book.cities:
        names = book.get(city).rule_names()
        assert {"personal_data", "credentials", "files.personal_data_bulk"} <= set(names)
        assert all(name and not name.isascii() for name in names.values()), city
    assert book.get("niiza").rule_names()["election.campaign"] == "選挙運動・政治的行為"


def test_a_rule_without_a_name_is_refused(policy_dir: Path) -> None:
    path = policy_dir / "shared" / "content.yaml"
    edit(path, "    name: 選挙運動・政治的行為\n", "")
    with pytest.raises(PolicyError) as caught:
        PolicyBook.load(policy_dir)
    assert "rules.0.name: 必須の項目がありません" in str(caught.value)


def test_a_shared_exception_set_is_put_into_every_rule_that_names_it() -> None:
    book = PolicyBook.load()
    sets = load_exception_sets(POLICY_DIR / "shared")
    assert set(sets) >= {"about_the_rules", "general_questions"}
    for city in book.cities:
        for rule in book.get(city).resolved_rules:
            assert not rule.match.exception_sets, rule.id  # no '@name' is left for the matcher
    confidential = next(r for r in book.get("niiza").resolved_rules if r.id == "confidential.marking")
    assert set(sets["about_the_rules"]) <= set(confidential.match.none_of)


def refusal(policy_dir: Path) -> PolicyError:
    with pytest.raises(PolicyError) as caught:
        PolicyBook.load(policy_dir)
    return caught.value


def test_an_unknown_exception_set_names_the_rule_file_and_line(policy_dir: Path) -> None:
    path = policy_dir / "shared" / "content.yaml"
    edit(path, "        - '@about_the_rules'\n", "        - '@about_the_rulez'\n")
    error = refusal(policy_dir)
    assert "例外の組 @about_the_rulez" in str(error) and "content.yaml" in str(error)
    assert error.line == line_of(path, "@about_the_rulez")


def test_a_bad_pattern_in_an_exception_set_is_refused_with_its_line(policy_dir: Path) -> None:
    path = policy_dir / "shared" / "exceptions.yaml"
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("    - "))
    path.write_text(text.replace(first, "    - '(unclosed'", 1), encoding="utf-8")
    error = refusal(policy_dir)
    assert "正規表現" in str(error) and "exceptions.yaml" in str(error)
    assert error.line == line_of(path, "(unclosed")


def test_an_exception_set_must_be_a_list_of_patterns(policy_dir: Path) -> None:
    path = policy_dir / "shared" / "exceptions.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  empty_set: []\n", encoding="utf-8")
    assert "例外の組 empty_set" in str(refusal(policy_dir))


def test_every_quoted_pattern_in_the_policy_files_ends_on_its_own_line() -> None:
    # A single-quoted YAML scalar may run over a line break, which YAML folds into a space: 「[^。\n]」 written from a
    # string with a real line break would load as 「[^。 ]」 and no test would notice.
    for path in sorted(POLICY_DIR.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            item = line.strip()
            if item.startswith(("- '", "- - '")):
                quoted = item[item.index("'") :]
                assert (quoted.count("'") - 2 * quoted.count("''")) % 2 == 0, f"{path.name}:{number}"
