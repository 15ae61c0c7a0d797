"""Reading adapter settings from an environment mapping: one set of rules for every provider.

Values are stripped of surrounding spaces and an empty value counts as unset, so `" openai "`
and `LLM_MODEL=` mean the same here as everywhere else. Every mistake is an `LLMConfigError`
whose Japanese message names the variable and says what to write.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit

from adapters.errors import LLMConfigError

T = TypeVar("T")


class Reader:
    """Reads several settings and keeps going after a mistake, so every problem is reported at once.

    r = Reader(env)
    model = r.read(require, "LLM_MODEL", "…")
    region = r.read(require, "AWS_REGION", "…")
    r.check()  # raises one LLMConfigError listing every problem
    """

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env
        self.problems: list[str] = []

    def read(self, rule: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return rule(self.env, *args, **kwargs)
        except LLMConfigError as exc:
            self.problems.extend(exc.problems)
            return None

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def check(self) -> None:
        if self.problems:
            raise LLMConfigError(problems=self.problems)


def env_value(env: Mapping[str, str], name: str) -> str | None:
    """A variable's value with surrounding spaces removed; empty counts as unset."""
    value = env.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def require(env: Mapping[str, str], name: str, why: str) -> str:
    value = env_value(env, name)
    if value is None:
        raise LLMConfigError(f"環境変数 {name} が設定されていません。{why}")
    return value


def url_value(env: Mapping[str, str], name: str, example: str) -> str | None:
    """An optional http(s) URL; anything else is refused with an example of what to write."""
    value = env_value(env, name)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LLMConfigError(f"環境変数 {name} の値「{value}」は URL ではありません。例: {example}")
    return value


def positive_number(env: Mapping[str, str], name: str, cast: type[float] | type[int]) -> float | int | None:
    raw = env_value(env, name)
    if raw is None:
        return None
    try:
        number = cast(raw)
    except ValueError:
        number = 0
    if not (number > 0 and math.isfinite(number)):
        kind = "正の整数" if cast is int else "正の数（秒）"
        raise LLMConfigError(f"環境変数 {name} の値「{raw}」は使えません。{kind}を指定してください。")
    return number


def temperature(env: Mapping[str, str], *, maximum: float) -> float | None:
    """LLM_TEMPERATURE: how freely the model words its answer; unset leaves the provider's default."""
    raw = env_value(env, "LLM_TEMPERATURE")
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0 <= value <= maximum:
        raise LLMConfigError(
            f"環境変数 LLM_TEMPERATURE の値「{raw}」は使えません。0 から {maximum:g} までの数"
            "（例: 0.2。小さいほど毎回同じような回答になります）を指定してください。"
        )
    return value


def installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # the parent package is missing
        return False


def require_package(env: Mapping[str, str], module: str, extra: str, provider: str) -> None:
    """Refuse a provider whose optional packages are not installed, naming the pip extra to add."""
    if not installed(module):
        raise LLMConfigError(
            f"LLM_PROVIDER={provider} に必要なパッケージ（{module}）が入っていません。"
            f"pip install 'aigate[{extra}]' で追加してください。"
        )
