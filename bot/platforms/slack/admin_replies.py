"""What the administration listeners share: today's admins, replies, announcements, App Home.

The admin logic itself is platform-free (bot/admin); this module only adapts its replies to Slack.
(Not to be confused with bot/platforms/bridge/, the webhook bridge.) The AdminService is a field of
`SlackServices`, built in runtime.py on the pipeline's SuspensionStore, so a stop made in this
process applies here at once, and in every other process within the store's cache time.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin import AdminReply, Admins, AdminService
from bot.admin.announcements import block_reasons_text
from bot.admin.views.app_home_builder import build_admin_home, build_staff_home, staff_home_from_policy
from bot.digest.labels import rule_labeler
from bot.digest.week import JST
from bot.gate.labels import ENTITY_LABELS_JA
from bot.platforms.slack.blocks.block_builder import notice_message
from bot.platforms.slack.services import SlackServices
from bot.storage import StorageUnavailable

log = logging.getLogger("aigate.slack")

GROUP_TTL_S = 60.0
_group_members: dict[str, tuple[float, frozenset[str]]] = {}


async def _members(client: AsyncWebClient, group: str) -> frozenset[str]:
    cached = _group_members.get(group)
    if cached is not None and time.monotonic() - cached[0] < GROUP_TTL_S:
        return cached[1]
    try:
        response = await client.usergroups_users_list(usergroup=group)
        members = frozenset(str(u) for u in response.get("users") or [])
    except SlackApiError as exc:
        # Fail closed: while the group cannot be read, its members are not admins (listed ids still are).
        log.error("admin group %s unreadable: %s", group, exc.response.get("error"))
        return cached[1] if cached is not None else frozenset()
    _group_members[group] = (time.monotonic(), members)
    return members


async def refresh_admins(client: AsyncWebClient, services: SlackServices) -> AdminService:
    """The AdminService with today's admins: AIGATE_ADMINS plus the members of AIGATE_ADMIN_GROUPS (S…)."""
    service = services.admin
    ids = set(services.admins)
    for group in services.admin_groups:
        ids |= await _members(client, group)
    service.admins = Admins(frozenset(ids))
    return service


async def tell(
    client: AsyncWebClient, channel: str | None, user: str, text: str, respond: AsyncRespond | None = None
) -> None:
    """An ephemeral reply; through response_url when the bot is not in that channel."""
    try:
        if not channel:
            raise SlackApiError("no channel", {"ok": False, "error": "channel_not_found"})
        await client.chat_postEphemeral(channel=channel, user=user, **notice_message(text))
    except SlackApiError:
        if respond is None:
            raise
        await respond(text=text, response_type="ephemeral")


async def announce(client: AsyncWebClient, services: SlackServices, announcement: str) -> str | None:
    """Post to the announcement channel (AIGATE_ANNOUNCE_CHANNEL; 新座 8, 流山 9: 職員へ周知).

    Returns a Japanese warning for the admin if it could not."""
    target = services.announce_channel
    if not target:
        return "⚠️ 周知チャンネル（AIGATE_ANNOUNCE_CHANNEL）が未設定のため、職員へのお知らせは投稿していません。"
    try:
        await client.chat_postMessage(channel=target, **notice_message(announcement))
    except SlackApiError as exc:
        log.error("announcement failed: %s", exc.response.get("error"))
        return f"⚠️ 周知チャンネル {target} への投稿に失敗しました（{exc.response.get('error')}）。"
    return None


async def deliver(
    client: AsyncWebClient,
    services: SlackServices,
    reply: AdminReply,
    channel: str | None,
    user: str,
    respond: AsyncRespond | None = None,
) -> None:
    """The admin's reply, and the announcement to staff when there is one."""
    text = reply.text
    if reply.announcement and (warning := await announce(client, services, reply.announcement)):
        text += "\n" + warning
    await tell(client, channel, user, text, respond)


async def publish_home(client: AsyncWebClient, services: SlackServices, user: str, now: datetime) -> None:
    admin = await refresh_admins(client, services)
    if admin.admins.is_admin(user):
        try:
            active = await admin.suspensions.active()
            today = await admin.audit.counts_by_action(*admin.today_bounds(), city=services.city)
            reasons = await admin.audit.block_reasons(*admin.today_bounds(), city=services.city)
        except StorageUnavailable as exc:
            view: dict[str, Any] = {"type": "home", "blocks": notice_message(exc.message)["blocks"]}
        else:
            local = now.astimezone(JST)
            view = build_admin_home(
                _city_name(services),
                active,
                today,
                f"本日（{local.month}月{local.day}日）",
                block_reasons_text(reasons, rule_labeler(services.city)),
            )
    else:
        policy = services.pipeline.gate.policies.get(services.city)
        masked = [label for kind, label in ENTITY_LABELS_JA.items() if kind not in set(policy.unmasked_entities)]
        view = build_staff_home(staff_home_from_policy(policy, masked))
    await client.views_publish(user_id=user, view=view)


def _city_name(services: SlackServices) -> str:
    try:
        return str(services.pipeline.gate.policies.get(services.city).name)
    except Exception:
        return services.city
