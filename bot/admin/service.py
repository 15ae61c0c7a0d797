"""The admin commands carried out against storage, platform-free: Slack calls `handle`.

Every attempt is written to the admin log, refused ones included. Database faults become a
Japanese reply; nothing is half done without the admin being told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.admin import announcements
from bot.admin.authorization import REFUSAL, Admins
from bot.admin.commands import (
    AdminCommand,
    CommandError,
    DirectoryManager,
    DirectorySet,
    DirectoryShow,
    Incident,
    Resume,
    Sample,
    Status,
    Stop,
    parse_command,
)
from bot.admin.directory_commands import run_directory_command
from bot.admin.targets import Target
from bot.admin.views.incident_modal_builder import IncidentFields, IncidentOrigin
from bot.digest.labels import rule_labeler
from bot.digest.week import JST
from bot.storage import (
    AdminLog,
    AuditStore,
    Database,
    Directory,
    IncidentInput,
    IncidentStore,
    StorageUnavailable,
    SuspensionStore,
)
from bot.storage.directory import UNSET_DEPARTMENT
from bot.storage.models import IncidentReport
from bot.storage.suspension import Scope

# The slash command each parsed command comes from: refused attempts are logged under this name.
COMMAND_NAMES: dict[type, str] = {
    Stop: "aigate-stop",
    Resume: "aigate-resume",
    Status: "aigate-status",
    Sample: "aigate-sample",
    Incident: "aigate-incident",
    DirectoryShow: "aigate-directory",
    DirectorySet: "aigate-directory",
    DirectoryManager: "aigate-directory",
}


@dataclass(frozen=True, slots=True)
class AdminReply:
    text: str  # for the person who ran the command (ephemeral)
    announcement: str | None = None  # for the announcement channel
    open_incident: Incident | None = None  # the listener opens the incident modal with this prefill


class AdminService:
    def __init__(
        self,
        db: Database,
        admins: Admins,
        suspensions: SuspensionStore | None = None,
        city: str | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.admins = admins
        self.suspensions = suspensions or SuspensionStore(db)
        self.audit = AuditStore(db)
        self.log = AdminLog(db)
        self.directory = Directory(db)
        self.incidents = IncidentStore(db)
        self.city = city
        self.now = now

    async def handle(self, actor: str, command: str, text: str) -> AdminReply:
        try:
            return await self._handle(actor, command, text)
        except StorageUnavailable as exc:
            return AdminReply(exc.message)

    async def _handle(self, actor: str, command: str, text: str) -> AdminReply:
        try:
            parsed = parse_command(command, text)
        except CommandError as exc:
            return AdminReply(str(exc))
        return await self._execute(actor, parsed, text)

    async def execute(self, actor: str, command: AdminCommand, text: str = "") -> AdminReply:
        """Carry out a command another platform has already read (the webhook bridge's JSON).

        The same rules as the slash commands: non-admins are refused and the attempt is logged.
        Raises StorageUnavailable, so the platform can answer with its own "try again" status.
        """
        return await self._execute(actor, command, text)

    async def _execute(self, actor: str, parsed: AdminCommand, text: str) -> AdminReply:
        if isinstance(parsed, Incident):  # every employee may report (岩見沢 第12条)
            return AdminReply("事故報告の入力画面を開きます。", open_incident=parsed)
        if not self.admins.is_admin(actor):
            await self.log.record(actor, COMMAND_NAMES[type(parsed)], text[:200] or None, allowed=False)
            return AdminReply(REFUSAL)
        if isinstance(parsed, Stop):
            return await self._stop(actor, parsed)
        if isinstance(parsed, Resume):
            return await self._resume(actor, parsed)
        if isinstance(parsed, Status):
            await self.log.record(actor, "status")
            return AdminReply(await self.status_text())
        if isinstance(parsed, DirectoryShow | DirectorySet | DirectoryManager):
            return AdminReply(await run_directory_command(self.directory, self.log, actor, parsed))
        assert isinstance(parsed, Sample)
        await self.log.record(actor, "sample", detail={"count": parsed.count})
        end = self.now()
        records = await self.audit.sample(parsed.count, end - timedelta(days=7), end, self.city)
        return AdminReply(announcements.sample_text(records, parsed.count, rule_labeler(self.city)))

    async def _check_department(self, target: Target) -> str | None:
        if target.scope is not Scope.DEPARTMENT or await self.directory.has_department(target.value):
            return None
        known = await self.directory.departments()
        if not known:
            return (
                f"所属「{target.value}」を確認できません。職員名簿が読み込まれていません"
                "（python -m bot db load-directory 名簿.csv）。"
            )
        return f"所属「{target.value}」は職員名簿にありません。名簿の所属: {'、'.join(known)}"

    async def _stop(self, actor: str, command: Stop) -> AdminReply:
        if problem := await self._check_department(command.target):
            return AdminReply(problem)
        t = command.target
        result = await self.suspensions.stop(t.scope, t.value, command.reason, by=actor)
        await self.log.record(actor, "stop", t.display, detail={"reason": command.reason, "created": result.created})
        if not result.created:
            return AdminReply(f"{t.display} はすでに停止中です: {announcements.describe_suspension(result.suspension)}")
        return AdminReply(
            f"{t.display} の利用を停止しました。すべてのボットに数秒以内に反映されます。",
            announcement=announcements.stop_announcement(t, command.reason, actor),
        )

    async def _resume(self, actor: str, command: Resume) -> AdminReply:
        t = command.target
        lifted = await self.suspensions.resume(t.scope, t.value, by=actor)
        await self.log.record(actor, "resume", t.display, detail={"reason": command.reason, "lifted": lifted})
        if not lifted:
            active = await self.suspensions.active()
            hint = (
                "現在の停止: " + "、".join(announcements.describe_suspension(s) for s in active)
                if active
                else "現在、停止中の対象はありません。"
            )
            return AdminReply(f"{t.display} は停止されていません。{hint}")
        return AdminReply(
            f"{t.display} の利用を再開しました。",
            announcement=announcements.resume_announcement(t, command.reason, actor),
        )

    async def status_text(self) -> str:
        active = await self.suspensions.active()
        today = await self.audit.counts_by_action(*self.today_bounds(), city=self.city)
        return announcements.status_text(active, today)

    def today_bounds(self) -> tuple[datetime, datetime]:
        local = self.now().astimezone(JST)
        start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return start, start + timedelta(days=1)

    async def submit_incident(
        self, reporter: str, fields: IncidentFields, origin: IncidentOrigin | None = None
    ) -> tuple[IncidentReport, str]:
        """Store the report and return it with the text for the admins' channel (raises StorageUnavailable)."""
        origin = origin or IncidentOrigin()
        department = await self.directory.department_of(reporter)
        report = await self.incidents.create(
            IncidentInput(
                reporter=reporter,
                occurred_at=fields.occurred_at,
                background=fields.background,
                cause=fields.cause,
                outlook=fields.outlook,
                notes=fields.notes,
                city=self.city or "",
                department=department,
                audit_record_id=origin.audit_record_id,
                channel=origin.channel,
                thread_id=origin.thread_id,
            )
        )
        await self.log.record(reporter, "incident", str(report.id))
        return report, announcements.incident_post(report)

    async def incident_managers(self, report: IncidentReport) -> tuple[list[str], bool]:
        """The reporter's 所属長 from the staff list (the form promises them the report), the reporter left out;
        and whether the reporter is one of them."""
        if not report.department or report.department == UNSET_DEPARTMENT:
            return [], False
        managers = (await self.directory.managers_by_department()).get(report.department, [])
        return [m for m in managers if m != report.reporter], report.reporter in managers
