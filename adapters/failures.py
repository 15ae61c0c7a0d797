"""What went wrong with a model call, as one typed `LLMError` whatever SDK or cloud reported it.

The official SDKs raise their own exceptions (`openai.RateLimitError`, `anthropic.APIConnectionError`,
`httpx2.ReadError` when a stream breaks, botocore's `NoCredentialsError` …). `translate` turns
each into our typed errors, with the Japanese sentence for the employee and a detail for the
operator that never holds a key. It knows nothing about time limits or retries
(adapters/streaming.py owns those). httpx2 is the HTTP client both SDKs are built on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Any

import anthropic
import httpx2
import openai

from adapters.errors import (
    LLMAuthError,
    LLMBadRequest,
    LLMConnectionLost,
    LLMError,
    LLMProtocolError,
    LLMRateLimited,
    LLMUnavailable,
    scrub_secrets,
)

_TOO_LONG_MARKERS = ("context_length_exceeded", "maximum context length", "prompt is too long", "too many tokens")
# Missing cloud credentials, by class name so neither botocore nor google-auth has to be installed.
_CREDENTIAL_ERRORS = {
    "NoCredentialsError",
    "PartialCredentialsError",
    "NoRegionError",
    "ProfileNotFound",
    "DefaultCredentialsError",
    "RefreshError",
    "ClientAuthenticationError",
    "CredentialUnavailableError",
}


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait, from `retry-after-ms` (OpenAI) or `Retry-After` (seconds or an HTTP date)."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(raw).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def error_for_status(
    status: int,
    body: str,
    headers: Mapping[str, str],
    *,
    model: str,
    secrets: tuple[str | None, ...],
    auth_message: str | None = None,
) -> LLMError:
    detail = scrub_secrets(f"HTTP {status}: {body}", secrets)
    retry_after = parse_retry_after(headers)
    if status == 429:
        return LLMRateLimited(detail=detail, status=status, retry_after=retry_after)
    if status in (408, 409) or status >= 500:  # 529: Anthropic "overloaded"
        return LLMUnavailable(detail=detail, status=status, retry_after=retry_after)
    if status in (401, 403):
        return LLMAuthError(auth_message, detail=detail, status=status)
    if status == 404:
        return LLMBadRequest(
            f"設定されたモデル「{model}」が生成AIのサービスに見つかりません。"
            "管理者に LLM_MODEL の設定を確認してもらってください。",
            detail=detail,
            status=status,
        )
    lowered = body.lower()
    if status == 413 or any(marker in lowered for marker in _TOO_LONG_MARKERS):
        return LLMBadRequest(
            "送信する内容が長すぎて、生成AIが受け付けませんでした。内容を短くするか、新しいスレッドでお試しください。",
            detail=detail,
            status=status,
        )
    return LLMBadRequest(detail=detail, status=status)


def error_in_stream(error: Any, secrets: tuple[str | None, ...]) -> LLMError:
    """An error sent inside a stream after a 200: Anthropic's `error` event, OpenAI's `{"error": …}` chunk,
    Bedrock's `exception` frame (throttlingException, modelStreamErrorException …)."""
    if isinstance(error, Mapping) and isinstance(error.get("error"), Mapping):
        error = error["error"]
    detail = scrub_secrets(str(error)[:500], secrets)
    kind = ""
    if isinstance(error, Mapping):
        kind = str(error.get("type") or error.get("code") or "").lower()
    if "rate" in kind or "throttl" in kind:
        return LLMRateLimited(detail=detail)
    if kind in ("invalid_request_error", "not_found_error", "validationexception"):
        return LLMBadRequest(detail=detail)
    return LLMUnavailable(detail=detail)


def _body_text(exc: Any) -> str:
    response = getattr(exc, "response", None)
    try:
        text = response.text if response is not None else ""
    except Exception:  # the body was not read (a streamed response)
        text = ""
    if text:
        return text
    body = getattr(exc, "body", None)
    if body is not None:
        return json.dumps(body, ensure_ascii=False) if not isinstance(body, str) else body
    return str(exc)


def translate(
    exc: BaseException,
    *,
    model: str,
    secrets: tuple[str | None, ...],
    started: bool,
    auth_message: str | None = None,
) -> LLMError | None:
    """The typed error for an SDK or transport exception; None for anything that is a bug of ours.

    `started`: the response had begun (headers received), so a broken connection cuts an answer.
    """
    if isinstance(exc, LLMError):
        return exc
    if isinstance(exc, _STATUS_ERRORS):  # 4xx / 5xx, read by the SDK before it raised
        return error_for_status(
            exc.status_code,
            _body_text(exc),
            exc.response.headers,
            model=model,
            secrets=secrets,
            auth_message=auth_message,
        )
    name = type(exc).__name__
    detail = scrub_secrets(f"{name}: {exc}", secrets)
    if isinstance(exc, _SDK_ERRORS) and not isinstance(exc, _CONNECTION_ERRORS):
        return error_in_stream(getattr(exc, "body", None) or str(exc), secrets)  # an error inside a 200 stream
    if name in _CREDENTIAL_ERRORS or (isinstance(exc, RuntimeError) and "credentials" in str(exc).lower()):
        return LLMAuthError(auth_message, detail=detail)  # botocore / google-auth could not find credentials
    if isinstance(exc, (*_CONNECTION_ERRORS, httpx2.TransportError)):
        if isinstance(exc, (httpx2.ConnectError, httpx2.ConnectTimeout, httpx2.PoolTimeout)) or not started:
            return LLMUnavailable(detail=detail)
        return LLMConnectionLost(detail=detail)  # the answer's stream broke
    if started and (isinstance(exc, ValueError) or name.endswith(("ChecksumMismatch", "ParserError"))):
        return LLMProtocolError(detail=detail)  # JSON that does not parse; a broken AWS event-stream frame
    return None


_STATUS_ERRORS = (openai.APIStatusError, anthropic.APIStatusError)
_CONNECTION_ERRORS = (openai.APIConnectionError, anthropic.APIConnectionError)
_SDK_ERRORS = (openai.APIError, anthropic.APIError)
