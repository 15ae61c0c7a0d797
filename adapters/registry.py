"""Build the configured adapter from the environment — the one rulebook for the LLM settings.

    LLM_PROVIDER  offline (default) | openai | azure | anthropic | bedrock | vertex
    LLM_MODEL     the model (the deployment name on Azure, the model id / inference profile on Bedrock)
    LLM_MAX_TOKENS     the longest answer, in tokens (all providers; Claude needs one: 4096 by default)
    LLM_TEMPERATURE    0–2 for openai/azure, 0–1 for the Claude providers; unset: the provider's default
    LLM_FIRST_TOKEN_TIMEOUT, LLM_IDLE_TIMEOUT, LLM_TOTAL_TIMEOUT   seconds
    …and each provider's own variables, named as its SDK names them (see each adapter module).

A new adapter is one module exposing `from_env(env) -> LLMAdapter` and one line in PROVIDERS.
Every mistake is an `LLMConfigError` whose `problems` name the variable and what to write, in
Japanese. `bot/config.py` asks `problems(env)` instead of keeping rules of its own.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping

from adapters.base import LLMAdapter, StreamLimits
from adapters.env import Reader, env_value, positive_number
from adapters.errors import LLMConfigError

PROVIDERS: dict[str, str] = {
    "offline": "adapters.offline",
    "openai": "adapters.openai_chat",
    "azure": "adapters.azure_openai",
    "anthropic": "adapters.anthropic_messages",
    "bedrock": "adapters.bedrock",
    "vertex": "adapters.vertex",
}
DEFAULT_PROVIDER = "offline"


def provider_name(env: Mapping[str, str]) -> str:
    """LLM_PROVIDER as the registry reads it: spaces removed, case ignored, offline when unset."""
    provider = (env_value(env, "LLM_PROVIDER") or DEFAULT_PROVIDER).lower()
    if provider not in PROVIDERS:
        choices = "、".join(PROVIDERS)
        raise LLMConfigError(
            f"環境変数 LLM_PROVIDER の値「{provider}」は使えません。{choices} のいずれかを指定してください。"
        )
    return provider


def build_adapter(env: Mapping[str, str] | None = None) -> LLMAdapter:
    """The adapter named by LLM_PROVIDER (offline when unset), configured from `env` (default: os.environ)."""
    env = os.environ if env is None else env
    module = importlib.import_module(PROVIDERS[provider_name(env)])
    return module.from_env(env)


def limits_from_env(env: Mapping[str, str] | None = None) -> StreamLimits:
    """StreamLimits with the LLM_* limit variables applied; every bad number is refused in Japanese."""
    env = os.environ if env is None else env
    r = Reader(env)
    values: dict[str, float | int] = {}
    for var, field_name, cast in (
        ("LLM_FIRST_TOKEN_TIMEOUT", "first_token_s", float),
        ("LLM_IDLE_TIMEOUT", "idle_s", float),
        ("LLM_TOTAL_TIMEOUT", "total_s", float),
        ("LLM_MAX_TOKENS", "max_output_tokens", int),
        ("LLM_MAX_OUTPUT_TOKENS", "max_output_tokens", int),  # the earlier name, still read
    ):
        number = r.read(positive_number, var, cast)
        if number is not None:
            values.setdefault(field_name, number)
    r.check()
    return StreamLimits(**values)


def problems(env: Mapping[str, str] | None = None) -> list[str]:
    """Every mistake in the LLM settings, in Japanese; empty when the adapter can be built.

    Builds the adapter exactly as start-up will (so the two can never disagree) and releases it;
    building opens no connection.
    """
    env = os.environ if env is None else env
    found: list[str] = []
    for check in (build_adapter, limits_from_env):
        try:
            check(env)
        except LLMConfigError as exc:
            found.extend(exc.problems)
    return found
