"""Alembic environment of the application database.

``bot.storage.migrate.upgrade`` passes its connection in ``config.attributes["connection"]``; the alembic CLI
(``alembic revision --autogenerate -m "…"`` from the repository root, see alembic.ini) uses
``LIANGYE_DATABASE_URL`` or the default SQLite file.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from bot.storage.models import Base
from bot.storage.store import get_engine


def run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    with get_engine().begin() as own:
        run(own)
