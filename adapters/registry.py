"""Build the configured adapter from the environment.

    LLM_PROVIDER  offline (default) | openai | anthropic
    LLM_MODEL     the model name (required for openai and anthropic)
    OPENAI_BASE_URL, OPENAI_API_KEY, ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY   (see each adapter)
    LLM_FIRST_TOKEN_TIMEOUT, LLM_IDLE_TIMEOUT, LLM_TOTAL_TIMEOUT (seconds), LLM_MAX_OUTPUT_TOKENS

A new adapter is one module exposing `from_env(env) -> LLMAdapter` and one line in PROVIDERS.
Every mistake is an `LLMConfigError` whose message names the variable and what to write, in Japanese.
"""

from __future__ import annotations

import importlib
import math
import os
from collections.abc import Mapping

from adapters.base import LLMAdapter, StreamLimits
from adapters.errors import LLMConfigError

PROVIDERS: dict[str, str] = {
    "offline": "adapters.offline",
    "openai": "adapters.openai_chat",
    "anthropic": "adapters.anthropic_messages",
}
DEFAULT_PROVIDER = "offline"


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


def build_adapter(env: Mapping[str, str] | None = None) -> LLMAdapter:
    """The adapter named by LLM_PROVIDER (offline when unset), configured from `env` (default: os.environ)."""
    env = os.environ if env is None else env
    provider = (env_value(env, "LLM_PROVIDER") or DEFAULT_PROVIDER).lower()
    module_name = PROVIDERS.get(provider)
    if module_name is None:
        choices = "、".join(PROVIDERS)
        raise LLMConfigError(
            f"環境変数 LLM_PROVIDER の値「{provider}」は使えません。{choices} のいずれかを指定してください。"
        )
    module = importlib.import_module(module_name)
    return module.from_env(env)


def limits_from_env(env: Mapping[str, str] | None = None) -> StreamLimits:
    """StreamLimits with any of the four LLM_* limit variables applied; bad numbers are refused in Japanese."""
    env = os.environ if env is None else env
    values: dict[str, float | int] = {}
    for var, field_name, cast in (
        ("LLM_FIRST_TOKEN_TIMEOUT", "first_token_s", float),
        ("LLM_IDLE_TIMEOUT", "idle_s", float),
        ("LLM_TOTAL_TIMEOUT", "total_s", float),
        ("LLM_MAX_OUTPUT_TOKENS", "max_output_tokens", int),
    ):
        raw = env_value(env, var)
        if raw is None:
            continue
        try:
            number = cast(raw)
        except ValueError:
            number = 0
        if not (number > 0 and math.isfinite(number)):
            kind = "正の整数" if cast is int else "正の数（秒）"
            raise LLMConfigError(f"環境変数 {var} の値「{raw}」は使えません。{kind}を指定してください。")
        values[field_name] = number
    return StreamLimits(**values)
