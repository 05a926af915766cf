"""The audit chain is sealed with a key the database does not hold, and checked against
checkpoints kept outside it: a rewritten, re-keyed or cut chain fails audit-verify."""

import os
import stat
import subprocess
import sys
from datetime import timedelta

import pytest
import sqlalchemy as sa

from legaldesk import config, create_app
from legaldesk.audit.models import AuditEntry
from legaldesk.audit.rules import entry_hash, entry_mac
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.notify.models import OutboxMessage
from legaldesk.scheduler import audit_checkpoint
from tests.conftest import TEST_AUDIT_KEY, desk_config
from tests.servers import ROOT, desk_env


def _run_cli(app, *args):
    return app.test_cli_runner().invoke(args=["desk", *args])


def _entries(count, make):
    for _ in range(count):
        make.case()  # a user and a case: two entries each


def _rewrite_from(app, seq, seal):
    """What someone with write access to the database does: edit entry ``seq``, then
    recompute its seal and every later link, so that each entry matches the one before."""
    with app.app_context():
        entries = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.seq >= seq - 1).order_by(AuditEntry.seq)
        ).all()
        entries[1].actor = "coordinator:someone@else"
        for before, entry in zip(entries, entries[1:], strict=False):
            entry.prev_hash = before.hash
            entry.hash = seal(entry)
        db.session.commit()


def _checkpoint_file(app):
    return app.config["AUDIT_CHECKPOINT_FILE"]


def _checkpoint_lines(app):
    with open(_checkpoint_file(app), encoding="utf-8") as handle:
        return [line for line in handle.read().splitlines() if line.strip()]


def test_a_chain_recomputed_with_the_plain_hash_fails_at_the_edited_entry(app, make):
    """Before sealing, recomputing every later SHA-256 made audit-verify say 'intact'."""
    _entries(3, make)
    assert _run_cli(app, "audit-verify").exit_code == 0
    _rewrite_from(app, 3, entry_hash)
    result = _run_cli(app, "audit-verify")
    assert result.exit_code == 1, result.output
    assert "seq=3" in result.output


def test_a_chain_relabelled_as_unsealed_fails(app, make):
    """Marking entries as made before sealing existed does not let plain hashes pass."""
    _entries(2, make)
    with app.app_context():
        db.session.execute(sa.update(AuditEntry).values(mac_version=0))
        db.session.commit()
    _rewrite_from(app, 2, entry_hash)
    result = _run_cli(app, "audit-verify")
    assert result.exit_code == 1 and "seq=1" in result.output, result.output


def test_a_wrong_key_fails(app, make):
    _entries(2, make)
    other = create_app({**desk_config(app.config["SQLALCHEMY_DATABASE_URI"]), "AUDIT_KEY": "x"})
    result = _run_cli(other, "audit-verify")
    assert result.exit_code == 1 and "seq=1" in result.output, result.output
    with other.app_context():
        db.engine.dispose()


def test_a_cut_tail_fails_against_the_checkpoint(app, make):
    _entries(3, make)
    audit_checkpoint(app)
    (line,) = _checkpoint_lines(app)
    with app.app_context():
        total = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
        db.session.execute(sa.delete(AuditEntry).where(AuditEntry.seq > total - 2))
        db.session.commit()
    assert f"count={total}" in line
    named = f"seq={total - 1}"
    explicit = _run_cli(app, "audit-verify", "--checkpoint", _checkpoint_file(app))
    assert explicit.exit_code == 1 and named in explicit.output, explicit.output
    # The configured file is read by default.
    default = _run_cli(app, "audit-verify")
    assert default.exit_code == 1 and named in default.output, default.output


def test_a_key_thief_recomputing_the_chain_fails_against_the_checkpoint(app, make):
    """With the key, a rewrite seals correctly; only the published head shows it."""
    _entries(3, make)
    audit_checkpoint(app)
    with app.app_context():
        total = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    _rewrite_from(app, 2, lambda entry: entry_mac(entry, TEST_AUDIT_KEY.encode()))
    result = _run_cli(app, "audit-verify", "--checkpoint", _checkpoint_file(app))
    assert result.exit_code == 1 and f"seq={total}" in result.output, result.output


def test_an_intact_chain_passes_its_checkpoints_and_grows_after_them(app, make):
    _entries(2, make)
    audit_checkpoint(app)
    _entries(1, make)
    audit_checkpoint(app, utcnow() + timedelta(days=1))
    _entries(1, make)
    assert len(_checkpoint_lines(app)) == 2
    result = _run_cli(app, "audit-verify", "--checkpoint", _checkpoint_file(app))
    assert result.exit_code == 0, result.output
    assert "intact" in result.output and "2 checkpoints" in result.output


def test_an_unreadable_checkpoint_file_fails(app, make, tmp_path):
    _entries(1, make)
    bad = tmp_path / "bad.log"
    bad.write_text("2026-11-26 count=two\n")
    result = _run_cli(app, "audit-verify", "--checkpoint", str(bad))
    assert result.exit_code == 1 and "line 1" in result.output, result.output


def _checkpoint_mail(app):
    with app.app_context():
        return db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.kind == "audit_checkpoint")
        ).all()


def test_the_daily_checkpoint_is_written_and_mailed_once_a_day(app, make):
    admins = [make.user("admin"), make.user("admin")]
    make.user("coordinator")
    _entries(1, make)
    audit_checkpoint(app)
    audit_checkpoint(app)
    (line,) = _checkpoint_lines(app)
    mails = _checkpoint_mail(app)
    assert sorted(m.recipient for m in mails) == sorted(a.email for a in admins)
    assert all(m.payload["head"] in line for m in mails)
    audit_checkpoint(app, utcnow() + timedelta(days=1))
    assert len(_checkpoint_lines(app)) == 2 and len(_checkpoint_mail(app)) == 4


def test_two_scheduler_processes_write_one_checkpoint(app, make):
    make.user("admin")
    _entries(1, make)
    env = desk_env(
        app.config["SQLALCHEMY_DATABASE_URI"],
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=1,
        MAIL_TIMEOUT=1,
        AUDIT_CHECKPOINT_FILE=_checkpoint_file(app),
    )
    command = [sys.executable, "-m", "flask", "--app", "app.py", "desk", "scheduler", "--once"]
    runs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert len(_checkpoint_lines(app)) == 1
    assert len(_checkpoint_mail(app)) == 1
    assert _run_cli(app, "audit-verify").exit_code == 0


def test_the_key_is_generated_once_into_the_instance_folder(tmp_path):
    key = config.load_audit_key(str(tmp_path))
    assert len(key) >= 64 and config.load_audit_key(str(tmp_path)) == key
    mode = stat.S_IMODE(os.stat(tmp_path / "audit_key").st_mode)
    assert mode == 0o600


def test_the_audit_key_may_not_be_the_secret_key(tmp_path):
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    with pytest.raises(ValueError, match="AUDIT_KEY"):
        create_app({**desk_config(url), "AUDIT_KEY": "same", "SECRET_KEY": "same"})
