"""Reads are written to the audit log pending (no seq, no link, a MAC of their own) and
sealed into the chain later, in id order; changes are sealed at once. audit-verify
checks both and says how many entries wait; an entry edited while pending fails."""

from __future__ import annotations

import re

import sqlalchemy as sa

from legaldesk.audit import rules
from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.scheduler import seal_audit_log


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=["desk", *args])


def _entries(app) -> list[AuditEntry]:
    """Every entry, in the order written (id), detached from the session."""

    def load():
        rows = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
        db.session.expunge_all()
        return rows

    with app.app_context():
        return load()


def _chain(app) -> list[tuple[str, str]]:
    """The sealed entries as (action, object), in chain order."""
    sealed = [e for e in _entries(app) if e.seq is not None]
    return [(e.action, e.object_id) for e in sorted(sealed, key=lambda e: e.seq)]


def test_the_reads_are_named_and_labelled_actions():
    assert set(rules.ACTION_LABELS) >= rules.READ_ACTIONS
    assert {"consultation.read", "consultation.list", "document.download"} <= rules.READ_ACTIONS
    assert not rules.is_read("consultation.transition") and not rules.is_read("auth.login")


def test_a_read_waits_pending_and_a_change_is_sealed_at_once(app, make, api_as):
    case = make.case()
    api = api_as("coordinator")
    assert api.get(f"/consultations/{case.reference}").status_code == 200
    read = [e for e in _entries(app) if e.action == "consultation.read"]
    assert [(e.seq, e.prev_hash, e.mac_version) for e in read] == [
        (None, None, rules.PENDING_MAC_VERSION)
    ]
    answer = api.post(f"/consultations/{case.reference}/transitions", json={"to": "withdrawn"})
    assert answer.status_code == 200
    change = [e for e in _entries(app) if e.action == "consultation.transition"]
    assert change[0].seq is not None and change[0].mac_version == rules.MAC_VERSION
    verified = _cli(app, "audit-verify")
    assert verified.exit_code == 0, verified.output
    assert "1 entries pending sealing" in verified.output


def test_pending_entries_are_sealed_in_id_order_after_a_change_sealed_meanwhile(app, make, api_as):
    """Two reads wait, a change is sealed at once, a third read waits: sealing appends
    the three reads after the change, in the order they were written, each keeping
    its own time; the chain verifies with nothing pending."""
    case = make.case()
    api = api_as("coordinator")
    api.get(f"/consultations/{case.reference}")
    api.get("/consultations")
    api.post(f"/consultations/{case.reference}/transitions", json={"to": "withdrawn"})
    api.get(f"/consultations/{case.reference}")
    before = {e.id: e.at for e in _entries(app)}
    sealed = _cli(app, "audit-seal")
    assert sealed.exit_code == 0, sealed.output
    assert "sealed 3 entries into the audit chain; 0 pending" in sealed.output
    entries = _entries(app)
    assert all(e.seq is not None for e in entries)
    assert sorted(e.seq for e in entries) == list(range(1, len(entries) + 1))
    assert {e.id: e.at for e in entries} == before
    reads = sorted((e for e in entries if rules.is_read(e.action)), key=lambda e: e.id)
    assert [e.seq for e in reads] == sorted(e.seq for e in reads)  # id order
    assert _chain(app)[-4:] == [
        ("consultation.transition", case.reference),
        ("consultation.read", case.reference),
        ("consultation.list", "-"),
        ("consultation.read", case.reference),
    ]
    verified = _cli(app, "audit-verify")
    assert verified.exit_code == 0, verified.output
    assert "0 entries pending sealing" in verified.output
    assert _cli(app, "audit-seal").output.startswith("sealed 0 entries")


def _edit(app, entry_id: int, **values) -> None:
    with app.app_context():
        db.session.execute(sa.update(AuditEntry).where(AuditEntry.id == entry_id).values(values))
        db.session.commit()


def test_an_edited_pending_entry_fails_verify_and_is_never_sealed(app, make, api_as):
    case = make.case()
    api = api_as("coordinator")
    for _ in range(3):
        api.get(f"/consultations/{case.reference}")
    reads = [e for e in _entries(app) if e.seq is None]
    _edit(app, reads[1].id, actor="coordinator:someone@else")
    verified = _cli(app, "audit-verify")
    assert verified.exit_code == 1
    assert f"entry pending sealing (id={reads[1].id})" in verified.output
    assert "does not match its own MAC" in verified.output
    sealed = _cli(app, "audit-seal")
    assert sealed.exit_code == 1  # the others are sealed; the edited one stays pending
    assert "sealed 2 entries" in sealed.output and f"id={reads[1].id}" in sealed.output
    assert [e.id for e in _entries(app) if e.seq is None] == [reads[1].id]
    assert f"id={reads[1].id}" in _cli(app, "audit-verify").output


def test_a_pending_entry_copied_or_moved_to_another_id_fails(app, make, api_as):
    """Its MAC covers its id: a read recorded twice by copying the row is caught."""
    case = make.case()
    api_as("coordinator").get(f"/consultations/{case.reference}")
    (read,) = [e for e in _entries(app) if e.seq is None]
    columns = ["at", "actor_id", "actor", "action", "object_type", "object_id", "detail"]

    def copy() -> None:
        values = {c: getattr(read, c) for c in [*columns, "hash", "mac_version"]}
        db.session.add(AuditEntry(id=read.id + 100, **values))
        db.session.commit()

    with app.app_context():
        copy()
    verified = _cli(app, "audit-verify")
    assert verified.exit_code == 1
    assert f"entry pending sealing (id={read.id + 100})" in verified.output


def test_an_entry_pretending_to_be_pending_fails(app, make):
    """Taking a sealed entry out of the chain (seq and link emptied) leaves a gap, and
    the entry itself has no pending MAC."""
    make.case()
    make.case()
    second = [e for e in _entries(app) if e.seq == 2][0]
    _edit(app, second.id, seq=None, prev_hash=None)
    verified = _cli(app, "audit-verify")
    assert verified.exit_code == 1 and "missing entry before seq 3" in verified.output


def test_the_case_page_trail_shows_reads_not_yet_sealed(app, make, client, login):
    case = make.case()
    login("coordinator")
    client.get(f"/cases/{case.reference}")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    trail = page[page.index("cases audit") :]
    assert len(re.findall(r"<td>查阅</td>", trail)) == 2  # this read and the one before
    assert sum(e.seq is None for e in _entries(app)) >= 2
    seal_audit_log(app)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert len(re.findall(r"<td>查阅</td>", page[page.index("cases audit") :])) == 3
