"""Delivering a digest through the Slack Web API (or any compatible server: SLACK_API_URL)."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

NOT_CONFIGURED = (
    "Slack が設定されていないため送信できません。SLACK_BOT_TOKEN（必要なら SLACK_API_URL）を設定してください。"
)


class SlackNotConfigured(Exception):
    def __init__(self) -> None:
        super().__init__(NOT_CONFIGURED)


class SlackDigestTransport:
    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    @classmethod
    def connect(cls, token: str | None, api_url: str) -> SlackDigestTransport:
        """From Settings.slack_bot_token and .slack_api_url (SLACK_BOT_TOKEN, SLACK_API_URL)."""
        if not token:
            raise SlackNotConfigured()
        from bot.platforms.slack.web_api import web_client  # retries on 429 and 5xx

        return cls(web_client(token, api_url.rstrip("/") + "/"))

    async def send_to_user(self, user_id: str, text: str, png: bytes, filename: str) -> None:
        opened = await self.client.conversations_open(users=user_id)
        await self.send_to_channel(opened["channel"]["id"], text, png, filename)

    async def send_to_channel(self, channel: str, text: str, png: bytes, filename: str) -> None:
        posted = await self.client.chat_postMessage(channel=channel, text=text, mrkdwn=True)
        await self.client.files_upload_v2(
            channel=channel, content=png, filename=filename, title="週次利用状況", thread_ts=posted["ts"]
        )
