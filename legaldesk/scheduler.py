"""The one scheduler process (`flask desk scheduler`): every timed job of the desk.

It runs apart from the web workers, so four gunicorn workers never mean four
schedulers. Its work lives in tables (the outbox), not in its memory: rows are
claimed atomically, so a second scheduler started by mistake, or one killed
mid-send, neither loses nor doubles a message.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
from datetime import datetime, timedelta
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from legaldesk.audit.rules import ChainBreak
from legaldesk.clock import local_date, utcnow
from legaldesk.db import db
from legaldesk.notify import service as notifications
from legaldesk.notify.compose import smtp_transport
from legaldesk.zone import desk_zone

log = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def batch_size(lease_seconds: float, mail_timeout: float, most: int = 10) -> int:
    """How many rows to claim at once so that sending them all (each up to the mail
    time-out) ends before the claim does: otherwise another scheduler could take over
    a row that is still being sent."""
    return max(1, min(most, int(lease_seconds // (mail_timeout + 5))))


def deliver_outbox(app: Flask, worker: str) -> dict[str, int]:
    """Claim due outbox rows and deliver them, one commit per row; repeat until none."""
    lease_seconds = float(app.config["OUTBOX_LEASE_SECONDS"])
    batch = batch_size(lease_seconds, float(app.config["MAIL_TIMEOUT"]))
    lease = timedelta(seconds=lease_seconds)
    outcomes: dict[str, int] = {}
    with app.app_context():
        transport = smtp_transport()
        while True:
            claimed = notifications.claim_due(db.session, utcnow(), worker, batch, lease)
            db.session.commit()
            if not claimed:
                return outcomes
            for row_id in claimed:
                state = notifications.deliver(db.session, utcnow(), row_id, worker, transport)
                db.session.commit()
                outcomes[state] = outcomes.get(state, 0) + 1


def escalate_overdue(app: Flask) -> int:
    """Tell coordinators of routed cases not accepted within the SLA's working hours."""
    from legaldesk.routing.edge import acceptance_hours
    from legaldesk.routing.sla import escalate_overdue as escalate
    from legaldesk.workcal.service import overrides

    with app.app_context():
        count = escalate(
            db.session,
            utcnow(),
            acceptance_hours(),
            desk_zone(),
            overrides(db.session),
        )
        db.session.commit()
        return count


def mediation_timers(app: Flask) -> dict[str, int]:
    """Fail mediations the other side never consented to in 14 days; close 30-day
    judicial-confirmation windows that ran out. One transaction per mediation."""
    from legaldesk.mediation import timers

    outcomes: dict[str, int] = {}
    with app.app_context():
        zone = desk_zone()
        for mediation_id, status in timers.lapsed_deadlines(db.session, utcnow(), zone=zone):
            done = timers.close_lapsed(db.session, utcnow(), mediation_id, status, zone=zone)
            db.session.commit()
            if done:
                outcomes[done] = outcomes.get(done, 0) + 1
    return outcomes


def session_reminders(app: Flask) -> int:
    """Queue day-before reminders to the participants of tomorrow's bookings."""
    from legaldesk.rooms.reminders import remind_tomorrow

    with app.app_context():
        queued = remind_tomorrow(db.session, utcnow(), desk_zone())
        db.session.commit()
        return queued


def followup_reminders(app: Flask) -> int:
    """Remind lawyers of follow-ups that fell due (each follow-up once)."""
    from legaldesk.followups.service import remind_due

    with app.app_context():
        count = remind_due(db.session, utcnow(), zone=desk_zone())
        db.session.commit()
        return count


def purge_rate_limits(app: Flask) -> int:
    """Delete rate-limit windows that have ended (writes also purge now and then)."""
    import time

    from legaldesk.ratelimit.storage import purge_expired

    with app.app_context(), db.engine.begin() as connection:
        return purge_expired(connection, time.time())


def calendar_year_reminder(app: Flask) -> int:
    """From 1 November, remind coordinators weekly to enter next year's holidays."""
    from legaldesk.workcal.service import remind_coordinators

    with app.app_context():
        now = utcnow()
        count = remind_coordinators(db.session, now, local_date(now, desk_zone()))
        db.session.commit()
        return count


def audit_checkpoint(app: Flask, now: datetime | None = None) -> dict[str, Any]:
    """Once a day (the desk's day), verify the whole audit chain against its seals and
    every earlier checkpoint, then publish its head: a line in the checkpoint file and
    a mail to each admin with the same line.

    A chain that fails gets no checkpoint (it would vouch for the tampering): the error
    is logged on every run, and admins are mailed once a day with the first bad entry.
    """
    from legaldesk.audit import checkpoints
    from legaldesk.sqlite_locking import reading_session

    now = now or utcnow()
    with app.app_context():
        day = local_date(now, desk_zone()).isoformat()
        try:
            with reading_session(db.engine) as reader:
                mark = checkpoints.publish(reader, app.config["AUDIT_CHECKPOINT_FILE"], day)
        except checkpoints.ChainNotVerified as refused:
            log.error("audit chain failed verification, no checkpoint for %s: %s", day, refused)
            notifications.tell_admins_chain_broken(db.session, now, day, refused.problem)
            db.session.commit()
            problem = refused.problem
            return {
                "day": day,
                "broken": problem.seq,
                "entry_id": problem.entry_id,
                "reason": problem.reason,
            }
        if mark is None:
            return {"day": day, "count": 0}
        notifications.tell_admins_checkpoint(db.session, now, mark)
        db.session.commit()
        return {"day": day, "count": mark.count}


def seal_audit_log(app: Flask, batch: int | None = None) -> dict[str, Any]:
    """Seal the reads written pending into the audit chain, in id order, one batch per
    transaction (the chain lock is held for one batch only, so changes are not kept
    waiting). A second scheduler takes turns on the same lock and finds nothing left.
    The run stops at the newest entry pending when it began; later ones wait for the
    next run. A pending entry that fails its own MAC is left pending and logged:
    ``refused`` names the first (audit-verify and the daily checkpoint report it too)."""
    from legaldesk.audit import service as audit

    sealed = 0
    refused: list[ChainBreak] = []
    with app.app_context():
        up_to = audit.newest_pending_id(db.session)
        db.session.commit()
        after = 0
        while up_to is not None:
            done = audit.seal_pending(db.session, after, up_to, batch or audit.SEAL_BATCH)
            db.session.commit()
            if done.last_id is None:
                break
            sealed, refused, after = sealed + done.sealed, refused + done.refused, done.last_id
    outcome: dict[str, Any] = {"sealed": sealed, "refused": len(refused)}
    if refused:
        outcome["first_refused"] = refused[0].describe()
        log.error(
            "%d audit entries pending sealing fail their own MAC and stay pending; first: %s",
            len(refused),
            outcome["first_refused"],
        )
    return outcome


def jobs(app: Flask) -> list[dict[str, Any]]:
    """Every job, with its schedule: what `flask desk scheduler --help` describes."""
    worker = worker_name()
    return [
        {
            "func": deliver_outbox,
            "args": (app, worker),
            "trigger": "interval",
            "seconds": float(app.config["OUTBOX_INTERVAL_SECONDS"]),
            "id": "deliver_outbox",
            "name": "deliver e-mail from the outbox",
        },
        {
            "func": escalate_overdue,
            "args": (app,),
            "trigger": "interval",
            "seconds": float(app.config["SLA_CHECK_INTERVAL_SECONDS"]),
            "id": "escalate_overdue",
            "name": "tell coordinators of cases not accepted in time",
        },
        {
            "func": mediation_timers,
            "args": (app,),
            "trigger": "interval",
            "seconds": float(app.config["MEDIATION_CHECK_INTERVAL_SECONDS"]),
            "id": "mediation_timers",
            "name": "apply mediation deadlines (14-day consent, 30-day confirmation)",
        },
        {
            "func": session_reminders,
            "args": (app,),
            "trigger": "interval",
            "seconds": float(app.config["REMINDER_INTERVAL_SECONDS"]),
            "id": "session_reminders",
            "name": "queue day-before reminders to participants",
        },
        {
            "func": followup_reminders,
            "args": (app,),
            "trigger": "interval",
            "seconds": float(app.config["REMINDER_INTERVAL_SECONDS"]),
            "id": "followup_reminders",
            "name": "remind lawyers of follow-ups that fell due",
        },
        {
            "func": purge_rate_limits,
            "args": (app,),
            "trigger": "interval",
            "seconds": 600.0,
            "id": "purge_rate_limits",
            "name": "delete ended rate-limit windows",
        },
        {
            "func": calendar_year_reminder,
            "args": (app,),
            "trigger": "interval",
            "seconds": float(app.config["REMINDER_INTERVAL_SECONDS"]),
            "id": "calendar_year_reminder",
            "name": "remind coordinators to enter next year's official holidays",
        },
        {
            "func": seal_audit_log,
            "args": (app,),
            "trigger": "interval",
            "seconds": float(app.config["AUDIT_SEAL_SECONDS"]),
            "id": "seal_audit_log",
            "name": "seal the reads written pending into the audit chain",
        },
        {
            "func": audit_checkpoint,
            "args": (app,),
            "trigger": "interval",
            "seconds": float(app.config["AUDIT_CHECKPOINT_INTERVAL_SECONDS"]),
            "id": "audit_checkpoint",
            "name": "verify the audit chain, then publish its head once a day (file, mail)",
        },
    ]


def run(app: Flask) -> None:
    """Run until SIGINT or SIGTERM; a job never overlaps itself, missed runs collapse
    into one, and a run late by more than a minute is skipped (the next one catches up)."""
    scheduler = BlockingScheduler(
        timezone="UTC",
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
    )
    for job in jobs(app):
        scheduler.add_job(**job)

    def stop(signum: int, _frame: Any) -> None:
        log.info("scheduler stopping (signal %s)", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("scheduler %s started", worker_name())
    scheduler.start()
