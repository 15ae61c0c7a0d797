"""The `files:` section of a city policy: 前橋 cites 3(2); without one, the personal_data article applies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.gate.policy import DEFAULT_FILE_MESSAGE, POLICY_DIR, PolicyBook, PolicyError


def test_maebashi_cites_article_3_2_for_files() -> None:
    rules = PolicyBook.load().get("maebashi").file_rules
    assert rules.article.startswith("前橋市生成AI利用ガイドライン 3(2)")
    assert "個人情報等を含むファイルのアップロード" in rules.article
    assert rules.many_people == 10
    assert "\n" not in rules.message and " 個人" not in rules.message  # folded YAML joined without stray spaces


def test_a_city_without_a_files_section_uses_its_personal_data_article() -> None:
    policy = PolicyBook.load().get("niiza")
    assert policy.files is None
    assert policy.file_rules.article == policy.personal_data.article
    assert policy.file_rules.message == DEFAULT_FILE_MESSAGE


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("  many_people: 0", "値が小さすぎます"),
        ("  many_peeple: 10", "知らない項目です"),
    ],
)
def test_a_bad_files_section_is_refused_with_its_line(tmp_path: Path, line: str, reason: str) -> None:
    directory = tmp_path / "policies"
    shutil.copytree(POLICY_DIR, directory)
    path = directory / "maebashi.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  many_people: 10" in text
    path.write_text(text.replace("  many_people: 10", line), encoding="utf-8")
    with pytest.raises(PolicyError) as refused:
        PolicyBook.load(directory)
    assert "maebashi.yaml" in str(refused.value) and "files." in str(refused.value) and reason in str(refused.value)
    assert refused.value.line is not None
