"""The staff directory in the database: 職員 → 所属 and 所属 → 所属長. Unknown staff count as 未設定."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sqlmodel import delete, select

from bot.storage.database import Database, utcnow
from bot.storage.directory_file import DirectoryData, read_directory_file
from bot.storage.models import DepartmentManager, DirectoryUser

UNSET_DEPARTMENT = "未設定"


class Directory:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def replace(self, data: DirectoryData) -> None:
        """Make the directory exactly `data` (one transaction: readers never see it half loaded)."""
        now = utcnow()
        async with self.db.session() as session:
            await session.exec(delete(DepartmentManager))  # type: ignore[call-overload]
            await session.exec(delete(DirectoryUser))  # type: ignore[call-overload]
            for user_id, department in data.departments.items():
                session.add(
                    DirectoryUser(
                        user_id=user_id, department=department, display_name=data.names.get(user_id), updated_at=now
                    )
                )
            for department, managers in data.managers.items():
                for manager in managers:
                    session.add(DepartmentManager(department=department, manager_user_id=manager))

    async def load_file(self, path: Path) -> DirectoryData:
        data = read_directory_file(path)
        await self.replace(data)
        return data

    async def set_department(self, user_id: str, department: str) -> None:
        async with self.db.session() as session:
            row = await session.get(DirectoryUser, user_id)
            if row is None:
                session.add(DirectoryUser(user_id=user_id, department=department, updated_at=utcnow()))
            else:
                row.department = department
                row.updated_at = utcnow()

    async def add_manager(self, department: str, user_id: str) -> None:
        async with self.db.session() as session:
            if await session.get(DepartmentManager, (department, user_id)) is None:
                session.add(DepartmentManager(department=department, manager_user_id=user_id))

    async def remove_manager(self, department: str, user_id: str) -> bool:
        async with self.db.session() as session:
            row = await session.get(DepartmentManager, (department, user_id))
            if row is None:
                return False
            await session.delete(row)
            return True

    async def department_of(self, user_id: str | None) -> str:
        if not user_id:
            return UNSET_DEPARTMENT
        async with self.db.session() as session:
            row = await session.get(DirectoryUser, user_id)
        return row.department if row is not None else UNSET_DEPARTMENT

    async def departments(self) -> list[str]:
        async with self.db.session() as session:
            rows = (await session.exec(select(DirectoryUser.department).distinct())).all()
        return sorted(rows)

    async def has_department(self, department: str) -> bool:
        async with self.db.session() as session:
            query = select(DirectoryUser.user_id).where(DirectoryUser.department == department).limit(1)
            return (await session.exec(query)).first() is not None

    async def staff_by_department(self) -> dict[str, set[str]]:
        async with self.db.session() as session:
            rows = (await session.exec(select(DirectoryUser.department, DirectoryUser.user_id))).all()
        staff: dict[str, set[str]] = defaultdict(set)
        for department, user_id in rows:
            staff[department].add(user_id)
        return dict(staff)

    async def managers_by_department(self) -> dict[str, list[str]]:
        async with self.db.session() as session:
            query = select(DepartmentManager.department, DepartmentManager.manager_user_id)
            rows = (await session.exec(query)).all()
        managers: dict[str, list[str]] = defaultdict(list)
        for department, user_id in rows:
            managers[department].append(user_id)
        return {d: sorted(m) for d, m in managers.items()}
