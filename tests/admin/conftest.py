from tests.storage.databases import database_url, db, postgresql_url, sqlite_url

__all__ = ["database_url", "db", "postgresql_url", "sqlite_url"]
