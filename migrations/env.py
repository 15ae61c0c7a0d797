"""Alembic environment: one schema history for SQLite and PostgreSQL, chosen by DATABASE_URL.

Migrations run on synchronous drivers (sqlite3, psycopg) even though the bot uses async ones:
the URL is translated by `bot.storage.database.sync_url`. `python -m bot db upgrade` passes
the URL in `config.attributes["database_url"]`; plain `alembic upgrade head` reads DATABASE_URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool
from sqlmodel import SQLModel

import bot.storage.models  # noqa: F401  (registers every table on the metadata)
from bot.storage.database import configured_url, is_sqlite, sync_url

config = context.config
target_metadata = SQLModel.metadata
url = config.attributes.get("database_url") or configured_url()


def run_migrations_offline() -> None:
    context.configure(
        url=sync_url(url),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=is_sqlite(url),
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(sync_url(url), poolclass=pool.NullPool)
    with engine.connect() as connection:
        # SQLite cannot ALTER most things in place; batch mode rebuilds the table instead.
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=is_sqlite(url))
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
