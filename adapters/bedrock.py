"""Claude on Amazon Bedrock, through the official `anthropic` SDK (`AsyncAnthropicBedrock`).

    LLM_PROVIDER=bedrock
    LLM_MODEL    the model id or inference profile, e.g. jp.anthropic.claude-sonnet-4-5-20250929-v1:0
    AWS_REGION   e.g. ap-northeast-1 (東京); AWS_DEFAULT_REGION is read too
    credentials  the AWS credential chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN),
                 AWS_PROFILE, or the instance / task role — or a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK
    ANTHROPIC_BEDROCK_BASE_URL  a VPC endpoint or a gateway instead of bedrock-runtime.{region}.amazonaws.com

Needs the `bedrock` extra (boto3 and botocore, ~100 MB): pip install 'aigate[bedrock]'. The SDK
signs each request with SigV4; the answer comes in AWS event-stream frames (adapters/wire_events.py)
whose `bytes` hold the same Messages events as Anthropic's own API, so the reading is
ClaudeMessagesAdapter's.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Mapping
from typing import Any

from adapters.anthropic_messages import ClaudeMessagesAdapter
from adapters.env import Reader, env_value, require, require_package, temperature, url_value
from adapters.errors import LLMConfigError
from adapters.sdk_stream import aiohttp_client
from adapters.wire_events import WireEvent, aws_events

SECRET_VARIABLES = ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_BEARER_TOKEN_BEDROCK")


class BedrockAdapter(ClaudeMessagesAdapter):
    name = "bedrock"
    auth_message = (
        "生成AI（Amazon Bedrock）の認証に失敗しました（AWS の認証情報と、Bedrock でこのモデルを使う権限を"
        "確認する必要があります）。管理者に連絡してください。"
    )

    def __init__(
        self,
        *,
        model: str,
        region: str,
        base_url: str | None = None,
        api_key: str | None = None,
        secrets: tuple[str | None, ...] = (),
        temperature: float | None = None,
        client: Any = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(model=model, secrets=(*secrets, api_key), temperature=temperature, client=client, rng=rng)
        self.region = region
        self.base_url = (base_url or f"https://bedrock-runtime.{region}.amazonaws.com").rstrip("/")
        self._api_key = api_key

    def _where(self) -> str:
        return self.base_url

    def _wire(self, response: Any) -> AsyncIterator[WireEvent]:
        return aws_events(response)

    def _make_client(self) -> Any:
        import anthropic
        from anthropic import AsyncAnthropicBedrock

        # Credentials: the AWS chain (boto3) unless a Bedrock API key was given.
        return AsyncAnthropicBedrock(
            aws_region=self.region,
            base_url=self.base_url,
            api_key=self._api_key,
            max_retries=0,
            timeout=None,
            http_client=aiohttp_client(anthropic),
        )


def _region(env: Mapping[str, str]) -> str:
    region = env_value(env, "AWS_REGION") or env_value(env, "AWS_DEFAULT_REGION")
    if region is None:
        raise LLMConfigError(
            "環境変数 AWS_REGION が設定されていません。"
            "Bedrock を使うリージョン（例: ap-northeast-1）を指定してください。"
        )
    return region


def from_env(env: Mapping[str, str]) -> BedrockAdapter:
    r = Reader(env)
    model = r.read(
        require,
        "LLM_MODEL",
        "LLM_PROVIDER=bedrock ではモデルID または推論プロファイルID"
        "（例: jp.anthropic.claude-sonnet-4-5-20250929-v1:0）を指定してください。",
    )
    region = r.read(_region)
    base_url = r.read(url_value, "ANTHROPIC_BEDROCK_BASE_URL", "https://bedrock-runtime.ap-northeast-1.amazonaws.com")
    r.read(require_package, "botocore", "bedrock", "bedrock")
    temp = r.read(temperature, maximum=1)
    r.check()
    assert model and region
    return BedrockAdapter(
        model=model,
        region=region,
        base_url=base_url,
        api_key=env_value(env, "AWS_BEARER_TOKEN_BEDROCK"),
        secrets=tuple(env_value(env, name) for name in SECRET_VARIABLES),
        temperature=temp,
    )
