"""Choosing and configuring the adapter from the environment, with Japanese errors for every mistake."""

from __future__ import annotations

import importlib

import pytest

from adapters import LLMConfigError, build_adapter, limits_from_env
from adapters.anthropic_messages import AnthropicMessagesAdapter
from adapters.azure_openai import AzureOpenAIAdapter
from adapters.bedrock import BedrockAdapter
from adapters.offline import OfflineAdapter
from adapters.openai_chat import OpenAIChatAdapter
from adapters.registry import PROVIDERS, problems
from adapters.vertex import VertexAdapter


def test_offline_is_the_default():
    assert isinstance(build_adapter({}), OfflineAdapter)
    assert isinstance(build_adapter({"LLM_PROVIDER": " "}), OfflineAdapter)
    assert isinstance(build_adapter({"LLM_PROVIDER": "Offline"}), OfflineAdapter)


def test_every_registered_provider_is_one_importable_module():
    assert set(PROVIDERS) == {"offline", "openai", "azure", "anthropic", "bedrock", "vertex"}
    for module in PROVIDERS.values():
        assert callable(importlib.import_module(module).from_env)


def test_unknown_provider_is_refused_in_japanese():
    with pytest.raises(LLMConfigError) as info:
        build_adapter({"LLM_PROVIDER": "gemini"})
    assert str(info.value) == (
        "環境変数 LLM_PROVIDER の値「gemini」は使えません。"
        "offline、openai、azure、anthropic、bedrock、vertex のいずれかを指定してください。"
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
            "LLM_MAX_TOKENS": "1000",
        }
    )
    assert (limits.first_token_s, limits.idle_s, limits.total_s, limits.max_output_tokens) == (10, 2.5, 60, 1000)
    assert limits_from_env({}).first_token_s == 30.0
    assert limits_from_env({}).max_output_tokens is None  # the provider's default
    assert limits_from_env({"LLM_MAX_OUTPUT_TOKENS": "800"}).max_output_tokens == 800  # the earlier name


@pytest.mark.parametrize(
    ("var", "value", "kind"),
    [
        ("LLM_IDLE_TIMEOUT", "abc", "正の数（秒）"),
        ("LLM_TOTAL_TIMEOUT", "-1", "正の数（秒）"),
        ("LLM_FIRST_TOKEN_TIMEOUT", "inf", "正の数（秒）"),
        ("LLM_MAX_TOKENS", "1.5", "正の整数"),
    ],
)
def test_bad_limits_are_refused_in_japanese(var, value, kind):
    with pytest.raises(LLMConfigError) as info:
        limits_from_env({var: value})
    assert str(info.value) == f"環境変数 {var} の値「{value}」は使えません。{kind}を指定してください。"


AZURE = {
    "LLM_PROVIDER": "azure",
    "AZURE_OPENAI_ENDPOINT": "https://city-ai.openai.azure.com/",
    "AZURE_OPENAI_API_KEY": "azure-key-0123456789",
    "OPENAI_API_VERSION": "2024-10-21",
    "LLM_MODEL": "gpt-4o-mini-city",
}
BEDROCK = {"LLM_PROVIDER": "bedrock", "AWS_REGION": "ap-northeast-1", "LLM_MODEL": "jp.anthropic.claude-x-v1:0"}
VERTEX = {
    "LLM_PROVIDER": "vertex",
    "CLOUD_ML_REGION": "asia-northeast1",
    "ANTHROPIC_VERTEX_PROJECT_ID": "city-genai",
    "LLM_MODEL": "claude-sonnet-4-5@20250929",
}


def test_azure_from_the_sdk_variable_names():
    adapter = build_adapter(AZURE)
    assert isinstance(adapter, AzureOpenAIAdapter)
    assert (adapter.model, adapter.endpoint, adapter.api_version) == (
        "gpt-4o-mini-city",
        "https://city-ai.openai.azure.com",
        "2024-10-21",
    )
    assert "azure-key-0123456789" not in repr(adapter)


def test_azure_lists_every_missing_setting_at_once():
    assert problems({"LLM_PROVIDER": "azure"}) == [
        "環境変数 AZURE_OPENAI_ENDPOINT が設定されていません。Azure ポータルの「キーとエンドポイント」にある"
        " URL（例: https://city-ai.openai.azure.com）を指定してください。",
        "環境変数 LLM_MODEL が設定されていません。"
        "LLM_PROVIDER=azure ではデプロイ名（Azure ポータルの「デプロイ」に表示される名前）を指定してください。",
        "環境変数 OPENAI_API_VERSION が設定されていません。"
        "Azure OpenAI の API バージョン（例: 2024-10-21）を指定してください。",
        "環境変数 AZURE_OPENAI_API_KEY が設定されていません。APIキーを設定するか、Microsoft Entra ID で"
        "認証する場合は pip install 'aigate[azure]' で azure-identity を追加してください。",
    ]


def test_azure_entra_token_instead_of_a_key():
    env = {**AZURE, "AZURE_OPENAI_API_KEY": "", "AZURE_OPENAI_AD_TOKEN": "eyJ-entra-token"}
    assert problems(env) == []
    assert "eyJ-entra-token" not in repr(build_adapter(env))


def test_azure_api_version_must_look_like_one():
    assert problems({**AZURE, "OPENAI_API_VERSION": "latest"}) == [
        "環境変数 OPENAI_API_VERSION の値「latest」は API バージョンの形ではありません。"
        "例: 2024-10-21 や 2025-04-01-preview"
    ]


def test_bedrock_region_and_model():
    adapter = build_adapter(BEDROCK)
    assert isinstance(adapter, BedrockAdapter)
    assert adapter.base_url == "https://bedrock-runtime.ap-northeast-1.amazonaws.com"
    gateway = build_adapter({**BEDROCK, "ANTHROPIC_BEDROCK_BASE_URL": "https://vpce-1.bedrock-runtime.example/"})
    assert gateway.base_url == "https://vpce-1.bedrock-runtime.example"
    assert build_adapter({**BEDROCK, "AWS_REGION": "", "AWS_DEFAULT_REGION": "us-east-1"}).region == "us-east-1"


def test_bedrock_without_region_or_model():
    assert problems({"LLM_PROVIDER": "bedrock"}) == [
        "環境変数 LLM_MODEL が設定されていません。LLM_PROVIDER=bedrock ではモデルID または推論プロファイルID"
        "（例: jp.anthropic.claude-sonnet-4-5-20250929-v1:0）を指定してください。",
        "環境変数 AWS_REGION が設定されていません。Bedrock を使うリージョン（例: ap-northeast-1）を指定してください。",
    ]


def test_vertex_settings():
    adapter = build_adapter(VERTEX)
    assert isinstance(adapter, VertexAdapter)
    assert (adapter.region, adapter.project_id, adapter.base_url) == ("asia-northeast1", "city-genai", None)
    assert problems({"LLM_PROVIDER": "vertex", "LLM_MODEL": "claude-x"}) == [
        "環境変数 CLOUD_ML_REGION が設定されていません。"
        "Vertex AI のリージョン（例: asia-northeast1、us-east5、global）を指定してください。",
        "環境変数 ANTHROPIC_VERTEX_PROJECT_ID が設定されていません。"
        "Google Cloud のプロジェクトID（例: city-genai-prod）を指定してください。",
    ]


@pytest.mark.parametrize(("env", "maximum"), [(AZURE, "2"), (BEDROCK, "1"), (VERTEX, "1")])
def test_temperature_applies_to_every_provider_within_its_range(env, maximum):
    assert build_adapter({**env, "LLM_TEMPERATURE": "0.2"}).temperature == 0.2
    assert problems({**env, "LLM_TEMPERATURE": "1.5" if maximum == "1" else "2.5"}) == [
        f"環境変数 LLM_TEMPERATURE の値「{'1.5' if maximum == '1' else '2.5'}」は使えません。0 から {maximum} までの数"
        "（例: 0.2。小さいほど毎回同じような回答になります）を指定してください。"
    ]


def test_provider_name_is_read_with_spaces_and_case_ignored():
    adapter = build_adapter(
        {"LLM_PROVIDER": " OpenAI ", "LLM_MODEL": "m", "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1"}
    )
    assert isinstance(adapter, OpenAIChatAdapter)


def test_key_less_anthropic_proxy_is_accepted():
    assert problems({"LLM_PROVIDER": "anthropic", "LLM_MODEL": "c", "ANTHROPIC_BASE_URL": "http://proxy.local"}) == []


def test_problems_lists_provider_and_limit_mistakes_together():
    assert problems({"LLM_PROVIDER": "openai", "LLM_IDLE_TIMEOUT": "x", "LLM_TEMPERATURE": "hot"}) == [
        "環境変数 LLM_MODEL が設定されていません。"
        "LLM_PROVIDER=openai では使うモデル名（例: gpt-4.1-mini）を指定してください。",
        "環境変数 OPENAI_API_KEY が設定されていません。api.openai.com を使うには API キーが必要です。",
        "環境変数 LLM_TEMPERATURE の値「hot」は使えません。0 から 2 までの数"
        "（例: 0.2。小さいほど毎回同じような回答になります）を指定してください。",
        "環境変数 LLM_IDLE_TIMEOUT の値「x」は使えません。正の数（秒）を指定してください。",
    ]


def test_missing_optional_package_names_the_extra(monkeypatch):
    import adapters.env

    monkeypatch.setattr(adapters.env, "installed", lambda module: False)
    assert problems(BEDROCK) == [
        "LLM_PROVIDER=bedrock に必要なパッケージ（botocore）が入っていません。"
        "pip install 'aigate[bedrock]' で追加してください。"
    ]
    assert problems(VERTEX) == [
        "LLM_PROVIDER=vertex に必要なパッケージ（google.auth）が入っていません。"
        "pip install 'aigate[vertex]' で追加してください。"
    ]
