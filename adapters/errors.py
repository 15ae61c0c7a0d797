"""Typed failures of a model call, each with the Japanese sentence the employee reads.

`str(error)` and `error.message` are that sentence and nothing else. What an administrator needs
(HTTP status, the provider's own words) is in `error.detail`, which is scrubbed of API keys before
it is stored, so neither the reply nor a log line can leak a key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

_DETAIL_LIMIT = 500

# Key shapes that providers echo back in error bodies (OpenAI: "Incorrect API key provided: sk-ab***yz").
_KEY_PATTERNS = [
    re.compile(r"sk-[A-Za-z0-9_\-\*\.]{6,}"),
    re.compile(r"(?i)(bearer\s+)[^\s\"',]+"),
    re.compile(r"(?i)(api[-_]?key[\"']?\s*[:=]\s*[\"']?)[^\s\"',]+"),
]


def scrub_secrets(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Remove the given secrets and anything shaped like an API key from `text`."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    for pattern in _KEY_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "***", text)
    return text


class LLMError(Exception):
    """A model call that did not give a (whole) answer. Never carries an API key."""

    default_message = "生成AIの呼び出しに失敗しました。しばらくしてからもう一度お試しください。"
    retriable = False  # may the same request be sent again, before any text was streamed?

    def __init__(
        self,
        message: str | None = None,
        *,
        detail: str = "",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.detail = scrub_secrets(detail)[:_DETAIL_LIMIT]
        self.status = status
        self.retry_after = retry_after
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, detail={self.detail!r})"

    def for_log(self) -> str:
        """One line for operators: the type, the status and the scrubbed provider detail."""
        parts = [type(self).__name__]
        if self.status is not None:
            parts.append(f"status={self.status}")
        if self.retry_after is not None:
            parts.append(f"retry_after={self.retry_after:g}s")
        if self.detail:
            parts.append(f"detail={self.detail!r}")
        return " ".join(parts)


class LLMTimeout(LLMError):
    """One of the three time limits ran out: first token, idle between chunks, or the whole answer."""

    MESSAGES: ClassVar[dict[str, str]] = {
        "first_token": "生成AIの応答が時間内に始まりませんでした。しばらくしてからもう一度お試しください。",
        "idle": "生成AIの応答が途中で止まったため、回答を打ち切りました。もう一度お試しください。",
        "total": "生成AIの回答が制限時間内に終わらなかったため、打ち切りました。質問を短く分けてお試しください。",
    }
    default_message = MESSAGES["first_token"]

    def __init__(self, kind: str, *, seconds: float, detail: str = "") -> None:
        if kind not in self.MESSAGES:
            raise ValueError(f"unknown timeout kind: {kind}")
        self.kind = kind
        self.seconds = seconds
        super().__init__(self.MESSAGES[kind], detail=detail or f"{kind} limit {seconds:g}s")


class LLMRateLimited(LLMError):
    """HTTP 429: the provider asks us to slow down (Retry-After is honoured before giving up)."""

    default_message = "生成AIが混み合っています。少し時間をおいてからもう一度お試しください。"
    retriable = True

    def __init__(self, message: str | None = None, **kwargs) -> None:
        retry_after = kwargs.get("retry_after")
        if message is None and retry_after is not None and retry_after >= 1:
            message = f"生成AIが混み合っています。約{int(retry_after + 0.999)}秒後にもう一度お試しください。"
        super().__init__(message, **kwargs)


class LLMUnavailable(LLMError):
    """The service failed (5xx, overloaded) or could not be reached."""

    default_message = "生成AIのサービスに接続できませんでした。しばらくしてからもう一度お試しください。"
    retriable = True


class LLMConnectionLost(LLMUnavailable):
    """The answer stream ended before the model said it was finished."""

    default_message = "生成AIとの接続が回答の途中で切れました。もう一度お試しください。"


class LLMProtocolError(LLMError):
    """The provider answered in a form we cannot read (malformed server-sent events, bad JSON)."""

    default_message = "生成AIから想定外の形式の応答が返りました。管理者に連絡してください。"


class LLMBadRequest(LLMError):
    """HTTP 400/404/413/422: the request itself was refused (unknown model, too long …)."""

    default_message = "生成AIが依頼を受け付けませんでした。内容を短くするか、管理者に連絡してください。"


class LLMAuthError(LLMError):
    """HTTP 401/403: the API key is missing, wrong or lacks permission."""

    default_message = "生成AIの認証に失敗しました（APIキーの設定を確認する必要があります）。管理者に連絡してください。"


class LLMAnswerTruncated(LLMError):
    """Not a failure of the call: the model stopped at its output-length limit, so the answer is cut."""

    default_message = "回答が長いため、生成AIの出力上限で途中までとなりました。"


class LLMContentFiltered(LLMError):
    """The provider's own safety filter stopped the answer."""

    default_message = "生成AI側の安全フィルターにより回答が止められました。表現を変えてお試しください。"


class LLMConfigError(LLMError):
    """The adapter cannot be built from the environment (unknown provider, missing key, bad number).

    `problems` lists every mistake found, one Japanese sentence each; the message joins them.
    """

    default_message = "生成AIの接続設定に誤りがあります。管理者に連絡してください。"

    def __init__(self, message: str | None = None, *, problems: list[str] | None = None) -> None:
        self.problems = list(problems) if problems else [message or self.default_message]
        super().__init__(message or "\n".join(self.problems))
