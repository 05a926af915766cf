"""The hash-chained audit log: appends, reads logged, tampering found by audit-verify."""

import json

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.audit.service import verify
from legaldesk.db import db
from tests.conftest import dummy_intake


def actions(app):
    with app.app_context():
        return [
            (e.action, e.object_id)
            for e in db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.seq))
        ]


def test_create_read_and_change_are_all_recorded(app, make, api_as):
    case = make.case()
    api = api_as("coordinator")
    api.get(f"/consultations/{case.reference}")
    api.post(f"/consultations/{case.reference}/transitions", json={"to": "withdrawn"})
    log = actions(app)
    assert ("consultation.create", case.reference) in log
    assert ("consultation.read", case.reference) in log
    assert ("consultation.transition", case.reference) in log


def test_the_log_names_the_actor_and_never_the_content(app, api_as):
    api = api_as("intake")
    api.post("/consultations", json=dummy_intake(summary="机密事由", description="机密详情"))
    with app.app_context():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "consultation.create")
        ).one()
        assert entry.actor == f"intake:{api.user.email}"
        assert entry.actor_id == api.user.id
        everything = " ".join(
            f"{e.detail} {e.object_id}" for e in db.session.scalars(sa.select(AuditEntry))
        )
    assert "机密" not in everything
    assert "13805710001" not in everything


def test_a_failed_login_is_recorded(app, client, make):
    user = make.user("intake")
    client.post("/login", data={"email": user.email, "password": "wrong-password"})
    assert ("auth.login_failed", str(user.id)) in actions(app)


def test_chain_verifies_and_each_entry_links_to_the_one_before(ctx, make):
    for _ in range(3):
        make.case()
    count, broken = verify(db.session)
    assert broken is None and count >= 6
    entries = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.seq)).all()
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash


def _run_cli(app, *args):
    return app.test_cli_runner().invoke(args=["desk", *args])


def test_audit_verify_passes_then_names_an_edited_entry(app, make):
    for _ in range(3):
        make.case()
    ok = _run_cli(app, "audit-verify")
    assert ok.exit_code == 0, ok.output
    assert "intact" in ok.output
    with app.app_context():
        # Someone edits a row by hand, in plain SQL.
        db.session.execute(
            sa.text("UPDATE audit_entries SET actor = 'coordinator:someone@else' WHERE seq = 3")
        )
        db.session.commit()
    bad = _run_cli(app, "audit-verify")
    assert bad.exit_code == 1
    assert "seq=3" in bad.output


def test_audit_verify_finds_a_removed_entry(app, make):
    for _ in range(2):
        make.case()
    with app.app_context():
        db.session.execute(sa.text("DELETE FROM audit_entries WHERE seq = 2"))
        db.session.commit()
    result = _run_cli(app, "audit-verify")
    assert result.exit_code == 1
    assert "seq=2" in result.output


def test_audit_verify_finds_a_rehashed_entry(app, make):
    """Recomputing an edited entry's own hash no longer fits its seal: it is named itself
    (with the plain hash chain, only the next entry's link broke)."""
    from legaldesk.audit.rules import entry_hash

    for _ in range(2):
        make.case()
    with app.app_context():
        entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.seq == 2)).one()
        entry.action = "consultation.nothing"
        entry.hash = entry_hash(entry)
        db.session.commit()
    result = _run_cli(app, "audit-verify")
    assert result.exit_code == 1
    assert "seq=2" in result.output


def test_the_hash_does_not_depend_on_the_time_zone_of_now(ctx):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from legaldesk.audit.service import record

    shanghai = datetime(2026, 10, 10, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    record(db.session, None, shanghai, "test.event", "test", "1")
    db.session.commit()
    db.session.expire_all()
    assert verify(db.session)[1] is None


def test_lists_record_which_cases_were_shown_but_not_the_search_text(app, make, api_as):
    case = make.case(summary="出口到哈萨克斯坦")
    make.case(summary="另一件事")
    api = api_as("coordinator")
    assert api.get("/consultations?q=哈萨克斯坦").json["total"] == 1
    with app.app_context():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "consultation.list")
        ).one()
        assert json.loads(entry.detail) == {"searched": True, "shown": [case.reference]}
        assert entry.actor_id == api.user.id
