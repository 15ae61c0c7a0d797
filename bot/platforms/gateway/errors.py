"""Every refusal of the gateway, in OpenAI's shape with a Japanese message.

    {"error": {"message": "…", "type": "invalid_request_error", "code": "…", "param": null}}

OpenAI's client libraries read `message` into the exception they raise, so a script or a chat UI
shows the Japanese sentence as it is.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web


class GatewayError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        kind: str = "invalid_request_error",
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.kind = kind
        self.param = param
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.kind, "code": self.code, "param": self.param}}

    def response(self) -> web.Response:
        return web.json_response(self.body(), status=self.status, headers=self.headers, dumps=dumps)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def unauthorized() -> GatewayError:
    return GatewayError(
        401,
        "invalid_api_key",
        "APIキーがないか、登録されていません。"
        "Authorization: Bearer <キー> で、管理者から受け取ったキーを送ってください。",
        kind="authentication_error",
        headers={"WWW-Authenticate": 'Bearer realm="aigate"'},
    )


def rate_limited(retry_after_s: int, per_minute: int) -> GatewayError:
    return GatewayError(
        429,
        "rate_limit_exceeded",
        f"このキーの利用回数の上限（1分あたり{per_minute}回）に達しました。{retry_after_s}秒後にもう一度お試しください。",
        kind="rate_limit_error",
        headers={"Retry-After": str(retry_after_s)},
    )


def body_too_large(limit: int) -> GatewayError:
    return GatewayError(
        413, "request_too_large", f"リクエストが大きすぎます（上限 {limit:,} バイト）。内容を分けて送ってください。"
    )


def bad_request(message: str, param: str | None = None, code: str = "invalid_request") -> GatewayError:
    return GatewayError(400, code, message, param=param)


def unavailable(message: str) -> GatewayError:
    return GatewayError(503, "service_unavailable", message, kind="server_error")


def upstream_failed(message: str) -> GatewayError:
    return GatewayError(502, "upstream_error", message, kind="server_error")


def internal_error() -> GatewayError:
    return GatewayError(
        500,
        "internal_error",
        "処理中に問題が発生しました。入力内容は生成AIに送信していません。続く場合は管理者に連絡してください。",
        kind="server_error",
    )
