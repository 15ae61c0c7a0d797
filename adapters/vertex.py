"""Claude on Google Cloud Vertex AI, through the official `anthropic` SDK (`AsyncAnthropicVertex`).

    LLM_PROVIDER=vertex
    LLM_MODEL                    e.g. claude-sonnet-4-5@20250929
    CLOUD_ML_REGION              e.g. asia-northeast1 (東京), us-east5 or global
    ANTHROPIC_VERTEX_PROJECT_ID  the Google Cloud project
    ANTHROPIC_VERTEX_BASE_URL    a Private Service Connect endpoint or a gateway (optional)
    credentials                  Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS,
                                 gcloud auth application-default login, or the attached service account)

Needs the `vertex` extra (google-auth): pip install 'aigate[vertex]'. Requests go to
…/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:streamRawPredict and the
answer is Anthropic's server-sent events, so the reading is ClaudeMessagesAdapter's.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from adapters.anthropic_messages import ClaudeMessagesAdapter
from adapters.env import Reader, require, require_package, temperature, url_value
from adapters.sdk_stream import aiohttp_client


class VertexAdapter(ClaudeMessagesAdapter):
    name = "vertex"
    auth_message = (
        "生成AI（Google Cloud Vertex AI）の認証に失敗しました（サービスアカウントの認証情報と、"
        "Vertex AI でこのモデルを使う権限を確認する必要があります）。管理者に連絡してください。"
    )

    def __init__(
        self,
        *,
        model: str,
        region: str,
        project_id: str,
        base_url: str | None = None,
        access_token: str | None = None,
        temperature: float | None = None,
        client: Any = None,
        rng: random.Random | None = None,
    ) -> None:
        """`access_token`: an OAuth token to send as is (tests, or a token minted elsewhere);
        None: Application Default Credentials through google-auth, refreshed by the SDK."""
        super().__init__(model=model, secrets=(access_token,), temperature=temperature, client=client, rng=rng)
        self.region = region
        self.project_id = project_id
        self.base_url = base_url.rstrip("/") if base_url else None
        self._access_token = access_token

    def _where(self) -> str:
        return self.base_url or f"vertex {self.region} project={self.project_id}"

    def _make_client(self) -> Any:
        import anthropic
        from anthropic import AsyncAnthropicVertex

        return AsyncAnthropicVertex(
            region=self.region,
            project_id=self.project_id,
            access_token=self._access_token,
            base_url=self.base_url,
            max_retries=0,
            timeout=None,
            http_client=aiohttp_client(anthropic),
        )


def from_env(env: Mapping[str, str]) -> VertexAdapter:
    r = Reader(env)
    model = r.read(
        require, "LLM_MODEL", "LLM_PROVIDER=vertex ではモデル名（例: claude-sonnet-4-5@20250929）を指定してください。"
    )
    region = r.read(
        require,
        "CLOUD_ML_REGION",
        "Vertex AI のリージョン（例: asia-northeast1、us-east5、global）を指定してください。",
    )
    project_id = r.read(
        require,
        "ANTHROPIC_VERTEX_PROJECT_ID",
        "Google Cloud のプロジェクトID（例: city-genai-prod）を指定してください。",
    )
    base_url = r.read(url_value, "ANTHROPIC_VERTEX_BASE_URL", "https://asia-northeast1-aiplatform.googleapis.com/v1")
    r.read(require_package, "google.auth", "vertex", "vertex")
    temp = r.read(temperature, maximum=1)
    r.check()
    assert model and region and project_id
    return VertexAdapter(model=model, region=region, project_id=project_id, base_url=base_url, temperature=temp)
