"""Audit log, 利用停止 state, admin log, incident reports, event dedup, digest marks, directory.

    db = Database()                       # DATABASE_URL, default var/aigate.sqlite3
    await migrate_at_startup()            # unless AIGATE_AUTO_MIGRATE=0
    audit = AuditStore(db); record_id = await audit.record_decision(request, decision)
    if await SuspensionStore(db).is_suspended(user, channel, department): …
    if not await EventDedup(db).claim_event(event_id): return   # a Slack retry

Every method raises `StorageUnavailable` (Japanese `message`) when the database cannot be used.
"""

from bot.storage.admin_log import AdminLog
from bot.storage.audit import AuditStore
from bot.storage.bridge_messages import BridgeMessageState, BridgeMessageStore
from bot.storage.database import Database
from bot.storage.digest_marks import CITY_SCOPE, DigestMarks
from bot.storage.directory import UNSET_DEPARTMENT, Directory
from bot.storage.directory_file import DirectoryData, DirectoryError
from bot.storage.errors import StorageUnavailable
from bot.storage.events import EventDedup
from bot.storage.incidents import IncidentInput, IncidentStore
from bot.storage.migrate import MigrationFailed, migrate_at_startup
from bot.storage.suspension import ActiveSuspension, Scope, SuspensionStore

__all__ = [
    "CITY_SCOPE",
    "UNSET_DEPARTMENT",
    "ActiveSuspension",
    "AdminLog",
    "AuditStore",
    "BridgeMessageState",
    "BridgeMessageStore",
    "Database",
    "DigestMarks",
    "Directory",
    "DirectoryData",
    "DirectoryError",
    "EventDedup",
    "IncidentInput",
    "IncidentStore",
    "MigrationFailed",
    "Scope",
    "StorageUnavailable",
    "SuspensionStore",
    "migrate_at_startup",
]
