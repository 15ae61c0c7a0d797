"""The gateway's HTTP routes, on the same aiohttp application as Slack and the bridge.

    GET  /v1/models             the model name(s) clients may ask for
    POST /v1/chat/completions   OpenAI Chat Completions, streamed (SSE) or not
    POST /dify/moderation       Dify's API-based moderation extension

Each request is checked in this order before anything is read further or stored: the key (401),
the key's rate (429), the body's size (413), the JSON and its fields (400). Logs name the key by
its label, never the key, and never hold a message.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from bot.platforms.body import read_limited_body
from bot.platforms.gateway import errors, protocol, respond
from bot.platforms.gateway.dify import DifyModeration
from bot.platforms.gateway.errors import GatewayError, dumps
from bot.platforms.gateway.keys import GatewayKey, GatewayKeys
from bot.platforms.gateway.ratelimit import RateLimiter
from bot.platforms.gateway.service import GatewayService
from bot.platforms.gateway.turns import NoQuestionForCode

log = logging.getLogger("aigate.gateway")

MODEL_ALIAS = "aigate"
NO_QUESTION = "確認コードだけが送られました。確認したい質問を、もう一度送ってください。"


@dataclass(frozen=True, slots=True)
class GatewayHTTP:
    service: GatewayService
    dify: DifyModeration
    keys: GatewayKeys
    limiter: RateLimiter
    max_body_bytes: int = protocol.MAX_BODY_BYTES

    def add_routes(self, web_app: web.Application) -> None:
        """Install this surface on the shared server (`bot.platforms.server.build_server`)."""
        add_gateway_routes(web_app, self)


GATEWAY_KEY: web.AppKey[GatewayHTTP] = web.AppKey("aigate_gateway", GatewayHTTP)

Handler = Callable[[web.Request, GatewayHTTP, GatewayKey], Awaitable[web.StreamResponse]]


def guarded(handler: Handler, *, counted: bool) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """The key first, then its rate (`counted` routes), then the handler; every refusal in OpenAI's shape."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        gateway = request.app[GATEWAY_KEY]
        started = time.monotonic()
        key = gateway.keys.find(request.headers.get("Authorization"))
        try:
            if key is None:
                raise errors.unauthorized()
            if counted and (wait_s := gateway.limiter.take(key.key_id)):
                raise errors.rate_limited(wait_s, gateway.limiter.per_minute)
            response = await handler(request, gateway, key)
        except GatewayError as exc:
            who = key.label if key is not None else "unknown key"
            log.log(
                logging.WARNING if exc.status in (401, 429) or exc.status >= 500 else logging.INFO,
                "gateway %s %s (%s) from %s: %d %s",
                request.method,
                request.path,
                who,
                request.remote,
                exc.status,
                exc.code,
            )
            return exc.response()
        except Exception:
            log.exception("gateway %s %s failed", request.method, request.path)
            return errors.internal_error().response()
        log.info(
            "gateway %s %s (%s): %d %s in %dms",
            request.method,
            request.path,
            key.label,
            response.status,
            response.headers.get("X-Aigate-Outcome", ""),
            int((time.monotonic() - started) * 1000),
        )
        return response

    return wrapped


async def read_body(request: web.Request, limit: int) -> bytes:
    return await read_limited_body(request, limit, errors.body_too_large)


async def list_models(_request: web.Request, gateway: GatewayHTTP, _key: GatewayKey) -> web.StreamResponse:
    names = dict.fromkeys([MODEL_ALIAS, gateway.service.model])
    data = [{"id": name, "object": "model", "created": 0, "owned_by": "aigate"} for name in names]
    return web.json_response({"object": "list", "data": data}, dumps=dumps)


async def chat_completions(request: web.Request, gateway: GatewayHTTP, key: GatewayKey) -> web.StreamResponse:
    chat = protocol.parse_chat(await read_body(request, gateway.max_body_bytes))
    try:
        run = gateway.service.start(key, chat)
    except NoQuestionForCode as exc:
        raise errors.bad_request(NO_QUESTION, "messages") from exc
    if chat.stream:
        return await respond.respond_stream(request, run, chat)
    return await respond.respond_json(run, chat)


async def dify_moderation(request: web.Request, gateway: GatewayHTTP, key: GatewayKey) -> web.StreamResponse:
    body = protocol.parse_json(await read_body(request, gateway.max_body_bytes))
    if body.get("point") == "app.moderation.input" and (wait_s := gateway.limiter.take(key.key_id)):
        raise errors.rate_limited(wait_s, gateway.limiter.per_minute)
    return web.json_response(await gateway.dify.handle(key, body), dumps=dumps)


PREFIXES = ("/v1/", "/dify/")


@web.middleware
async def openai_not_found(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Unknown gateway paths and methods get OpenAI's error shape, so clients show the Japanese message."""
    try:
        return await handler(request)
    except web.HTTPNotFound:
        if not request.path.startswith(PREFIXES):
            raise
        return GatewayError(
            404,
            "unknown_url",
            f"{request.path} はありません。このゲートウェイで使えるのは "
            "/v1/chat/completions・/v1/models・/dify/moderation です（docs/gateway.md）。",
        ).response()
    except web.HTTPMethodNotAllowed as exc:
        if not request.path.startswith(PREFIXES):
            raise
        allowed = ", ".join(sorted(exc.allowed_methods))
        return GatewayError(
            405, "method_not_allowed", f"このURLでは {request.method} は使えません（使えるのは {allowed}）。"
        ).response()


def add_gateway_routes(app: web.Application, gateway: GatewayHTTP) -> None:
    app[GATEWAY_KEY] = gateway
    app.middlewares.append(openai_not_found)
    app.router.add_get("/v1/models", guarded(list_models, counted=False))
    app.router.add_post("/v1/chat/completions", guarded(chat_completions, counted=True))
    app.router.add_post("/dify/moderation", guarded(dify_moderation, counted=False))
