"""/aigate-directory: the staff directory (職員 → 所属, 所属 → 所属長) maintained by admins in chat."""

from __future__ import annotations

from bot.admin.commands import DirectoryManager, DirectorySet, DirectoryShow
from bot.storage import AdminLog, Directory

SHOW_LIMIT = 40  # 所属 listed in one reply; the rest are counted


async def run_directory_command(
    directory: Directory, log: AdminLog, actor: str, command: DirectoryShow | DirectorySet | DirectoryManager
) -> str:
    if isinstance(command, DirectorySet):
        before = await directory.department_of(command.user_id)
        await directory.set_department(command.user_id, command.department)
        await log.record(actor, "directory", command.user_id, detail={"department": command.department})
        return f"<@{command.user_id}> の所属を「{command.department}」にしました（変更前: {before}）。"
    if isinstance(command, DirectoryManager):
        if command.add:
            await directory.add_manager(command.department, command.user_id)
            await log.record(actor, "directory_manager", command.user_id, detail={"department": command.department})
            return f"<@{command.user_id}> を「{command.department}」の所属長にしました（週次報告が届きます）。"
        removed = await directory.remove_manager(command.department, command.user_id)
        await log.record(
            actor,
            "directory_manager_removed",
            command.user_id,
            detail={"department": command.department, "removed": removed},
        )
        if not removed:
            return f"<@{command.user_id}> は「{command.department}」の所属長として登録されていません。"
        return f"<@{command.user_id}> を「{command.department}」の所属長から外しました。"
    await log.record(actor, "directory_show")
    staff = await directory.staff_by_department()
    managers = await directory.managers_by_department()
    if not staff and not managers:
        return (
            "職員名簿はまだ空です。`python -m bot db load-directory 名簿.csv` で読み込むか、"
            "`/aigate-directory @職員 所属名` で登録してください。"
        )
    names = sorted(set(staff) | set(managers))
    lines = [f"*職員名簿*: {len(names)} 所属・{sum(len(s) for s in staff.values())} 人"]
    for name in names[:SHOW_LIMIT]:
        heads = "、".join(f"<@{u}>" for u in managers.get(name, [])) or "未登録"
        lines.append(f"• {name}: {len(staff.get(name, ()))}人（所属長 {heads}）")
    if len(names) > SHOW_LIMIT:
        lines.append(f"ほか {len(names) - SHOW_LIMIT} 所属")
    return "\n".join(lines)
