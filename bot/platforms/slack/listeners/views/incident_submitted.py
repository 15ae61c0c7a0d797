"""The incident modal submitted: store the report (様式3), post it to the admins and the reporter's 所属長
(a DM to each, from the staff list), and tell the reporter who received it.

Storage is written before the ack, so a database fault keeps the modal open with the reporter's
text and a Japanese message instead of losing the report.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.admin.announcements import incident_for_manager, incident_receipt
from bot.admin.views import ids
from bot.admin.views.incident_modal_builder import IncidentOrigin, read_incident_submission
from bot.platforms.slack.blocks.block_builder import notice_message
from bot.platforms.slack.services import services_of
from bot.storage import StorageUnavailable

log = logging.getLogger("aigate.slack")


async def handle_incident_submission(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    fields = read_incident_submission(view["state"]["values"], datetime.now(UTC))
    if isinstance(fields, dict):
        await ack(response_action="errors", errors=fields)
        return
    reporter = body["user"]["id"]
    services = services_of(context)
    service = services.admin
    try:
        report, post = await service.submit_incident(
            reporter, fields, IncidentOrigin.loads(view.get("private_metadata"))
        )
    except StorageUnavailable as exc:
        await ack(response_action="errors", errors={ids.BACKGROUND: exc.message[:150]})
        return
    await ack()
    channel = services.admin_channel  # AIGATE_ADMIN_CHANNEL
    delivered = False
    if channel:
        try:
            await client.chat_postMessage(channel=channel, **notice_message(post))
            delivered = True
        except SlackApiError as exc:
            log.error("incident %s not posted to the admins: %s", report.id, exc.response.get("error"))
    else:
        log.warning("AIGATE_ADMIN_CHANNEL is not set; incident %s is stored only", report.id)
    # The form promises the report to the reporter's 所属長 too: a DM to each, from the staff list.
    reached: list[str] = []
    failed: list[str] = []
    try:
        managers, reporter_is_manager = await service.incident_managers(report)
    except StorageUnavailable:
        log.error("incident %s: the staff list could not be read; no 所属長 reached", report.id)
        managers, reporter_is_manager = [], False
    for manager in managers:
        try:
            await client.chat_postMessage(channel=manager, **notice_message(incident_for_manager(report, post)))
            reached.append(manager)
        except SlackApiError as exc:
            log.error("incident %s not sent to a 所属長: %s", report.id, exc.response.get("error"))
            failed.append(manager)
    thanks = incident_receipt(
        report,
        admins_reached=delivered,
        managers_reached=reached,
        managers_failed=failed,
        reporter_is_manager=reporter_is_manager,
    )
    await client.chat_postMessage(channel=reporter, **notice_message(thanks))
