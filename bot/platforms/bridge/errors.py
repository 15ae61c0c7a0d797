"""Every refusal of the bridge: an HTTP status, a stable code for the relay, a Japanese sentence.

The body is always `{"error": {"code": ..., "message": ...}}` (plus `field` for a bad field), so
a relay can log the code and show the message to the employee or to the city's IT staff.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web


class BridgeError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, **self.extra}}

    def response(self) -> web.Response:
        return web.json_response(self.body(), status=self.status, dumps=dumps)


def dumps(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def missing_signature() -> BridgeError:
    return BridgeError(
        401,
        "missing_signature",
        "署名がありません。X-Aigate-Timestamp と X-Aigate-Signature の両方のヘッダーを付けて送ってください。",
    )


def bad_timestamp() -> BridgeError:
    return BridgeError(
        401,
        "bad_timestamp",
        "X-Aigate-Timestamp を読み取れません。UNIX時刻（秒、整数）を送ってください（例: date +%s の出力）。",
    )


def stale_timestamp(tolerance_s: int) -> BridgeError:
    return BridgeError(
        401,
        "stale_timestamp",
        f"タイムスタンプが現在時刻から{tolerance_s // 60}分を超えてずれているため受け付けません。"
        "リレーのサーバーの時計（NTP）を確認し、新しいタイムスタンプで署名し直して送ってください。",
    )


def bad_signature() -> BridgeError:
    return BridgeError(
        401,
        "bad_signature",
        "署名が一致しません。共有シークレット（AIGATE_BRIDGE_SECRET）と、署名の作り方"
        "（タイムスタンプ＋本文の HMAC-SHA256 を v1=16進数 で送る）を確認してください。",
    )


def body_too_large(limit: int) -> BridgeError:
    return BridgeError(
        413,
        "body_too_large",
        f"本文が大きすぎます（上限 {limit:,} バイト）。文章を分けて送ってください。",
    )


def invalid_json() -> BridgeError:
    return BridgeError(
        400, "invalid_json", "本文をJSON（UTF-8）として読み取れません。JSONオブジェクトを送ってください。"
    )


def invalid_field(field: str, problem: str) -> BridgeError:
    return BridgeError(422, "invalid_field", f"項目 {field} が正しくありません: {problem}", field=field)


def not_found(message_id: str) -> BridgeError:
    return BridgeError(
        404,
        "not_found",
        f"メッセージ {message_id} は見つかりません（受け付けていないか、保存期間を過ぎて削除されました）。",
    )


def unavailable(message: str) -> BridgeError:
    # The storage layer's sentence already says that nothing was sent; the relay may send it again.
    return BridgeError(503, "unavailable", message)


def internal_error() -> BridgeError:
    return BridgeError(
        500,
        "internal_error",
        "処理中に問題が発生しました。少し待ってから同じ message_id でもう一度送ってください。"
        "続く場合は管理者に連絡してください。",
    )
