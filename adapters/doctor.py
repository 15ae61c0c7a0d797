"""`python -m bot doctor` for the model: can the chosen provider be reached, and does the model answer?

The settings themselves were already checked (registry.problems). Here one short request is sent
through the configured adapter exactly as an answer would be (same SDK client, same limits), with
a fixed prompt that holds no personal data, and every way it can fail is explained in Japanese with
what to check for that provider: the address, the key or role, the model or deployment name.
"""

from __future__ import annotations

from dataclasses import dataclass

from adapters.base import ChatMessage, LLMAdapter, RetryPolicy, StreamLimits, collect
from adapters.errors import (
    LLMAnswerTruncated,
    LLMAuthError,
    LLMBadRequest,
    LLMError,
    LLMProtocolError,
    LLMRateLimited,
    LLMTimeout,
    LLMUnavailable,
)

PROBE = [ChatMessage("user", "接続確認です。「OK」とだけ返してください。")]
PROBE_LIMITS = StreamLimits(
    first_token_s=30, idle_s=20, total_s=60, max_output_tokens=16, retry=RetryPolicy(max_attempts=2)
)

WHERE = {
    "openai": "OPENAI_BASE_URL（既定 https://api.openai.com/v1。Ollama なら http://ホスト:11434/v1 のように /v1 まで）",
    "azure": "AZURE_OPENAI_ENDPOINT（https://リソース名.openai.azure.com）と、"
    "そこへ出られるネットワーク経路（LGWAN 接続口・プロキシ）",
    "anthropic": "ANTHROPIC_BASE_URL（既定 https://api.anthropic.com）と、そこへ出られるネットワーク経路",
    "bedrock": "AWS_REGION と、bedrock-runtime.リージョン.amazonaws.com"
    "（または ANTHROPIC_BEDROCK_BASE_URL の VPC エンドポイント）への経路",
    "vertex": "CLOUD_ML_REGION と、リージョン-aiplatform.googleapis.com（または ANTHROPIC_VERTEX_BASE_URL）への経路",
}
CREDENTIALS = {
    "openai": "OPENAI_API_KEY が正しいか、失効していないか",
    "azure": "AZURE_OPENAI_API_KEY（Azure ポータルの「キーとエンドポイント」）、または Entra ID の場合はボットの ID に"
    "「Cognitive Services OpenAI User」ロールが付いているか",
    "anthropic": "ANTHROPIC_API_KEY が正しいか、失効していないか",
    "bedrock": "AWS の認証情報（アクセスキー・AWS_PROFILE・インスタンスロール）と、その IAM に"
    " bedrock:InvokeModelWithResponseStream の権限があるか、Bedrock コンソールでこのモデルのアクセスが有効か",
    "vertex": "Google Cloud の認証情報（GOOGLE_APPLICATION_CREDENTIALS など）と、そのサービスアカウントに"
    "「Vertex AI ユーザー」ロールがあるか、Model Garden でこの Claude モデルが有効か",
}
MODEL = {
    "openai": "LLM_MODEL のモデル名（ローカルのサーバーなら、そのモデルを取り込み済みか。例: ollama pull）",
    "azure": "LLM_MODEL がデプロイ名（モデル名ではなく、Azure ポータルの「デプロイ」に表示される名前）か、"
    "OPENAI_API_VERSION がそのリソースで使えるか",
    "anthropic": "LLM_MODEL のモデル名（例: claude-sonnet-4-5）",
    "bedrock": "LLM_MODEL のモデルID・推論プロファイルID が AWS_REGION で使えるか（例: jp.anthropic.… は東京・大阪）",
    "vertex": "LLM_MODEL（例: claude-sonnet-4-5@20250929）が CLOUD_ML_REGION で提供されているか",
}


@dataclass(frozen=True)
class ModelCheck:
    ok: bool
    lines: list[str]


def _explain(provider: str, model: str, error: LLMError) -> list[str]:
    detail = f"（詳細: {error.for_log()}）"
    if isinstance(error, LLMAuthError):
        return [f"✗ 認証に失敗しました。確認すること: {CREDENTIALS.get(provider, '認証情報')}。", detail]
    if isinstance(error, LLMBadRequest) and (error.status == 404 or "model" in error.detail.lower()):
        advice = MODEL.get(provider, "LLM_MODEL")
        return [f"✗ モデル「{model}」が見つからないか、使えません。確認すること: {advice}。", detail]
    if isinstance(error, LLMProtocolError):
        return [
            "✗ 接続先は応答しましたが、生成AIの API の形ではありませんでした。"
            f"接続先の URL を確認してください: {WHERE.get(provider, '接続先')}。",
            detail,
        ]
    if isinstance(error, LLMRateLimited):
        return [
            "△ 接続・認証はできましたが、利用上限（レート制限・クォータ）に達しています。"
            "時間をおくか、上限の引き上げを申請してください。",
            detail,
        ]
    if isinstance(error, LLMTimeout):
        return [
            f"✗ {error.seconds:g}秒以内に応答が始まりませんでした。混雑しているか、経路の途中で止まっています。"
            f"確認すること: {WHERE.get(provider, '接続先')}。",
            detail,
        ]
    if isinstance(error, LLMUnavailable):
        if error.status is None:
            return [f"✗ 接続できませんでした。確認すること: {WHERE.get(provider, '接続先')}。", detail]
        return [
            "✗ 生成AIのサービス側でエラーになりました（一時的な障害の可能性があります）。"
            "時間をおいて再度お試しください。",
            detail,
        ]
    return [f"✗ 依頼が受け付けられませんでした: {error.message}", detail]


async def check_model(adapter: LLMAdapter, limits: StreamLimits = PROBE_LIMITS) -> ModelCheck:
    """Send the probe; say in Japanese whether the model answered, and if not, what to check."""
    provider, model = adapter.name, adapter.model
    if provider == "offline":
        return ModelCheck(True, ["✓ 生成AI: offline（モデルには接続しません。送信内容のプレビューを表示します）"])
    answer = await collect(adapter, PROBE, limits=limits)
    end = answer.end
    if end.complete or isinstance(end.error, LLMAnswerTruncated):
        answered = f"（応答したモデル: {end.model}）" if end.model and end.model != model else ""
        usage = f"、入力 {end.input_tokens} / 出力 {end.output_tokens} トークン" if end.input_tokens is not None else ""
        return ModelCheck(True, [f"✓ 生成AI: {provider} のモデル「{model}」が応答しました{answered}{usage}。"])
    assert end.error is not None
    heading = f"生成AI: {provider} のモデル「{model}」に接続を試みました。"
    return ModelCheck(False, [heading, *_explain(provider, model, end.error)])
