"""The daily checkpoint verifies the chain first: a tampered chain gets no fresh
checkpoint (which would vouch for it), an error in the log, and one mail a day to the
admins naming the first bad entry, delivered through a real SMTP server."""

from __future__ import annotations

import logging
from datetime import timedelta

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.audit.rules import entry_mac
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.notify.models import OutboxMessage
from legaldesk.scheduler import audit_checkpoint, deliver_outbox
from tests.conftest import TEST_AUDIT_KEY
from tests.mail import SmtpServer


def _entries(make, cases: int = 2) -> None:
    for _ in range(cases):
        make.case()


def _lines(app) -> list[str]:
    try:
        with open(app.config["AUDIT_CHECKPOINT_FILE"], encoding="utf-8") as handle:
            return [line for line in handle.read().splitlines() if line.strip()]
    except FileNotFoundError:
        return []


def _alerts(app) -> list[OutboxMessage]:
    with app.app_context():
        return list(
            db.session.scalars(
                sa.select(OutboxMessage)
                .where(OutboxMessage.kind == "audit_broken")
                .order_by(OutboxMessage.id)
            )
        )


def _edit(app, seq: int, reseal: bool = False) -> None:
    """Change entry ``seq`` in the database; with ``reseal``, as a thief of the key
    would, recompute its seal and every later link."""
    with app.app_context():
        entries = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.seq >= seq - 1).order_by(AuditEntry.seq)
        ).all()
        target = entries[1] if seq > 1 else entries[0]
        target.actor = "coordinator:someone@else"
        if reseal:
            for before, entry in zip(entries, entries[1:], strict=False):
                entry.prev_hash = before.hash
                entry.hash = entry_mac(entry, TEST_AUDIT_KEY.encode())
        db.session.commit()


def test_an_edited_entry_stops_the_checkpoint_and_alerts_admins(app, make, caplog):
    admins = [make.user("admin"), make.user("admin")]
    make.user("coordinator")
    _entries(make)
    _edit(app, 3)
    with caplog.at_level(logging.ERROR, logger="legaldesk"):
        outcome = audit_checkpoint(app)
    assert outcome["broken"] == 3 and "count" not in outcome
    assert _lines(app) == []  # nothing vouches for the tampered chain
    assert any("seq=3" in r.getMessage() and r.levelno == logging.ERROR for r in caplog.records)
    alerts = _alerts(app)
    assert sorted(a.recipient for a in alerts) == sorted(a.email for a in admins)
    assert all(a.payload["seq"] == 3 for a in alerts)


def test_the_alert_is_mailed_once_a_day_not_every_run(app, make):
    make.user("admin")
    _entries(make)
    _edit(app, 2)
    for _ in range(3):
        assert audit_checkpoint(app)["broken"] == 2
    assert len(_alerts(app)) == 1
    assert audit_checkpoint(app, utcnow() + timedelta(days=1))["broken"] == 2
    assert len(_alerts(app)) == 2
    assert _lines(app) == []


def test_a_chain_resealed_with_the_key_fails_against_the_last_checkpoint(app, make):
    """A key thief rewrites history after yesterday's checkpoint: every seal holds, but
    the chain no longer passes through yesterday's head, so no new checkpoint."""
    make.user("admin")
    _entries(make)
    yesterday = utcnow() - timedelta(days=1)
    assert audit_checkpoint(app, yesterday)["count"] > 0
    (published,) = _lines(app)
    _entries(make, 1)
    _edit(app, 2, reseal=True)
    outcome = audit_checkpoint(app)
    assert outcome.get("broken"), outcome
    assert _lines(app) == [published]
    (alert,) = _alerts(app)
    assert "checkpoint" in alert.payload["reason"]


def test_a_cut_tail_fails_against_the_last_checkpoint(app, make):
    make.user("admin")
    _entries(make, 3)
    audit_checkpoint(app, utcnow() - timedelta(days=1))
    with app.app_context():
        db.session.execute(sa.delete(AuditEntry).where(AuditEntry.seq > 3))
        db.session.commit()
    outcome = audit_checkpoint(app)
    assert outcome["broken"] == 4
    assert len(_lines(app)) == 1 and len(_alerts(app)) == 1


def test_an_intact_chain_is_checkpointed_with_the_head_it_verified(app, make):
    make.user("admin")
    _entries(make)
    outcome = audit_checkpoint(app)
    assert "broken" not in outcome and outcome["count"] > 0
    (line,) = _lines(app)
    assert f"count={outcome['count']}" in line
    assert _alerts(app) == []


def test_an_unreadable_checkpoint_file_is_an_alert_not_a_new_line(app, make):
    make.user("admin")
    _entries(make)
    path = app.config["AUDIT_CHECKPOINT_FILE"]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("2026-11-25 count=two\n")
    outcome = audit_checkpoint(app)
    assert outcome.get("broken") is not None
    assert _lines(app) == ["2026-11-25 count=two"]
    (alert,) = _alerts(app)
    assert "line 1" in alert.payload["reason"]


def _set_locale(user_id: int, locale: str) -> None:
    from legaldesk.auth.models import User

    db.session.get(User, user_id).locale = locale
    db.session.commit()


def test_the_admins_receive_the_alert_in_their_language(app, make):
    """Delivered by the real outbox to a real SMTP server: Chinese and English."""
    with SmtpServer() as smtp:
        app.config.update(smtp.settings())
        make.user("admin", email="zh-admin@center.test")
        english_admin = make.user("admin", email="en-admin@center.test")
        make.run(_set_locale, english_admin.id, "en")
        _entries(make)
        _edit(app, 3)
        audit_checkpoint(app)
        deliver_outbox(app, "test-worker")
        messages = {m["To"]: m for m in smtp.sink.wait_for(2)}
    chinese = messages["zh-admin@center.test"]
    english = messages["en-admin@center.test"]
    assert "审计日志" in chinese["Subject"] and "seq=3" in chinese.get_content()
    assert "audit log" in english["Subject"].lower()
    body = english.get_content()
    assert "seq=3" in body and "audit-verify" in body and "no checkpoint" in body.lower()


def test_the_scheduler_help_says_the_checkpoint_verifies_first(app):
    result = app.test_cli_runner().invoke(args=["desk", "scheduler", "--help"])
    text = " ".join(result.output.split())
    assert "verif" in text and "admins" in text and "once a day" in text


def test_an_edit_after_todays_checkpoint_alerts_on_the_next_run(app, make):
    """The job runs every hour: today's line is already written, yet a change made
    after it must alert today (the attack pass found the job answered 'done')."""
    make.user("admin")
    _entries(make)
    assert "count" in audit_checkpoint(app)
    _edit(app, 2)
    assert audit_checkpoint(app)["broken"] == 2
    assert len(_alerts(app)) == 1
