"""A local fake of the Slack Web API, for tests and benchmarks that talk to Slack over real HTTP.

It is an aiohttp server on 127.0.0.1 (port 0) that the bot's `AsyncWebClient` reaches through
`SLACK_API_URL`. It keeps channel and thread state, so a test can read what a person would see in
the thread, records every call, enforces the limits that bit real bots (text over 40,000
characters, a section over 3,000, more than 50 blocks, native streaming without a recipient in a
channel), and injects faults: 429 with Retry-After, 5xx, `ok: false` errors, slow responses. It also
opens DMs (conversations.open) and takes uploads the way files_upload_v2 sends them (getUploadURLExternal,
a POST of the bytes, completeUploadExternal), for the weekly digest.

    slack = FakeSlackAPI()
    await slack.start()                      # slack.base_url -> "http://127.0.0.1:PORT/api/"
    ts = slack.add_message("C1", "U1", "前のメッセージ")
    slack.fail_next("chat.update", status=429, retry_after=1)
    slack.fail_next("chat.postMessage", error="channel_not_found", channel="D-U4")  # only for that channel
    info = slack.add_file("名簿.csv", data)   # a Slack file object; its url_private_download is served here
    await slack.wait_for(lambda: slack.calls_to("chat.update"))
    await slack.close()
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote

from aiohttp import web

TEXT_LIMIT = 40_000  # Slack truncates message text here; we refuse instead, so tests notice
SECTION_TEXT_LIMIT = 3_000
BLOCKS_LIMIT = 50
STREAM_TEXT_LIMIT = 12_000  # markdown_text per startStream/appendStream/stopStream call

DEFAULT_SCOPES = (
    "app_mentions:read,chat:write,channels:history,groups:history,im:history,mpim:history,"
    "im:write,users:read,commands,assistant:write"
)


@dataclass
class RecordedCall:
    method: str
    args: dict[str, Any]
    token: str | None
    at: float  # time.monotonic() when the request arrived


@dataclass
class HostedFile:
    """A file someone uploaded: served at its url_private_download to a request with a bot token."""

    id: str
    name: str
    data: bytes
    mimetype: str
    filetype: str
    size: int  # what Slack announces (a test may make it differ from len(data))
    delay: float = 0.0  # seconds before the download starts answering
    content_type: str = "application/octet-stream"

    def as_slack(self, root: str) -> dict[str, Any]:
        path = f"files-pri/T0001-{self.id}"
        return {
            "id": self.id,
            "name": self.name,
            "title": self.name,
            "mimetype": self.mimetype,
            "filetype": self.filetype,
            "size": self.size,
            "mode": "hosted",
            "is_external": False,
            "url_private": f"{root}/{path}/{quote(self.name)}",
            "url_private_download": f"{root}/{path}/download/{quote(self.name)}",
        }


@dataclass
class Fault:
    status: int = 200
    error: str | None = None  # an `ok: false` error with HTTP 200
    retry_after: int | None = None
    delay: float = 0.0
    remaining: int = 1  # how many calls it affects; -1 for every call
    channel: str | None = None  # only calls for this channel (args `channel` or `channel_id`); None: any


@dataclass
class Message:
    channel: str
    ts: str
    text: str
    user: str | None = None
    bot_id: str | None = None
    thread_ts: str | None = None
    blocks: list[dict[str, Any]] = field(default_factory=list)
    streaming: bool = False  # True between chat.startStream and chat.stopStream
    edits: int = 0
    files: list[dict[str, Any]] = field(default_factory=list)  # file objects from add_file

    def as_slack(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "message", "ts": self.ts, "text": self.text}
        if self.user:
            data["user"] = self.user
        if self.bot_id:
            data["bot_id"] = self.bot_id
        if self.thread_ts:
            data["thread_ts"] = self.thread_ts
        if self.blocks:
            data["blocks"] = self.blocks
        if self.files:
            data["files"] = self.files
            data["subtype"] = "file_share"
        return data


class FakeSlackAPI:
    """The Web API methods the bot uses, with state and fault injection. One instance per test."""

    def __init__(
        self,
        *,
        bot_user_id: str = "UBOT",
        bot_id: str = "BBOT",
        team_id: str = "T0001",
        scopes: str = DEFAULT_SCOPES,
        native_streaming: bool = True,
        users: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.team_id = team_id
        self.scopes = scopes
        self.native_streaming = native_streaming
        self.users = users or {}
        self.usergroups: dict[str, list[str]] = {}  # user group id (S…) → member user ids
        self.calls: list[RecordedCall] = []
        self.messages: dict[str, list[Message]] = {}
        self.ephemeral: list[dict[str, Any]] = []
        self.statuses: list[dict[str, Any]] = []
        self.views: list[dict[str, Any]] = []
        self.files: dict[str, HostedFile] = {}
        self.downloads: list[RecordedCall] = []  # file downloads: method is the file id
        self.uploads: dict[str, bytes] = {}  # files_upload_v2: file id → the bytes posted to its upload URL
        self._faults: dict[str, list[Fault]] = {}
        self._clock = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self._sockets: list[web.WebSocketResponse] = []
        self._socket_acks: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self.socket_connected = asyncio.Event()

    # ---- lifecycle -------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._dispatch)
        app.router.add_get("/socket", self._socket)
        app.router.add_get("/files-pri/{team_file}/download/{name}", self._download)
        app.router.add_get("/files-pri/{team_file}/{name}", self._download)
        app.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}/api/"
        return self.base_url

    async def close(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ---- state a test sets up or reads -----------------------------------------------------

    def next_ts(self) -> str:
        return f"1700000000.{next(self._clock):06d}"

    def add_message(
        self,
        channel: str,
        user: str,
        text: str,
        *,
        thread_ts: str | None = None,
        bot_id: str | None = None,
        files: list[dict[str, Any]] | None = None,
    ) -> str:
        """A message a person (or another bot) wrote, so conversations.replies returns it."""
        ts = self.next_ts()
        self.messages.setdefault(channel, []).append(
            Message(
                channel=channel,
                ts=ts,
                text=text,
                user=user,
                bot_id=bot_id,
                thread_ts=thread_ts,
                files=list(files or []),
            )
        )
        return ts

    def thread(self, channel: str, thread_ts: str) -> list[Message]:
        """The parent and its replies, oldest first, as a person would see them."""
        return [m for m in self.messages.get(channel, []) if m.ts == thread_ts or m.thread_ts == thread_ts]

    def bot_messages(self, channel: str, thread_ts: str | None = None) -> list[Message]:
        found = [m for m in self.messages.get(channel, []) if m.bot_id == self.bot_id]
        if thread_ts is not None:
            found = [m for m in found if m.thread_ts == thread_ts or m.ts == thread_ts]
        return found

    def add_file(
        self,
        name: str,
        data: bytes,
        *,
        mimetype: str = "application/octet-stream",
        filetype: str | None = None,
        size: int | None = None,
        delay: float = 0.0,
        content_type: str = "application/octet-stream",
    ) -> dict[str, Any]:
        """A file uploaded to Slack; returns the file object that events carry in `files`."""
        file_id = f"F{len(self.files) + 1:08d}"
        hosted = HostedFile(
            id=file_id,
            name=name,
            data=data,
            mimetype=mimetype,
            filetype=filetype or (name.rpartition(".")[2].lower() if "." in name else "binary"),
            size=len(data) if size is None else size,
            delay=delay,
            content_type=content_type,
        )
        self.files[file_id] = hosted
        return hosted.as_slack(self.base_url.removesuffix("/api/"))

    def calls_to(self, method: str) -> list[RecordedCall]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, predicate: Callable[[], Any], within: float = 10.0, interval: float = 0.02) -> Any:
        """Poll until predicate() is truthy: Bolt runs listeners after the ack, so nothing is immediate."""
        deadline = time.monotonic() + within
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {within}s; calls so far: {[c.method for c in self.calls]}")
            await asyncio.sleep(interval)

    # ---- faults ----------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        delay: float = 0.0,
        times: int = 1,
        channel: str | None = None,
    ) -> None:
        """Make the next `times` calls of `method` fail (HTTP status or `ok: false`) or be slow (times=-1: all).

        `channel`: only calls for that channel count and fail; calls for other channels pass.
        """
        self._faults.setdefault(method, []).append(
            Fault(status=status, error=error, retry_after=retry_after, delay=delay, remaining=times, channel=channel)
        )

    def slow(self, method: str, seconds: float, times: int = -1) -> None:
        self.fail_next(method, delay=seconds, times=times)

    def _take_fault(self, method: str, args: dict[str, Any]) -> Fault | None:
        queue = self._faults.setdefault(method, [])
        queue[:] = [fault for fault in queue if fault.remaining != 0]
        channel = args.get("channel") or args.get("channel_id")
        for fault in queue:
            if fault.channel is not None and fault.channel != channel:
                continue
            if fault.remaining > 0:
                fault.remaining -= 1
            return fault
        return None

    # ---- HTTP ------------------------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _read_args(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else args.pop("token", None)
        self.calls.append(RecordedCall(method=method, args=args, token=token, at=time.monotonic()))
        fault = self._take_fault(method, args)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status == 429:
                return web.json_response(
                    {"ok": False, "error": "ratelimited"},
                    status=429,
                    headers={"Retry-After": str(fault.retry_after or 1)},
                )
            if fault.status >= 500:
                return web.Response(status=fault.status, text="upstream error")
            if fault.error:
                return web.json_response({"ok": False, "error": fault.error})
        if not token:
            return web.json_response({"ok": False, "error": "not_authed"})
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        body = handler(args)
        headers = {"x-oauth-scopes": self.scopes} if method == "auth.test" else None
        return web.json_response(body, headers=headers)

    async def _download(self, request: web.Request) -> web.StreamResponse:
        """Like files.slack.com: the bytes for a bot token, Slack's sign-in page (HTML, 200) without one."""
        file_id = request.match_info["team_file"].rpartition("-")[2]
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else None
        self.downloads.append(RecordedCall(method=file_id, args={}, token=token, at=time.monotonic()))
        hosted = self.files.get(file_id)
        if hosted is None:
            return web.Response(status=404, text="file not found")
        if not token or not token.startswith("xox"):
            return web.Response(text="<html><body>Sign in to Slack</body></html>", content_type="text/html")
        if hosted.delay:
            await asyncio.sleep(hosted.delay)
        return web.Response(body=hosted.data, content_type=hosted.content_type)

    async def _upload(self, request: web.Request) -> web.Response:
        """The upload URL of files.getUploadURLExternal: takes the file's bytes, as files.slack.com does."""
        file_id = request.match_info["file_id"]
        if file_id not in self.uploads:
            return web.Response(status=404, text="upload URL not issued")
        self.uploads[file_id] = await request.read()
        return web.Response(text="OK - " + str(len(self.uploads[file_id])))

    # ---- Socket Mode -----------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json(
            {"type": "hello", "num_connections": len(self._sockets), "connection_info": {"app_id": "A0001"}}
        )
        self.socket_connected.set()
        try:
            async for frame in socket:
                if frame.type.name != "TEXT":
                    continue
                ack = json.loads(frame.data)
                waiter = self._socket_acks.pop(str(ack.get("envelope_id")), None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(ack)
        finally:
            self._sockets.remove(socket)
        return socket

    async def socket_event(
        self, payload: dict[str, Any], *, kind: str = "events_api", retry_attempt: int = 0, within: float = 5.0
    ) -> tuple[dict[str, Any], float]:
        """Push one envelope to the connected app; returns its ack and how long the ack took."""
        await asyncio.wait_for(self.socket_connected.wait(), within)
        envelope_id = f"env-{next(self._clock)}"
        waiter: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._socket_acks[envelope_id] = waiter
        started = time.monotonic()
        await self._sockets[-1].send_json(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": False,
                "retry_attempt": retry_attempt,
                "retry_reason": "timeout" if retry_attempt else "",
            }
        )
        ack = await asyncio.wait_for(waiter, within)
        return ack, time.monotonic() - started

    # ---- methods ---------------------------------------------------------------------------

    def _m_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": self.base_url.replace("http://", "ws://").replace("/api/", "/socket")}

    def _m_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://example.slack.com/",
            "team": "テスト市役所",
            "user": "aigate",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
        }

    def _m_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user_id = args.get("user", "")
        profile = self.users.get(user_id, {})
        return {
            "ok": True,
            "user": {
                "id": user_id,
                "team_id": self.team_id,
                "name": profile.get("name", user_id.lower()),
                "is_bot": user_id == self.bot_user_id,
                "profile": {"title": profile.get("title", ""), "display_name": profile.get("name", "")},
            },
        }

    def _validate_message(self, text: str, blocks: list[dict[str, Any]]) -> str | None:
        if len(text) > TEXT_LIMIT:
            return "msg_too_long"
        if len(blocks) > BLOCKS_LIMIT:
            return "invalid_blocks"
        for block in blocks:
            section_text = (block.get("text") or {}).get("text", "") if block.get("type") == "section" else ""
            if len(section_text) > SECTION_TEXT_LIMIT:
                return "invalid_blocks"
        if not text and not blocks:
            return "no_text"
        return None

    def _m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = args.get("channel")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        text, blocks = args.get("text") or "", _blocks(args)
        error = self._validate_message(text, blocks)
        if error:
            return {"ok": False, "error": error}
        message = Message(
            channel=channel,
            ts=self.next_ts(),
            text=text,
            bot_id=self.bot_id,
            user=self.bot_user_id,
            thread_ts=args.get("thread_ts"),
            blocks=blocks,
        )
        self.messages.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": message.ts, "message": message.as_slack()}

    def _find(self, channel: str | None, ts: str | None) -> Message | None:
        for message in self.messages.get(channel or "", []):
            if message.ts == ts:
                return message
        return None

    def _m_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        message = self._find(args.get("channel"), args.get("ts"))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        if message.bot_id != self.bot_id:
            return {"ok": False, "error": "cant_update_message"}
        text, blocks = args.get("text") or "", _blocks(args)
        error = self._validate_message(text, blocks)
        if error:
            return {"ok": False, "error": error}
        message.text, message.blocks = text, blocks
        message.edits += 1
        return {"ok": True, "channel": message.channel, "ts": message.ts, "text": text}

    def _m_chat_delete(self, args: dict[str, Any]) -> dict[str, Any]:
        message = self._find(args.get("channel"), args.get("ts"))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        self.messages[message.channel].remove(message)
        return {"ok": True, "channel": message.channel, "ts": message.ts}

    def _m_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("user"):
            return {"ok": False, "error": "user_not_in_channel"}
        text, blocks = args.get("text") or "", _blocks(args)
        error = self._validate_message(text, blocks)
        if error:
            return {"ok": False, "error": error}
        ts = self.next_ts()
        self.ephemeral.append(
            {
                "channel": args.get("channel"),
                "user": args["user"],
                "text": text,
                "blocks": blocks,
                "thread_ts": args.get("thread_ts"),
                "ts": ts,
            }
        )
        return {"ok": True, "message_ts": ts}

    # Native streaming: chat.startStream / appendStream / stopStream, as slack_sdk's chat_stream uses them.
    def _stream_text(self, args: dict[str, Any]) -> tuple[str, str | None]:
        text = args.get("markdown_text") or ""
        for chunk in args.get("chunks") or []:
            if isinstance(chunk, dict) and chunk.get("type") == "markdown_text":
                text += chunk.get("text", "")
        return text, ("msg_too_long" if len(text) > STREAM_TEXT_LIMIT else None)

    def _m_chat_startStream(self, args: dict[str, Any]) -> dict[str, Any]:
        if not self.native_streaming:
            return {"ok": False, "error": "unknown_method"}
        channel = args.get("channel", "")
        if not args.get("thread_ts"):
            return {"ok": False, "error": "invalid_arguments"}
        # In channels Slack needs to know who is reading (openclaw 21213); DMs do not.
        if not channel.startswith("D"):
            if not args.get("recipient_team_id"):
                return {"ok": False, "error": "missing_recipient_team_id"}
            if not args.get("recipient_user_id"):
                return {"ok": False, "error": "missing_recipient_user_id"}
        text, error = self._stream_text(args)
        if error:
            return {"ok": False, "error": error}
        message = Message(
            channel=channel,
            ts=self.next_ts(),
            text=text,
            bot_id=self.bot_id,
            user=self.bot_user_id,
            thread_ts=args["thread_ts"],
            streaming=True,
        )
        self.messages.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": message.ts}

    def _m_chat_appendStream(self, args: dict[str, Any]) -> dict[str, Any]:
        message = self._find(args.get("channel"), args.get("ts"))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        if not message.streaming:
            return {"ok": False, "error": "message_not_in_streaming_state"}
        text, error = self._stream_text(args)
        if error:
            return {"ok": False, "error": error}
        if len(message.text) + len(text) > TEXT_LIMIT:
            return {"ok": False, "error": "msg_too_long"}
        message.text += text
        message.edits += 1
        return {"ok": True, "channel": message.channel, "ts": message.ts}

    def _m_chat_stopStream(self, args: dict[str, Any]) -> dict[str, Any]:
        result = self._m_chat_appendStream(args)
        if not result["ok"]:
            return result
        message = self._find(args.get("channel"), args.get("ts"))
        assert message is not None
        message.streaming = False
        blocks = _blocks(args)
        if blocks:
            error = self._validate_message("x", blocks)
            if error:
                return {"ok": False, "error": error}
            message.blocks = blocks
        return {"ok": True, "channel": message.channel, "ts": message.ts, "message": message.as_slack()}

    def _m_conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = args.get("channel"), args.get("ts")
        thread = self.thread(channel or "", ts or "")
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        limit = int(args.get("limit") or 1000)
        return {"ok": True, "messages": [m.as_slack() for m in thread[:limit]], "has_more": len(thread) > limit}

    def _m_assistant_threads_setStatus(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("channel_id") or not args.get("thread_ts"):
            return {"ok": False, "error": "invalid_arguments"}
        self.statuses.append(dict(args))
        return {"ok": True}

    def _m_usergroups_users_list(self, args: dict[str, Any]) -> dict[str, Any]:
        group = args.get("usergroup")
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": list(self.usergroups[group])}

    def _m_views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        self.views.append({"kind": "home", **args})
        return {"ok": True, "view": {"id": f"V{len(self.views)}", **(args.get("view") or {})}}

    def _m_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        self.views.append({"kind": "modal", **args})
        return {"ok": True, "view": {"id": f"V{len(self.views)}", **(args.get("view") or {})}}

    def _m_conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = str(args.get("users") or "")
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        return {"ok": True, "channel": {"id": f"D-{users}"}}

    # files_upload_v2: get an upload URL, post the bytes there, then share the uploaded files in a channel.
    def _m_files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("filename") or not args.get("length"):
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._clock):08d}"
        self.uploads[file_id] = b""
        upload_url = f"{self.base_url.removesuffix('/api/')}/upload/{file_id}"
        return {"ok": True, "file_id": file_id, "upload_url": upload_url}

    def _m_files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        files = args.get("files") or []
        if isinstance(files, str):
            files = json.loads(files)
        if not files or any(not self.uploads.get(f.get("id", "")) for f in files):
            return {"ok": False, "error": "file_not_found"}  # never issued, or nothing was uploaded
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}

    def _m_files_info(self, args: dict[str, Any]) -> dict[str, Any]:
        hosted = self.files.get(str(args.get("file", "")))
        if hosted is None:
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "file": hosted.as_slack(self.base_url.removesuffix("/api/"))}


async def _read_args(request: web.Request) -> dict[str, Any]:
    raw = await request.text()
    if request.content_type == "application/json":
        data = json.loads(raw or "{}")
    else:
        data = dict(parse_qsl(raw, keep_blank_values=True))
        data.update(request.query)
    for key in ("blocks", "view", "chunks", "metadata"):
        if isinstance(data.get(key), str):
            with contextlib.suppress(ValueError):
                data[key] = json.loads(data[key])
    return data


def _blocks(args: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = args.get("blocks") or []
    return blocks if isinstance(blocks, list) else []
