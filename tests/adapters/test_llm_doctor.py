"""`doctor` tries the chosen provider and says, in Japanese, what to check when it fails."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from adapters.doctor import check_model
from adapters.offline import OfflineAdapter
from tests.adapters.conftest import AZURE_API_VERSION, FAKE_AZURE_KEY, make_adapter
from tests.fakes.llm_server import FakeLLMServer, Reply

ROOT = Path(__file__).resolve().parents[2]


async def _check(dialect: str, server: FakeLLMServer) -> tuple[bool, str]:
    adapter = make_adapter(dialect, server.base_url)
    try:
        result = await check_model(adapter)
    finally:
        await adapter.aclose()
    return result.ok, "\n".join(result.lines)


async def test_a_model_that_answers_is_reported_with_its_name():
    async with FakeLLMServer("azure", default=Reply(chunks=("OK",), model="gpt-4o-mini-2024-07-18")) as server:
        ok, text = await _check("azure", server)
    assert ok
    assert text.startswith("✓ 生成AI: azure のモデル「gpt-test」が応答しました")
    assert "（応答したモデル: gpt-4o-mini-2024-07-18）" in text
    body = server.requests[0].body
    assert body["max_completion_tokens"] == 16 and "【" not in body["messages"][0]["content"]


async def test_an_unknown_azure_deployment_points_at_the_deployment_name():
    async with FakeLLMServer("azure", models={"gpt-4o-city"}) as server:
        ok, text = await _check("azure", server)
    assert not ok
    assert "✗ モデル「gpt-test」が見つからないか、使えません。" in text
    assert "LLM_MODEL がデプロイ名（モデル名ではなく、Azure ポータルの「デプロイ」に表示される名前）か" in text


async def test_bedrock_access_denied_points_at_iam_and_model_access(fake_aws):
    async with FakeLLMServer("bedrock") as server:
        denied = "You don't have access to the model with the specified model ID."
        server.enqueue(Reply.status_code(403, message=denied))
        ok, text = await _check("bedrock", server)
    assert not ok
    assert "✗ 認証に失敗しました。" in text and "bedrock:InvokeModelWithResponseStream" in text


async def test_an_unreachable_endpoint_points_at_the_address_and_the_route():
    server = FakeLLMServer("vertex")
    await server.start()
    await server.stop()
    ok, text = await _check("vertex", server)
    assert not ok
    assert "✗ 接続できませんでした。確認すること: CLOUD_ML_REGION と" in text


async def test_offline_needs_no_connection():
    result = await check_model(OfflineAdapter())
    assert result.ok and "offline" in result.lines[0]


async def test_the_doctor_command_checks_the_chosen_provider(tmp_path: Path):
    ours = ("SLACK_", "LLM_", "AIGATE_", "OPENAI", "ANTHROPIC", "AZURE_", "AWS_", "CLOUD_ML")
    base = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    async with FakeLLMServer("azure", models={"gpt-4o-city"}) as server:
        env = {
            **base,
            "PYTHONPATH": str(ROOT),
            "AIGATE_CITY": "niiza",
            "LLM_PROVIDER": "azure",
            "AZURE_OPENAI_ENDPOINT": server.base_url,
            "AZURE_OPENAI_API_KEY": FAKE_AZURE_KEY,
            "OPENAI_API_VERSION": AZURE_API_VERSION,
            "LLM_MODEL": "gpt-4o",
        }

        def doctor(model: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "bot", "doctor", "--llm-only"],
                cwd=tmp_path,
                env={**env, "LLM_MODEL": model},
                capture_output=True,
                text=True,
                timeout=60,
            )

        wrong = await asyncio.to_thread(doctor, "gpt-4o")
        right = await asyncio.to_thread(doctor, "gpt-4o-city")
    assert wrong.returncode == 1, wrong.stderr
    assert "✗ モデル「gpt-4o」が見つからないか、使えません。" in wrong.stdout
    assert FAKE_AZURE_KEY not in wrong.stdout + wrong.stderr
    assert right.returncode == 0, right.stdout + right.stderr
    assert "✓ 生成AI: azure のモデル「gpt-4o-city」が応答しました" in right.stdout
    assert server.requests[-1].path == "/openai/deployments/gpt-4o-city/chat/completions"
