"""A small Slack Web API server on 127.0.0.1 for the digest tests: records every call it gets.

It answers the methods the digest uses (conversations.open, chat.postMessage and the three steps
of files_upload_v2) the way Slack documents them; `fail_for` makes chat.postMessage fail for
chosen channels, to test that a failed send is retried.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class FakeSlack:
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    fail_for: set[str] = field(default_factory=set)
    base_url: str = ""
    _runner: web.AppRunner | None = None
    _ts: int = 0

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return f"{self.base_url}/api/"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        # slack_sdk sends some arguments in the query string, others as a form or JSON body.
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        else:
            params.update(await request.post())
        if request.headers.get("Authorization") != "Bearer xoxb-test":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        self.calls.append((method, params))
        self._ts += 1
        if method == "conversations.open":
            return web.json_response({"ok": True, "channel": {"id": f"D-{params['users']}"}})
        if method == "chat.postMessage":
            if params["channel"] in self.fail_for:
                return web.json_response({"ok": False, "error": "channel_not_found"})
            return web.json_response({"ok": True, "channel": params["channel"], "ts": f"1700000000.{self._ts:06d}"})
        if method == "files.getUploadURLExternal":
            file_id = f"F{self._ts:05d}"
            upload_url = f"{self.base_url}/upload/{file_id}"
            return web.json_response({"ok": True, "file_id": file_id, "upload_url": upload_url})
        if method == "files.completeUploadExternal":
            files = json.loads(params["files"]) if isinstance(params["files"], str) else params["files"]
            return web.json_response({"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]})
        return web.json_response({"ok": False, "error": "unknown_method"})

    async def _upload(self, request: web.Request) -> web.Response:
        self.uploads[request.match_info["file_id"]] = await request.read()
        return web.Response(text="OK")
