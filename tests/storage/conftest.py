"""Fixtures: a store on SQLite in a temporary folder, and on a throwaway PostgreSQL cluster."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from bot.storage import Store

PG_USER = "postgres"


def _pg_bindir() -> Path:
    """The PostgreSQL server binaries: $LIANGYE_PG_BIN, else the newest /usr/lib/postgresql/*/bin (15 preferred)."""
    candidates = [
        os.environ.get("LIANGYE_PG_BIN", ""),
        "/usr/lib/postgresql/15/bin",
        *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True),
    ]
    for candidate in filter(None, candidates):
        if (Path(candidate) / "initdb").is_file() and (Path(candidate) / "pg_ctl").is_file():
            return Path(candidate)
    pytest.fail(
        "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin. "
        "Install them with `apt-get install postgresql-15` or point LIANGYE_PG_BIN at the bin folder.",
        pytrace=False,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_db_user(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run ``cmd`` as the ``postgres`` system user when we are root."""
    if os.geteuid() != 0:
        return cmd
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        pytest.fail(f"running as root but there is no '{PG_USER}' system user to run PostgreSQL as.", pytrace=False)
    return ["runuser", "-u", PG_USER, "--", *cmd]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Start a throwaway PostgreSQL cluster on a free port; yield a URL to an empty database; stop it."""
    bindir = _pg_bindir()
    root = Path(tempfile.mkdtemp(prefix="liangye-pg-"))
    if os.geteuid() == 0:
        _as_db_user(["true"])  # fails clearly when there is no postgres user
        entry = pwd.getpwnam(PG_USER)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, port = root / "data", _free_port()
    try:
        subprocess.run(
            _as_db_user(
                [str(bindir / "initdb"), "-D", str(data), "-U", PG_USER, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]
            ),
            check=True,
            capture_output=True,
            text=True,
        )
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            _as_db_user(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(root / "server.log"),
                    "-w",
                    "-t",
                    "30",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as exc:
        log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {exc.cmd}\n{exc.stdout}\n{exc.stderr}\n{log}", pytrace=False)
    try:
        admin = create_engine(
            f"postgresql+psycopg2://{PG_USER}@127.0.0.1:{port}/postgres", future=True, isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as conn:
            conn.exec_driver_sql("CREATE DATABASE liangye_test")
        admin.dispose()
        yield f"postgresql+psycopg2://{PG_USER}@127.0.0.1:{port}/liangye_test"
    finally:
        subprocess.run(_as_db_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_engine(request, tmp_path) -> Iterator[Engine]:
    """An engine on an empty database (no tables, no alembic_version), once SQLite and once PostgreSQL."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'test.db'}", future=True)
        # like the PostgreSQL cluster's fsync=off: a test database need not survive a power cut
        event.listen(engine, "connect", lambda dbapi_connection, _: dbapi_connection.execute("PRAGMA synchronous=OFF"))
    else:
        engine = create_engine(request.getfixturevalue("postgres_url"), future=True)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    yield engine
    engine.dispose()


@pytest.fixture
def store(empty_engine) -> Store:
    """An empty store (migrated to the newest revision), once on SQLite and once on PostgreSQL."""
    return Store(empty_engine)
