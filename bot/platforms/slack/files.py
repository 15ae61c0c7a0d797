"""Files attached to a Slack message: Slack's file objects become `AttachedFile`s for the pipeline.

The bytes come from `url_private_download` with the bot token (scope files:read). The token is
only ever sent to Slack's file host or to the host of SLACK_API_URL (GovSlack, the test server):
a file object pointing elsewhere is refused rather than handed our token. Downloads stop at the
size limit and the time limit (AIGATE_FILE_MAX_BYTES, AIGATE_FILE_TIMEOUT), whatever Slack said
the size was. Without files:read Slack answers with its HTML sign-in page instead of the file;
that is caught here, not passed on as the file's content.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.files.limits import FileLimits
from bot.files.reading import too_large_reason
from bot.files.types import AttachedFile, FileUnreadable

log = logging.getLogger("aigate.slack.files")

SLACK_FILE_HOSTS = frozenset({"files.slack.com", "files.slack-gov.com"})
CHUNK_BYTES = 64 * 1024
UNREADABLE_MODES = frozenset({"external", "tombstone", "hidden_by_limit"})
DOWNLOAD_FAILED = "ファイルをダウンロードできませんでした。時間をおいてもう一度添付してください。"


class SlackFileDownloader:
    """Downloads attached files with the bot token, over the process's one HTTP session."""

    def __init__(
        self, session: aiohttp.ClientSession, token: str, api_url: str, client: AsyncWebClient | None = None
    ) -> None:
        self.session = session
        self.token = token
        self.client = client  # for files.info when an event carries only the file's id
        api_host = urlsplit(api_url).hostname or ""
        self.allowed_hosts = SLACK_FILE_HOSTS | ({api_host} if api_host else set())

    def attached(self, files: list[dict[str, Any]]) -> list[AttachedFile]:
        out: list[AttachedFile] = []
        for info in files:
            name = str(info.get("name") or info.get("title") or info.get("id") or "名前のないファイル")
            size = info.get("size")
            out.append(
                AttachedFile(
                    name=name,
                    size=int(size) if isinstance(size, int | float) else None,
                    mimetype=info.get("mimetype"),
                    fetch=lambda limits, info=info, name=name: self.download(info, name, limits),
                )
            )
        return out

    async def download(self, info: dict[str, Any], name: str, limits: FileLimits) -> bytes:
        if info.get("mode") in UNREADABLE_MODES or info.get("file_access") == "access_denied":
            raise FileUnreadable(
                name,
                "このファイルは Slack の外部ファイルか、参照できないファイルのため読み込めません。",
                kind="unavailable",
            )
        url = str(info.get("url_private_download") or info.get("url_private") or "")
        host = urlsplit(url).hostname or ""
        if not url or host not in self.allowed_hosts:
            log.warning("refused to download a file from host %r with the bot token", host)
            raise FileUnreadable(name, "ファイルの取得先を確認できないため、読み込みませんでした。", kind="unavailable")
        try:
            async with asyncio.timeout(limits.timeout_s):
                return await self._get(url, name, limits)
        except TimeoutError:
            raise FileUnreadable(
                name,
                f"ファイルのダウンロードが {limits.timeout_s:g} 秒以内に終わらなかったため、読み込みを中止しました。",
                kind="timeout",
            ) from None
        except aiohttp.ClientError as exc:
            log.warning("file download failed: %s", type(exc).__name__)
            raise FileUnreadable(name, DOWNLOAD_FAILED, kind="download_failed") from exc

    async def complete(self, files: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Slack sends `file_access: check_file_info` (no name, no URLs) for some files: ask for the full objects.

        A lookup that fails leaves the partial object, which the download then refuses with its reason.
        """
        return list(await asyncio.gather(*(self._file_info(info) for info in files)))

    async def _file_info(self, info: dict[str, Any]) -> dict[str, Any]:
        if info.get("file_access") != "check_file_info" and info.get("url_private_download"):
            return info
        if self.client is None or not info.get("id"):
            return info
        try:
            response = await self.client.files_info(file=str(info["id"]))
        except SlackApiError as exc:
            log.warning("files.info failed: %s", exc.response.get("error"))
            return info
        return dict(response.get("file") or info)

    async def _get(self, url: str, name: str, limits: FileLimits) -> bytes:
        headers = {"Authorization": f"Bearer {self.token}"}
        async with self.session.get(url, headers=headers, allow_redirects=False) as response:
            if response.status != 200:
                log.warning("file download answered HTTP %s", response.status)
                raise FileUnreadable(name, DOWNLOAD_FAILED, kind="download_failed")
            if response.content_type == "text/html" and not name.lower().endswith((".html", ".htm")):
                log.warning("file download returned an HTML page: is the files:read scope granted?")
                raise FileUnreadable(
                    name,
                    "ファイルをダウンロードできませんでした"
                    "（ボットに files:read 権限があるか管理者に確認してください）。",
                    kind="download_failed",
                )
            if response.content_length is not None and response.content_length > limits.max_bytes:
                raise FileUnreadable(name, too_large_reason(limits), kind="too_large", size=response.content_length)
            data = bytearray()
            async for chunk in response.content.iter_chunked(CHUNK_BYTES):
                data += chunk
                if len(data) > limits.max_bytes:
                    raise FileUnreadable(name, too_large_reason(limits), kind="too_large", size=len(data))
            return bytes(data)
