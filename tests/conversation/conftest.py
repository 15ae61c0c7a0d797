from tests.storage.databases import database_url, postgresql_url, sqlite_url

__all__ = ["database_url", "postgresql_url", "sqlite_url"]
