"""City policies as data: the YAML schema, its validation, and loading with Japanese errors.

A policy file says what the city's guideline says, article by article; the code only interprets
it. A bad file is refused at load with the file, the line and the reason in Japanese, because the
people who edit these files read Japanese, not Python tracebacks.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.gate.pattern_group import PatternGroup
from bot.gate.types import Action

POLICY_DIR = Path(__file__).resolve().parent.parent.parent / "policies"
SHARED_DIR_NAME = "shared"


class PolicyError(Exception):
    """A policy file that cannot be used. `str()` is a Japanese sentence naming file and line."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path} の {line} 行目" if line else self.path
        super().__init__(f"ポリシーファイル {where}: {reason}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Match(_Strict):
    """When a rule applies. Every group in `all_of` needs one hit; any hit in `none_of` cancels.

    Patterns are Python regular expressions matched against the width-normalised prompt.
    `near` limits `all_of` hits to lie within that many characters of each other (0: anywhere).
    `entities` requires at least one finding of one of these types (e.g. a person for 要配慮).
    """

    all_of: list[list[str]] = Field(default_factory=list)
    none_of: list[str] = Field(default_factory=list)
    near: int = Field(default=0, ge=0)
    entities: list[str] = Field(default_factory=list)
    min_score: float = Field(default=0.0, ge=0.0, le=1.0)  # for `entities`

    @field_validator("all_of")
    @classmethod
    def _groups_not_empty(cls, groups: list[list[str]]) -> list[list[str]]:
        for group in groups:
            if not group:
                raise ValueError("all_of の各グループには1つ以上のパターンが必要です")
            for pattern in group:
                _compile(pattern)
        return groups

    @field_validator("none_of")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            _compile(pattern)
        return patterns

    @model_validator(mode="after")
    def _something_to_match(self) -> Match:
        if not self.all_of and not self.entities:
            raise ValueError("match には all_of か entities のどちらかが必要です")
        return self

    @cached_property
    def compiled_all(self) -> list[PatternGroup]:
        return [PatternGroup(group) for group in self.all_of]

    @cached_property
    def compiled_none(self) -> PatternGroup | None:
        if not self.none_of:
            return None
        return PatternGroup(self.none_of)


class Rule(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_.-]+$")
    name: str  # the rule's Japanese name, as the digest and App Home show it (選挙運動・政治的行為)
    kind: str  # election, individual_decision, confidential, sensitive_personal, credential …
    action: Action
    article: str
    message: str
    match: Match

    @field_validator("name", "article", "message")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        return japanese_text(value)


def japanese_text(value: str) -> str:
    """Folded YAML (`>-`) joins lines with a space, which Japanese does not put after 。、」・."""
    value = _FOLD_SPACE.sub("", value.strip())
    if not value:
        raise ValueError("空にできません")
    return value


# Between two Japanese characters (kana, kanji, full-width punctuation) a folded line break is noise.
_JA = "\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef"
_FOLD_SPACE = re.compile(rf"(?<=[{_JA}])\s+(?=[{_JA}])|(?<=[。、」』・）])\s+")


class RuleOverride(_Strict):
    """A city's changes to a shared rule: its own action, article or message."""

    action: Action | None = None
    article: str | None = None
    message: str | None = None
    disabled: bool = False


class EntityHandling(_Strict):
    """What the city does with a kind of personal data once it has been masked."""

    name: str  # shown as the reason in the digest: 個人情報, 認証情報
    action: Action
    article: str
    message: str

    _clean = field_validator("name", "article", "message")(lambda cls, v: japanese_text(v))


class FileRules(_Strict):
    """Attached files (前橋 3(2) 「個人情報等を含むファイルのアップロードはしないこと」).

    A file with personal data about `many_people` people or more is not sent where the city's
    personal_data action is not allow; the employee is told what was found, with `article`.
    """

    name: str  # shown as the reason in the digest: 多くの人の個人情報を含むファイル
    many_people: int = Field(default=10, ge=1)
    article: str
    message: str

    _clean = field_validator("name", "article", "message")(lambda cls, v: japanese_text(v))


FILE_RULE_ID = "files.personal_data_bulk"  # bot.files.screening.RULE_MANY_PEOPLE
DEFAULT_FILE_RULE_NAME = "多くの人の個人情報を含むファイル"
DEFAULT_FILE_MESSAGE = (
    "多くの人の個人情報を含むファイルは、生成AIに送信できません。個人情報の列や記載を削除したファイルにするか、"
    "集計結果など個人が特定されない形にしてから添付してください。"
)


class Texts(_Strict):
    reminder: str  # 事実確認 reminder shown under every answer
    reminder_article: str
    provenance: str  # template with {model}, e.g. 「この回答は【{model}】により作成されました」
    publish_rule: str  # how to label a text published as-is (流山 8.4)
    contact: str  # whom to ask (担当課)
    # The city's own article on personal data a model makes up (流山 8.3(3)); None: its guideline has none.
    output_check_article: str | None = None


class Policy(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str  # 岩見沢市
    guideline: str  # 岩見沢市生成AI利用ガイドライン
    version: str  # the guideline's own date or edition, e.g. 令和7年12月4日
    revision: int = 1  # our revision of this file
    allowed_uses: list[str]
    shared_rules: list[str] = Field(default_factory=list)  # ids of rules in policies/shared/*.yaml
    overrides: dict[str, RuleOverride] = Field(default_factory=dict)
    rules: list[Rule] = Field(default_factory=list)
    personal_data: EntityHandling  # masked ordinary personal data (氏名, 住所, 電話 …)
    credentials: EntityHandling
    files: FileRules | None = None  # attached files; without it, personal_data's article applies
    unmasked_entities: list[str] = Field(default_factory=lambda: ["JP_CORPORATE_NUMBER"])
    texts: Texts
    retention_days: int = Field(default=365, ge=1)
    # Whether audit records keep the gate's redacted text (never the raw text). A city that wants
    # no prompt text in its logs at all sets this to false; every other field is still recorded.
    store_redacted_text: bool = True
    model_config = ConfigDict(extra="forbid", frozen=True)

    @property
    def file_rules(self) -> FileRules:
        if self.files is not None:
            return self.files
        return FileRules(name=DEFAULT_FILE_RULE_NAME, article=self.personal_data.article, message=DEFAULT_FILE_MESSAGE)

    def rule_names(self) -> dict[str, str]:
        """Rule id → Japanese name, for every id a decision of this city can carry that the policy names."""
        names = {rule.id: rule.name for rule in self.resolved_rules}
        names["personal_data"] = self.personal_data.name
        names["credentials"] = self.credentials.name
        names[FILE_RULE_ID] = self.file_rules.name
        return names

    @property
    def policy_version(self) -> str:
        return f"{self.id}@{self.version}#r{self.revision}"

    # Filled in by the loader: the shared rules resolved and overridden, then the city's own.
    resolved_rules: tuple[Rule, ...] = ()


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"正規表現 {pattern!r} が不正です（{exc.msg}）") from exc


def _load_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyError(path, "UTF-8 として読めません") from exc
    except OSError as exc:
        raise PolicyError(path, f"読み込めません（{exc.strerror}）") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise PolicyError(path, f"YAML の書式が正しくありません（{exc.problem}）", line) from exc
    duplicate = _first_duplicate_key(node)
    if duplicate is not None:
        key, line = duplicate
        raise PolicyError(path, f"項目 {key} が2回書かれています（後の値で前の値が消えてしまいます）", line)
    return data, node


def _first_duplicate_key(node: yaml.Node | None) -> tuple[str, int] | None:
    """PyYAML keeps the last of two equal keys without a word; a policy file must not."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.value in seen:
                return key_node.value, key_node.start_mark.line + 1
            seen.add(key_node.value)
            found = _first_duplicate_key(value_node)
            if found:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found = _first_duplicate_key(item)
            if found:
                return found
    return None


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a line number."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == key:
                    node = value_node
                    line = key_node.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


_PYDANTIC_JA = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "知らない項目です（綴りを確認してください）",
    "enum": "allow / confirm / block のいずれかを指定してください",
    "string_type": "文字列を指定してください",
    "list_type": "リストを指定してください",
    "dict_type": "対応表（キー: 値）を指定してください",
    "int_parsing": "整数を指定してください",
    "string_pattern_mismatch": "使えない文字が含まれています（英小文字・数字・_ . - のみ）",
    "greater_than_equal": "値が小さすぎます",
}


def _explain(path: Path, exc: ValidationError, node: yaml.Node | None, prefix: tuple[Any, ...] = ()) -> PolicyError:
    err = exc.errors()[0]
    loc = (*prefix, *err["loc"])
    field_name = ".".join(str(p) for p in loc) or "(ファイル全体)"
    reason = _PYDANTIC_JA.get(err["type"])
    if reason is None:
        msg = str(err.get("msg", ""))
        reason = msg.removeprefix("Value error, ")
    return PolicyError(path, f"{field_name}: {reason}", _line_of(node, loc))


def load_shared_rules(directory: Path) -> dict[str, tuple[Rule, Path]]:
    rules: dict[str, tuple[Rule, Path]] = {}
    for path in sorted(directory.glob("*.yaml")):
        data, node = _load_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
            raise PolicyError(path, "先頭に rules: のリストが必要です", 1)
        for index, raw in enumerate(data["rules"]):
            try:
                rule = Rule.model_validate(raw)
            except ValidationError as exc:
                raise _explain(path, exc, node, ("rules", index)) from exc
            if rule.id in rules:
                raise PolicyError(path, f"規則 {rule.id} が重複しています", _line_of(node, ("rules", index)))
            rules[rule.id] = (rule, path)
    return rules


def load_policy(path: Path, shared: dict[str, tuple[Rule, Path]]) -> Policy:
    data, node = _load_yaml(path)
    if not isinstance(data, dict):
        raise PolicyError(path, "ファイルの先頭は「項目: 値」の対応表にしてください", 1)
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise _explain(path, exc, node) from exc
    if policy.id != path.stem:
        reason = f"id: {policy.id} はファイル名 {path.stem} と一致させてください"
        raise PolicyError(path, reason, _line_of(node, ("id",)))
    resolved: list[Rule] = []
    for index, rule_id in enumerate(policy.shared_rules):
        if rule_id not in shared:
            raise PolicyError(path, f"共通規則 {rule_id} が見つかりません", _line_of(node, ("shared_rules", index)))
        rule = shared[rule_id][0]
        override = policy.overrides.get(rule_id)
        if override is not None:
            if override.disabled:
                continue
            changes = {k: v for k, v in override.model_dump().items() if v is not None and k != "disabled"}
            for key in ("article", "message"):
                if key in changes:
                    changes[key] = japanese_text(changes[key])
            rule = rule.model_copy(update=changes)
        resolved.append(rule)
    for rule_id in policy.overrides:
        if rule_id not in policy.shared_rules:
            reason = f"overrides の {rule_id} は shared_rules にありません"
            raise PolicyError(path, reason, _line_of(node, ("overrides", rule_id)))
    seen = {r.id for r in resolved}
    for rule in policy.rules:
        if rule.id in seen:
            raise PolicyError(path, f"規則 {rule.id} が重複しています", _line_of(node, ("rules",)))
        seen.add(rule.id)
        resolved.append(rule)
    return policy.model_copy(update={"resolved_rules": tuple(resolved)})


class PolicyBook:
    """Every city's policy, loaded and validated once."""

    def __init__(self, policies: dict[str, Policy]) -> None:
        self._policies = policies

    @classmethod
    def load(cls, directory: Path = POLICY_DIR) -> PolicyBook:
        shared = load_shared_rules(directory / SHARED_DIR_NAME)
        policies = {p.stem: load_policy(p, shared) for p in sorted(directory.glob("*.yaml"))}
        if not policies:
            raise PolicyError(directory, "市のポリシーファイル（*.yaml）が1つもありません")
        return cls(policies)

    @property
    def cities(self) -> list[str]:
        return sorted(self._policies)

    def get(self, city: str) -> Policy:
        try:
            return self._policies[city]
        except KeyError:
            known = "、".join(f"{c}（{p.name}）" for c, p in sorted(self._policies.items()))
            raise UnknownCityError(f"市「{city}」のポリシーはありません。使える市: {known}") from None


class UnknownCityError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


__all__ = ["FileRules", "Match", "Policy", "PolicyBook", "PolicyError", "Rule", "UnknownCityError"]
