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
# Named sets of none_of patterns that several rules share (a question about the rules or about a term is
# not a request of any kind); a rule names one in its none_of as '@about_the_rules'.
EXCEPTIONS_FILE_NAME = "exceptions.yaml"
_SET_NAME = re.compile(r"@([a-z][a-z0-9_]*)")


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
            if not _SET_NAME.fullmatch(pattern):  # '@name': a shared set, resolved by the loader
                _compile(pattern)
        return patterns

    @property
    def exception_sets(self) -> list[tuple[int, str]]:
        """(index, name) of each shared exception set named in none_of ('@about_the_rules')."""
        return [(i, m.group(1)) for i, p in enumerate(self.none_of) if (m := _SET_NAME.fullmatch(p))]

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
        if self.exception_sets:
            raise RuntimeError("a rule's shared exception sets must be resolved by the loader first")
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


def load_exception_sets(directory: Path) -> dict[str, tuple[str, ...]]:
    """policies/shared/exceptions.yaml: `exceptions:` maps a set's name to its none_of patterns."""
    path = directory / EXCEPTIONS_FILE_NAME
    if not path.exists():
        return {}
    data, node = _load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("exceptions"), dict):
        raise PolicyError(path, "先頭に exceptions: の対応表（組の名前: パターンのリスト）が必要です", 1)
    sets: dict[str, tuple[str, ...]] = {}
    for name, patterns in data["exceptions"].items():
        line = _line_of(node, ("exceptions", name))
        if not isinstance(name, str) or not _SET_NAME.fullmatch(f"@{name}"):
            raise PolicyError(path, f"例外の組の名前 {name} には英小文字・数字・_ だけを使ってください", line)
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
            raise PolicyError(path, f"例外の組 {name} にはパターン（文字列）のリストが必要です", line)
        for index, pattern in enumerate(patterns):
            try:
                _compile(pattern)
            except ValueError as exc:
                at = _line_of(node, ("exceptions", name, index))
                raise PolicyError(path, f"exceptions.{name}: {exc}", at) from exc
        sets[name] = tuple(patterns)
    return sets


def _with_exception_sets(
    rule: Rule, sets: dict[str, tuple[str, ...]], path: Path, node: yaml.Node | None, at: tuple[Any, ...]
) -> Rule:
    """The rule with each '@name' in its none_of replaced by that shared set's patterns."""
    named = rule.match.exception_sets
    if not named:
        return rule
    by_index = dict(named)
    none_of: list[str] = []
    for index, pattern in enumerate(rule.match.none_of):
        name = by_index.get(index)
        if name is None:
            none_of.append(pattern)
        elif name in sets:
            none_of.extend(p for p in sets[name] if p not in none_of)
        else:
            line = _line_of(node, (*at, "match", "none_of", index))
            raise PolicyError(path, f"例外の組 @{name} が {SHARED_DIR_NAME}/{EXCEPTIONS_FILE_NAME} にありません", line)
    match = Match.model_validate({**rule.match.model_dump(), "none_of": none_of})
    return rule.model_copy(update={"match": match})


def load_shared_rules(
    directory: Path, exception_sets: dict[str, tuple[str, ...]] | None = None
) -> dict[str, tuple[Rule, Path]]:
    rules: dict[str, tuple[Rule, Path]] = {}
    sets = load_exception_sets(directory) if exception_sets is None else exception_sets
    for path in sorted(directory.glob("*.yaml")):
        if path.name == EXCEPTIONS_FILE_NAME:
            continue
        data, node = _load_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
            raise PolicyError(path, "先頭に rules: のリストが必要です", 1)
        for index, raw in enumerate(data["rules"]):
            try:
                rule = Rule.model_validate(raw)
            except ValidationError as exc:
                raise _explain(path, exc, node, ("rules", index)) from exc
            rule = _with_exception_sets(rule, sets, path, node, ("rules", index))
            if rule.id in rules:
                raise PolicyError(path, f"規則 {rule.id} が重複しています", _line_of(node, ("rules", index)))
            rules[rule.id] = (rule, path)
    return rules


def load_policy(
    path: Path, shared: dict[str, tuple[Rule, Path]], exception_sets: dict[str, tuple[str, ...]] | None = None
) -> Policy:
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
    for index, rule in enumerate(policy.rules):
        if rule.id in seen:
            raise PolicyError(path, f"規則 {rule.id} が重複しています", _line_of(node, ("rules",)))
        seen.add(rule.id)
        resolved.append(_with_exception_sets(rule, exception_sets or {}, path, node, ("rules", index)))
    return policy.model_copy(update={"resolved_rules": tuple(resolved)})


class PolicyBook:
    """Every city's policy, loaded and validated once."""

    def __init__(self, policies: dict[str, Policy]) -> None:
        self._policies = policies

    @classmethod
    def load(cls, directory: Path = POLICY_DIR) -> PolicyBook:
        sets = load_exception_sets(directory / SHARED_DIR_NAME)
        shared = load_shared_rules(directory / SHARED_DIR_NAME, sets)
        policies = {p.stem: load_policy(p, shared, sets) for p in sorted(directory.glob("*.yaml"))}
        if not policies:
            raise PolicyError(directory, "市のポリシーファイル（*.yaml）が1つもありません")
        return cls(policies)

    @property
    def cities(self) -> list[str]:
        return sorted(self._policies)

    def compile_patterns(self) -> int:
        """Compile every rule's pattern groups of every city now; returns how many rule matches were compiled.

        Compiled lazily, the first message that reaches a rule pays for its groups (0.2–0.4 s each, ~4 s for all).
        A server calls this at start-up (bot/startup.py); the one-shot `check` command does not, to start fast."""
        matches = {id(r.match): r.match for p in self._policies.values() for r in p.resolved_rules}
        for match in matches.values():
            # cached_property: kept on the Match; each group compiles its alternatives now too
            for group in [*match.compiled_all, *([match.compiled_none] if match.compiled_none else [])]:
                group.prepare()
        return len(matches)

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
