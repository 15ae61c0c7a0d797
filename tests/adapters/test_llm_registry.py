"""Choosing and configuring the adapter from the environment, with Japanese errors for every mistake."""

from __future__ import annotations

import pytest

from adapters import LLMConfigError, build_adapter, limits_from_env
from adapters.anthropic_messages import AnthropicMessagesAdapter
from adapters.offline import OfflineAdapter
from adapters.openai_chat import OpenAIChatAdapter
from adapters.registry import PROVIDERS


def test_offline_is_the_default():
    assert isinstance(build_adapter({}), OfflineAdapter)
    assert isinstance(build_adapter({"LLM_PROVIDER": " "}), OfflineAdapter)
    assert isinstance(build_adapter({"LLM_PROVIDER": "Offline"}), OfflineAdapter)


def test_every_registered_provider_is_one_importable_module():
    assert set(PROVIDERS) == {"offline", "openai", "anthropic"}


def test_unknown_provider_is_refused_in_japanese():
    with pytest.raises(LLMConfigError) as info:
        build_adapter({"LLM_PROVIDER": "gemini"})
    assert str(info.value) == (
        "環境変数 LLM_PROVIDER の値「gemini」は使えません。offline、openai、anthropic のいずれかを指定してください。"
    )


def test_openai_with_model_key_and_base_url():
    adapter = build_adapter(
        {
            "LLM_PROVIDER": "openai",
            "LLM_MODEL": "gpt-4.1-mini",
            "OPENAI_API_KEY": "sk-abcdefghijkl",
            "OPENAI_BASE_URL": "https://example.openai.azure.com/openai/v1/",
        }
    )
    assert isinstance(adapter, OpenAIChatAdapter)
    assert adapter.model == "gpt-4.1-mini"
    assert adapter.base_url == "https://example.openai.azure.com/openai/v1"
    assert "sk-abcdefghijkl" not in repr(adapter)


def test_openai_needs_a_model():
    with pytest.raises(LLMConfigError, match="環境変数 LLM_MODEL が設定されていません"):
        build_adapter({"LLM_PROVIDER": "openai", "OPENAI_API_KEY": "sk-x"})


@pytest.mark.parametrize("base_url", [None, "https://api.openai.com/v1", "https://city.openai.azure.com/openai/v1"])
def test_openai_hosted_needs_a_key(base_url):
    env = {"LLM_PROVIDER": "openai", "LLM_MODEL": "gpt-4.1-mini"}
    if base_url:
        env["OPENAI_BASE_URL"] = base_url
    with pytest.raises(LLMConfigError, match=r"環境変数 OPENAI_API_KEY が設定されていません。.*API キーが必要です"):
        build_adapter(env)


def test_openai_compatible_local_server_needs_no_key():
    adapter = build_adapter(
        {"LLM_PROVIDER": "openai", "LLM_MODEL": "llama3.1", "OPENAI_BASE_URL": "http://localhost:11434/v1"}
    )
    assert isinstance(adapter, OpenAIChatAdapter)
    assert adapter.request_body([])["model"] == "llama3.1"


def test_openai_base_url_must_be_a_url():
    with pytest.raises(LLMConfigError, match="OPENAI_BASE_URL の値「localhost:11434」は URL ではありません"):
        build_adapter({"LLM_PROVIDER": "openai", "LLM_MODEL": "m", "OPENAI_BASE_URL": "localhost:11434"})


def test_openai_usage_request_can_be_switched_off_for_old_servers():
    env = {"LLM_PROVIDER": "openai", "LLM_MODEL": "m", "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1"}
    assert "stream_options" in build_adapter(env).request_body([])
    assert "stream_options" not in build_adapter({**env, "OPENAI_STREAM_USAGE": "0"}).request_body([])


def test_anthropic_needs_its_key():
    with pytest.raises(LLMConfigError, match="環境変数 ANTHROPIC_API_KEY が設定されていません"):
        build_adapter({"LLM_PROVIDER": "anthropic", "LLM_MODEL": "claude-sonnet-4-5"})


def test_anthropic_with_key_and_base_url():
    adapter = build_adapter(
        {
            "LLM_PROVIDER": "anthropic",
            "LLM_MODEL": "claude-sonnet-4-5",
            "ANTHROPIC_API_KEY": "sk-ant-xyz123456",
            "ANTHROPIC_BASE_URL": "https://gw.city.example/",
        }
    )
    assert isinstance(adapter, AnthropicMessagesAdapter)
    assert adapter.base_url == "https://gw.city.example"
    assert "sk-ant-xyz123456" not in repr(adapter)


def test_limits_from_env():
    limits = limits_from_env(
        {
            "LLM_FIRST_TOKEN_TIMEOUT": "10",
            "LLM_IDLE_TIMEOUT": "2.5",
            "LLM_TOTAL_TIMEOUT": "60",
            "LLM_MAX_OUTPUT_TOKENS": "1000",
        }
    )
    assert (limits.first_token_s, limits.idle_s, limits.total_s, limits.max_output_tokens) == (10, 2.5, 60, 1000)
    assert limits_from_env({}).first_token_s == 30.0


@pytest.mark.parametrize(
    ("var", "value", "kind"),
    [
        ("LLM_IDLE_TIMEOUT", "abc", "正の数（秒）"),
        ("LLM_TOTAL_TIMEOUT", "-1", "正の数（秒）"),
        ("LLM_FIRST_TOKEN_TIMEOUT", "inf", "正の数（秒）"),
        ("LLM_MAX_OUTPUT_TOKENS", "1.5", "正の整数"),
    ],
)
def test_bad_limits_are_refused_in_japanese(var, value, kind):
    with pytest.raises(LLMConfigError) as info:
        limits_from_env({var: value})
    assert str(info.value) == f"環境変数 {var} の値「{value}」は使えません。{kind}を指定してください。"
