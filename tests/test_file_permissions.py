"""The SQLite database holds privileged consultations: its file, its -wal and -shm
siblings, the instance folder and every backup are private to the desk's user, whatever
the umask, whichever command made them (app start, `flask db upgrade`, restore)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from legaldesk import create_app
from legaldesk.clock import utcnow
from legaldesk.db import db
from tests.conftest import desk_config
from tests.servers import ROOT

UMASK = 0o022  # the usual one: new files 0644, readable by every local user


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _open_to_others(folder: Path) -> dict[str, str]:
    """Every file (and folder) under ``folder`` that a group or other user may use."""
    found = {}
    for path in [folder, *folder.rglob("*")]:
        if _mode(path) & 0o077:
            found[str(path.relative_to(folder.parent))] = oct(_mode(path))
    return found


def _flask(instance: Path, *args: str, **settings: str) -> subprocess.CompletedProcess:
    """`flask ARGS` in a process of its own, on a fresh instance folder, umask 022."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEGALDESK_")}
    env["LEGALDESK_INSTANCE_PATH"] = str(instance)
    env.update({f"LEGALDESK_{name}": value for name, value in settings.items()})
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app.py", *args],
        cwd=ROOT,
        env=env,
        umask=UMASK,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_db_upgrade_on_a_fresh_instance_makes_everything_private(tmp_path):
    """The default desk: database, keys and folder all made by `flask db upgrade`."""
    instance = tmp_path / "instance"
    _flask(instance, "db", "upgrade")
    assert (instance / "legaldesk.sqlite3").exists()
    assert _mode(instance) == 0o700
    assert _open_to_others(instance) == {}


def test_a_database_named_by_the_setting_is_private_too(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    database = folder / "desk.sqlite3"
    _flask(
        tmp_path / "instance",
        "db",
        "upgrade",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}",
    )
    assert _mode(database) == 0o600
    assert {p.name: _mode(p) for p in folder.iterdir()} == {"desk.sqlite3": 0o600}


def test_backup_and_restore_into_a_migrated_file_stay_private(tmp_path):
    """A backup file, and the database a restore fills (made by `db upgrade` first)."""
    source, target = tmp_path / "source", tmp_path / "target"
    key = {"AUDIT_KEY": "one-key-for-both-desks"}  # the key is backed up apart
    _flask(source, "db", "upgrade", **key)
    _flask(source, "desk", "demo", **key)
    backups = tmp_path / "backups"
    backups.mkdir(mode=0o755)  # a folder others may list: the file itself is private
    _flask(source, "desk", "backup", str(backups / "desk.backup"))
    assert [(p.name, _mode(p)) for p in backups.iterdir()] == [("desk.backup", 0o600)]
    _flask(target, "db", "upgrade")
    # A database migrated before this fix, with the umask's mode: restore tightens it.
    os.chmod(target / "legaldesk.sqlite3", 0o644)
    restored = _flask(target, "desk", "restore", str(backups / "desk.backup"))
    assert "restored" in restored.stdout
    assert _open_to_others(target) == {}
    _flask(target, "desk", "audit-verify", **key)
    assert _open_to_others(target) == {}


def test_restore_into_a_database_not_yet_made_is_private(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    _flask(source, "db", "upgrade")
    _flask(source, "desk", "backup", str(tmp_path / "desk.backup"))
    _flask(target, "desk", "restore", str(tmp_path / "desk.backup"))
    assert _open_to_others(target) == {}


@pytest.fixture
def umask_022():
    old = os.umask(UMASK)
    try:
        yield
    finally:
        os.umask(old)


def _wal_desk(path: Path):
    """An app writing to ``path`` with its connection still open (-wal and -shm exist)."""
    return create_app({**desk_config(f"sqlite:///{path}"), "AUDIT_CHECKPOINT_FILE": os.devnull})


def test_the_wal_and_shm_files_of_a_running_desk_are_private(tmp_path, umask_022):
    database = tmp_path / "desk.sqlite3"
    app = _wal_desk(database)
    with app.app_context():
        db.create_all()
        with db.engine.connect() as connection:
            connection.execute(sa.text("CREATE TABLE IF NOT EXISTS t (x INTEGER)"))
            connection.execute(sa.text("INSERT INTO t VALUES (1)"))
            connection.commit()
            siblings = sorted(p.name for p in tmp_path.glob("desk.sqlite3*"))
            assert siblings == ["desk.sqlite3", "desk.sqlite3-shm", "desk.sqlite3-wal"]
            assert _open_to_others(tmp_path) == {}
        db.engine.dispose()


def test_a_database_left_readable_is_made_private_when_the_desk_opens_it(tmp_path, umask_022):
    """A file from before this fix (0644, with its -wal) is tightened on first use."""
    database = tmp_path / "old.sqlite3"
    app = _wal_desk(database)
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    for path in tmp_path.glob("old.sqlite3*"):
        os.chmod(path, 0o644)
    app = _wal_desk(database)
    with app.app_context(), db.engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))
        assert _open_to_others(tmp_path) == {}
        db.engine.dispose()


def test_the_checkpoint_file_is_private(tmp_path, umask_022):
    from legaldesk.audit import checkpoints
    from legaldesk.audit import service as audit

    app = _wal_desk(tmp_path / "desk.sqlite3")
    with app.app_context():
        db.create_all()
        audit.record(db.session, None, utcnow(), "test", "t", 1)
        db.session.commit()
        checkpoints.publish(db.session, tmp_path / "cp" / "checkpoints.log", "2026-11-26")
        db.engine.dispose()
    assert _open_to_others(tmp_path / "cp") == {}


def test_the_commands_say_their_files_are_private(tmp_path):
    app = _wal_desk(tmp_path / "desk.sqlite3")
    for command in (["desk", "--help"], ["desk", "restore", "--help"]):
        result = app.test_cli_runner().invoke(args=command)
        assert result.exit_code == 0 and "0600" in result.output, result.output
