"""`flask desk backup` / `flask desk restore`: a round trip on both engines, the refusal
to restore over data, and a backup taken while another connection writes."""

from __future__ import annotations

import stat
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from legaldesk import create_app
from legaldesk.backup import pg_command
from legaldesk.cases.catalog import ensure_reference_data
from legaldesk.db import db
from tests.conftest import NOW, PG_URL, desk_config
from tests.helpers import drop_database


def run(app: Flask, *args: str):
    return app.test_cli_runner().invoke(args=["desk", *args])


def table_counts(app: Flask) -> dict[str, int]:
    """Every table the database holds, with its number of rows."""
    with app.app_context(), db.engine.connect() as connection:
        names = sa.inspect(connection).get_table_names()
        return {
            name: connection.scalar(sa.select(sa.func.count()).select_from(sa.table(name)))
            for name in names
        }


def restore_url(backend: str, tmp_path: Any) -> str:
    """A new, blank database: a file not yet made, or a PostgreSQL database made afresh."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    url = sa.make_url(PG_URL)
    name = f"{url.database}_restore"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    drop_database(admin, name)
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def target(backend: str, tmp_path: Any) -> Iterator[Flask]:
    app = create_app(desk_config(restore_url(backend, tmp_path)))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("state", ["blank", "schema"])
def test_round_trip_keeps_every_row_and_the_audit_chain(app, target, tmp_path, state):
    assert run(app, "demo").exit_code == 0
    assert run(app, "seed", "--cases", "40").exit_code == 0
    before = table_counts(app)
    path = tmp_path / "desk.backup"
    made = run(app, "backup", str(path))
    assert made.exit_code == 0, made.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds privileged content
    if state == "schema":  # a migrated but unused desk counts as empty
        with target.app_context():
            db.create_all()
            ensure_reference_data(db.session)
            db.session.commit()
            db.engine.dispose()
    restored = run(target, "restore", str(path))
    assert restored.exit_code == 0, restored.output
    assert table_counts(target) == before
    assert sum(before.values()) > 500
    verified = run(target, "audit-verify")
    assert verified.exit_code == 0, verified.output
    # The restored desk takes new work: ids and sequences continue after the copy.
    with target.test_request_context():
        from tests.conftest import create_case

        create_case()


def test_restore_refuses_a_database_holding_data(app, tmp_path):
    assert run(app, "demo").exit_code == 0
    path = tmp_path / "desk.backup"
    assert run(app, "backup", str(path)).exit_code == 0
    before = table_counts(app)
    refused = run(app, "restore", str(path))
    assert refused.exit_code == 1
    assert "holds data" in refused.output and "consultations" in refused.output
    assert "Traceback" not in refused.output
    assert table_counts(app) == before


def test_restore_refuses_what_is_not_a_backup(app, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    refused = run(app, "restore", str(path))
    assert refused.exit_code == 1 and "not a LegalDesk backup" in refused.output
    missing = run(app, "restore", str(tmp_path / "missing.dump"))
    assert missing.exit_code == 1 and "Traceback" not in missing.output


def test_backup_while_another_connection_writes_is_consistent(app, target, tmp_path):
    """Each write adds an enterprise, its contact and an audit entry in one
    transaction: a consistent copy has as many of one as of the other, and an
    intact chain."""
    from legaldesk.audit import service as audit
    from legaldesk.enterprises.models import Contact, Enterprise

    stop, started = threading.Event(), threading.Event()
    written = []

    def write() -> None:
        with app.app_context():
            n = 0
            while not stop.is_set() or n < 5:
                n += 1
                enterprise = Enterprise(uscc=f"W{n:017d}", name=f"写入{n}", created_at=NOW)
                db.session.add(enterprise)
                db.session.flush()
                db.session.add(Contact(enterprise_id=enterprise.id, name="c", phone=f"+86{n}"))
                audit.record(db.session, None, NOW, "write", "enterprise", str(n), {})
                db.session.commit()
                started.set()
            written.append(n)
            db.session.remove()

    assert run(app, "demo").exit_code == 0
    writer = threading.Thread(target=write)
    writer.start()
    assert started.wait(30)
    paths = [tmp_path / f"desk{i}.backup" for i in range(3)]
    try:
        for path in paths:
            made = run(app, "backup", str(path))
            assert made.exit_code == 0, made.output
    finally:
        stop.set()
        writer.join(60)
    assert written and written[0] >= 5
    restored = run(target, "restore", str(paths[-1]))
    assert restored.exit_code == 0, restored.output
    with target.app_context():
        added = db.session.scalar(
            sa.select(sa.func.count()).select_from(Enterprise).where(Enterprise.uscc.like("W%"))
        )
        paired = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Contact)
            .join(Enterprise)
            .where(Enterprise.uscc.like("W%"))
        )
    assert 0 < added == paired  # the copy caught the writer mid-stream, whole rows only
    assert run(target, "audit-verify").exit_code == 0


def test_the_password_goes_to_the_environment_not_the_command_line():
    url = sa.make_url(
        "postgresql+psycopg://desk:s3cret-pw@db.internal:6543/legaldesk?sslmode=require"
    )
    argv, env = pg_command(url, "pg_dump", None, "--format=custom")
    assert not any("s3cret-pw" in part for part in argv)
    assert env["PGPASSWORD"] == "s3cret-pw" and env["PGUSER"] == "desk"
    assert env["PGHOST"] == "db.internal" and env["PGPORT"] == "6543"
    assert env["PGDATABASE"] == "legaldesk" and env["PGSSLMODE"] == "require"


def test_a_backup_into_a_missing_folder_is_a_clear_error(app, tmp_path):
    refused = run(app, "backup", str(tmp_path / "no" / "such" / "desk.backup"))
    assert refused.exit_code == 1 and "cannot write in" in refused.output
    assert "Traceback" not in refused.output
