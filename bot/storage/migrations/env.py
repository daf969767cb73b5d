"""Alembic environment of the application database.

``bot.storage.migrate.upgrade`` passes its connection in ``config.attributes["connection"]``; the alembic CLI
(``alembic revision --autogenerate -m "…"`` from the repository root, see alembic.ini) uses
``LIANGYE_DATABASE_URL`` or the default SQLite file.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from bot.storage.models import Base, UTCDateTime
from bot.storage.store import get_engine


def render_item(kind: str, obj: object, autogen_context: object) -> str | bool:
    """Autogenerate writes UTCDateTime as the plain DateTime it stores, so migrations do not import the models."""
    return "sa.DateTime()" if kind == "type" and isinstance(obj, UTCDateTime) else False


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        compare_type=True,
        render_as_batch=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    with get_engine().begin() as own:
        run(own)
