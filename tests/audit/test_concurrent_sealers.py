"""Two sealers at once (two schedulers started by mistake, or the scheduler and
`flask desk audit-seal`) seal each pending entry exactly once: no entry twice, none
left out, no gap and no fork in the chain, the reads in the order they were written."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from legaldesk.audit import service as audit
from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.scheduler import seal_audit_log
from tests.conftest import NOW

READS = 60


def _write_entries(app) -> None:
    """READS pending reads, with a change sealed at once after every tenth."""
    with app.app_context():
        for n in range(READS):
            audit.record(db.session, None, NOW, "consultation.read", "consultation", f"R{n}")
            if n % 10 == 9:
                audit.record(db.session, None, NOW, "calendar.set", "calendar_day", str(n))
        db.session.commit()


def test_two_sealers_at_once_seal_each_entry_once_in_order(app):
    _write_entries(app)
    start = threading.Barrier(2)

    def sealer(_: int) -> dict:
        start.wait(timeout=30)
        return seal_audit_log(app, batch=7)  # small batches: the two take turns often

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(sealer, range(2)))
    assert sum(o["sealed"] for o in outcomes) == READS, outcomes
    assert all(o["refused"] == 0 for o in outcomes)
    with app.app_context():
        rows = db.session.execute(
            sa.select(AuditEntry.id, AuditEntry.seq, AuditEntry.action).order_by(AuditEntry.seq)
        ).all()
        count, broken = audit.verify(db.session)
    assert broken is None and count == len(rows) == READS + READS // 10
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))  # no gap, no fork
    reads = [r for r in rows if r.action == "consultation.read"]
    assert [r.id for r in reads] == sorted(r.id for r in reads)  # sealed in id order
