"""The bridge's HTTP routes, mounted on the same aiohttp application as Slack's `/slack/events`.

    POST /bridge/v1/messages                      a new message → 202 with the gate's decision
    GET  /bridge/v1/messages/{id}?platform=…      the message's state and reply
    POST /bridge/v1/messages/{id}/confirm         送信する / やめる for a confirm preview
    POST /bridge/v1/messages/{id}/feedback        👍 / 👎 on an answer, for the weekly digest
    POST /bridge/v1/admin/{stop|resume|status}    administration, admins only

Every request is checked in this order before anything is stored: size, signature and
timestamp, JSON, fields. Each refusal is `{"error": {"code", "message"}}` in Japanese.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.config import BRIDGE_MAX_BODY_BYTES
from bot.platforms.body import read_limited_body
from bot.platforms.bridge import errors, protocol, signing
from bot.platforms.bridge.errors import BridgeError, dumps
from bot.platforms.bridge.render import API_PREFIX
from bot.platforms.bridge.service import BridgeService

log = logging.getLogger("aigate.bridge")

DEFAULT_MAX_BODY_BYTES = BRIDGE_MAX_BODY_BYTES
ADMIN_COMMANDS = ("stop", "resume", "status")


@dataclass(frozen=True, slots=True)
class BridgeHTTP:
    service: BridgeService
    secret: str
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    tolerance_s: int = signing.TOLERANCE_S

    def add_routes(self, web_app: web.Application) -> None:
        """Install this surface on the shared server (`bot.platforms.server.build_server`)."""
        add_bridge_routes(web_app, self)


SERVICE_KEY: web.AppKey[BridgeHTTP] = web.AppKey("aigate_bridge", BridgeHTTP)


def json_response(body: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(body, status=status, dumps=dumps)


async def read_body(request: web.Request, limit: int) -> bytes:
    return await read_limited_body(request, limit, errors.body_too_large)


async def signed_body(request: web.Request, bridge: BridgeHTTP) -> bytes:
    body = await read_body(request, bridge.max_body_bytes)
    # A request without a body (GET) signs its path and query, so its signature fits no other message.
    payload = body if request.method != "GET" else request.raw_path.encode("utf-8")
    signing.verify(
        bridge.secret,
        request.headers.get(signing.TIMESTAMP_HEADER),
        request.headers.get(signing.SIGNATURE_HEADER),
        payload,
        tolerance_s=bridge.tolerance_s,
    )
    return body


Handler = Callable[[web.Request, BridgeHTTP], Awaitable[web.Response]]


def guarded(handler: Handler) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def wrapped(request: web.Request) -> web.Response:
        bridge = request.app[SERVICE_KEY]
        try:
            return await handler(request, bridge)
        except BridgeError as exc:
            # Only the code and the relay's address: never the body, which may hold personal data.
            level = logging.WARNING if exc.status >= 500 or exc.status == 401 else logging.INFO
            log.log(
                level, "bridge %s %s from %s: %d %s", request.method, request.path, request.remote, exc.status, exc.code
            )
            return exc.response()
        except Exception:
            log.exception("bridge %s %s failed", request.method, request.path)
            return errors.internal_error().response()

    return wrapped


async def post_message(request: web.Request, bridge: BridgeHTTP) -> web.Response:
    message = protocol.parse_message(await signed_body(request, bridge))
    status, body = await bridge.service.receive(message)
    return json_response(body, status)


async def get_message(request: web.Request, bridge: BridgeHTTP) -> web.Response:
    await signed_body(request, bridge)
    message_id = protocol.parse_message_id(request.match_info["message_id"])
    platform = protocol.parse_platform(request.query.get("platform"))
    return json_response(await bridge.service.view(platform, message_id))


async def confirm_message(request: web.Request, bridge: BridgeHTTP) -> web.Response:
    body = await signed_body(request, bridge)
    message_id = protocol.parse_message_id(request.match_info["message_id"])
    status, view = await bridge.service.confirm(protocol.parse_confirm(body, message_id))
    return json_response(view, status)


async def feedback(request: web.Request, bridge: BridgeHTTP) -> web.Response:
    body = await signed_body(request, bridge)
    message_id = protocol.parse_message_id(request.match_info["message_id"])
    return json_response(await bridge.service.feedback(protocol.parse_feedback(body, message_id)))


async def admin_command(request: web.Request, bridge: BridgeHTTP) -> web.Response:
    body = await signed_body(request, bridge)
    command = request.match_info["command"]
    if command not in ADMIN_COMMANDS:
        raise BridgeError(
            404, "unknown_command", f"管理コマンド「{command}」はありません。stop / resume / status のいずれかです。"
        )
    status, reply = await bridge.service.administer(protocol.parse_admin(body, command))
    return json_response(reply, status)


@web.middleware
async def json_not_found(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Unknown bridge paths and methods get the same JSON error shape as everything else."""
    try:
        return await handler(request)
    except web.HTTPNotFound:
        if not request.path.startswith(API_PREFIX + "/"):
            raise
        problem = f"{request.path} はありません。docs/bridge.md を参照してください。"
        return BridgeError(404, "unknown_path", problem).response()
    except web.HTTPMethodNotAllowed as exc:
        if not request.path.startswith(API_PREFIX + "/"):
            raise
        allowed = ", ".join(sorted(exc.allowed_methods))
        problem = f"このURLでは {request.method} は使えません（使えるのは {allowed}）。"
        return BridgeError(405, "method_not_allowed", problem).response()


def add_bridge_routes(app: web.Application, bridge: BridgeHTTP) -> None:
    app[SERVICE_KEY] = bridge
    app.middlewares.append(json_not_found)
    app.router.add_post(f"{API_PREFIX}/messages", guarded(post_message))
    app.router.add_get(f"{API_PREFIX}/messages/{{message_id}}", guarded(get_message))
    app.router.add_post(f"{API_PREFIX}/messages/{{message_id}}/confirm", guarded(confirm_message))
    app.router.add_post(f"{API_PREFIX}/messages/{{message_id}}/feedback", guarded(feedback))
    app.router.add_post(f"{API_PREFIX}/admin/{{command}}", guarded(admin_command))
