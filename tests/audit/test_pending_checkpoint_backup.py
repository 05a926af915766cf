"""Pending reads beside the daily checkpoint and a backup: the checkpoint vouches for
the sealed chain only and still holds once the reads are sealed after it; an edited
pending entry stops the checkpoint and alerts the admins; a backup keeps pending
entries pending, and the restored desk verifies and seals them."""

from __future__ import annotations

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.notify.compose import render
from legaldesk.notify.models import OutboxMessage
from legaldesk.scheduler import audit_checkpoint, seal_audit_log
from tests.test_backup import target  # noqa: F401 (a fixture)


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=["desk", *args])


def _read_twice(make, api_as) -> str:
    case = make.case()
    api = api_as("coordinator")  # a user and a token: sealed at once
    for _ in range(2):
        assert api.get(f"/consultations/{case.reference}").status_code == 200
    return case.reference


def _pending_ids(app) -> list[int]:
    with app.app_context():
        return list(
            db.session.scalars(
                sa.select(AuditEntry.id).where(AuditEntry.seq.is_(None)).order_by(AuditEntry.id)
            )
        )


def test_the_checkpoint_counts_the_sealed_chain_and_holds_after_sealing(app, make, api_as):
    _read_twice(make, api_as)
    with app.app_context():
        sealed = db.session.scalar(sa.select(sa.func.max(AuditEntry.seq)))
    outcome = audit_checkpoint(app)
    assert outcome["count"] == sealed  # the pending reads are not in it yet
    assert seal_audit_log(app)["sealed"] == 2
    verified = _cli(app, "audit-verify")
    assert verified.exit_code == 0, verified.output
    assert "1 checkpoints" in verified.output and "0 entries pending sealing" in verified.output


def test_an_edited_pending_entry_stops_the_checkpoint_and_is_mailed(app, make, api_as):
    make.user("admin")
    _read_twice(make, api_as)
    edited = _pending_ids(app)[0]
    with app.app_context():
        db.session.execute(
            sa.update(AuditEntry).where(AuditEntry.id == edited).values(object_id="CASE-OTHER")
        )
        db.session.commit()
    outcome = audit_checkpoint(app)
    assert outcome["broken"] == 0 and "own MAC" in outcome["reason"]
    with app.app_context():
        alert = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.kind == "audit_broken")
        ).one()
        _, body = render(alert)
    assert f"编号 {edited}" in body and "尚未封存" in body


def test_a_backup_keeps_pending_reads_and_the_restored_desk_seals_them(
    app,
    target,  # noqa: F811
    make,
    api_as,
    tmp_path,
):
    _read_twice(make, api_as)
    pending = _pending_ids(app)
    path = tmp_path / "desk.backup"
    assert _cli(app, "backup", str(path)).exit_code == 0
    restored = _cli(target, "restore", str(path))
    assert restored.exit_code == 0, restored.output
    assert _pending_ids(target) == pending
    verified = _cli(target, "audit-verify")
    assert verified.exit_code == 0, verified.output
    assert "2 entries pending sealing" in verified.output
    assert _cli(target, "audit-seal").exit_code == 0
    assert _pending_ids(target) == []
    assert "0 entries pending sealing" in _cli(target, "audit-verify").output
