"""Migration 0026 downgraded: the old version knows only sealed entries, so every
pending read is sealed first, in id order, after its own MAC is checked; an edited
pending entry stops the downgrade, naming it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from legaldesk import create_app
from legaldesk.audit import service as audit
from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from tests.conftest import NOW, desk_config
from tests.test_migrations import empty_database  # noqa: F401 (a fixture)

BEFORE = "0026-1"


def _write(reads: int) -> None:
    audit.record(db.session, None, NOW, "calendar.set", "calendar_day", "2026-12-01")
    for n in range(reads):
        audit.record(db.session, None, NOW, "consultation.read", "consultation", f"R{n}")
    db.session.commit()


def test_downgrading_seals_pending_reads_and_refuses_an_edited_one(
    empty_database,  # noqa: F811
    capfd,
):
    app = create_app(desk_config(empty_database))
    with app.app_context():
        upgrade()
        _write(reads=3)
        db.session.remove()
        downgrade(revision=BEFORE)
        rows = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.seq)).all()
        assert [r.seq for r in rows] == [1, 2, 3, 4]
        assert [r.object_id for r in rows[1:]] == ["R0", "R1", "R2"]  # in id order
        assert audit.verify(db.session) == (4, None)
        db.session.remove()
        upgrade()
        _write(reads=1)
        with db.engine.begin() as conn:
            conn.execute(sa.update(AuditEntry).where(AuditEntry.seq.is_(None)).values(actor="x:y"))
        db.session.remove()
        with pytest.raises(SystemExit):  # Flask-Migrate logs the error, then exits 1
            downgrade(revision=BEFORE)
        db.engine.dispose()
    assert "audit entry pending sealing (id=6)" in capfd.readouterr().err
