"""Azure OpenAI through its deployment URLs, with the official `openai` SDK (`AsyncAzureOpenAI`).

    LLM_PROVIDER=azure
    AZURE_OPENAI_ENDPOINT  https://RESOURCE.openai.azure.com (or a vendor's LGWAN-side gateway)
    LLM_MODEL              the deployment name (Azure portal → デプロイ), e.g. gpt-4o-mini-city
    OPENAI_API_VERSION     e.g. 2024-10-21
    AZURE_OPENAI_API_KEY   the resource key; without it, a Microsoft Entra ID token is used:
                           AZURE_OPENAI_AD_TOKEN (a token you renew yourself), or, with the
                           `azure` extra installed (pip install 'aigate[azure]'), azure-identity's
                           DefaultAzureCredential (managed identity, AZURE_CLIENT_ID/…, az login).

Requests go to {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…, the
form every Azure OpenAI resource and most vendors' gateways accept. The streamed chunks are the
OpenAI ones (plus Azure's content-filter results), so the reading is OpenAIChatAdapter's.
"""

from __future__ import annotations

import random
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import openai

from adapters.env import Reader, env_value, installed, require, temperature, url_value
from adapters.errors import LLMConfigError
from adapters.openai_chat import OpenAIChatAdapter, post_chat_completions, stream_usage
from adapters.sdk_stream import aiohttp_client

ENTRA_SCOPE = "https://cognitiveservices.azure.com/.default"
_API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}(-preview)?$")

TokenProvider = Callable[[], str | Awaitable[str]]


class AzureOpenAIAdapter(OpenAIChatAdapter):
    name = "azure"
    auth_message = (
        "生成AI（Azure OpenAI）の認証に失敗しました（APIキーまたは Entra ID の権限を確認する必要があります）。"
        "管理者に連絡してください。"
    )

    def __init__(
        self,
        *,
        deployment: str,
        endpoint: str,
        api_version: str,
        api_key: str | None = None,
        ad_token: str | None = None,
        token_provider: TokenProvider | None = None,
        include_usage: bool = True,
        temperature: float | None = None,
        client: Any = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(
            model=deployment,
            base_url=endpoint,
            api_key=api_key,
            include_usage=include_usage,
            temperature=temperature,
            client=client,
            rng=rng,
        )
        self.endpoint = endpoint.rstrip("/")
        self.api_version = api_version
        self._ad_token = ad_token
        self._token_provider = token_provider
        self._credential: Any = None  # azure-identity's credential, when this adapter made one
        self._secrets = (api_key, ad_token)

    def _where(self) -> str:
        return f"{self.endpoint} api-version={self.api_version}"

    def _max_tokens_field(self) -> str:
        return "max_completion_tokens" if self.api_version >= "2024-09-01" else "max_tokens"

    def _make_client(self) -> openai.AsyncAzureOpenAI:
        credential: dict[str, Any]
        if self._api_key:
            credential = {"api_key": self._api_key}
        elif self._ad_token:
            credential = {"azure_ad_token": self._ad_token}
        else:
            credential = {"azure_ad_token_provider": self._token_provider or self._entra_token_provider()}
        return openai.AsyncAzureOpenAI(
            azure_endpoint=self.endpoint,
            api_version=self.api_version,
            max_retries=0,
            timeout=None,
            http_client=aiohttp_client(openai),
            **credential,
        )

    def _entra_token_provider(self) -> TokenProvider:
        """Microsoft Entra ID through azure-identity (managed identity, AZURE_CLIENT_ID/…, az login)."""
        from azure.identity.aio import DefaultAzureCredential, get_bearer_token_provider

        self._credential = DefaultAzureCredential()
        return get_bearer_token_provider(self._credential, ENTRA_SCOPE)

    async def _open(self, request: dict[str, Any]) -> Any:
        return await post_chat_completions(self.client(), request, {})

    async def aclose(self) -> None:
        await super().aclose()
        if self._credential is not None:
            await self._credential.close()
            self._credential = None


def _api_version(env: Mapping[str, str]) -> str:
    value = require(env, "OPENAI_API_VERSION", "Azure OpenAI の API バージョン（例: 2024-10-21）を指定してください。")
    if not _API_VERSION.match(value):
        raise LLMConfigError(
            f"環境変数 OPENAI_API_VERSION の値「{value}」は API バージョンの形ではありません。"
            "例: 2024-10-21 や 2025-04-01-preview"
        )
    return value


def from_env(env: Mapping[str, str]) -> AzureOpenAIAdapter:
    r = Reader(env)
    endpoint = r.read(url_value, "AZURE_OPENAI_ENDPOINT", "https://city-ai.openai.azure.com")
    if endpoint is None and env_value(env, "AZURE_OPENAI_ENDPOINT") is None:
        r.problem(
            "環境変数 AZURE_OPENAI_ENDPOINT が設定されていません。Azure ポータルの「キーとエンドポイント」にある"
            " URL（例: https://city-ai.openai.azure.com）を指定してください。"
        )
    deployment = r.read(
        require,
        "LLM_MODEL",
        "LLM_PROVIDER=azure ではデプロイ名（Azure ポータルの「デプロイ」に表示される名前）を指定してください。",
    )
    api_version = r.read(_api_version)
    api_key = env_value(env, "AZURE_OPENAI_API_KEY")
    ad_token = env_value(env, "AZURE_OPENAI_AD_TOKEN")
    if api_key is None and ad_token is None and not installed("azure.identity"):
        r.problem(
            "環境変数 AZURE_OPENAI_API_KEY が設定されていません。APIキーを設定するか、Microsoft Entra ID で"
            "認証する場合は pip install 'aigate[azure]' で azure-identity を追加してください。"
        )
    temp = r.read(temperature, maximum=2)
    r.check()
    assert endpoint and deployment and api_version
    return AzureOpenAIAdapter(
        deployment=deployment,
        endpoint=endpoint,
        api_version=api_version,
        api_key=api_key,
        ad_token=ad_token,
        include_usage=stream_usage(env),
        temperature=temp,
    )
