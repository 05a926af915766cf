"""Writing to the outbox with its cause, claiming due rows, recording each delivery."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.auth.rules import CHECKPOINT_ROLE, ESCALATION_ROLE
from legaldesk.auth.service import Contact, active_contacts
from legaldesk.db import DbSession, insert_ignoring_conflict
from legaldesk.notify import rules
from legaldesk.notify.models import Notification, OutboxMessage


def enqueue(
    session: DbSession,
    now: datetime,
    kind: str,
    key: str,
    recipient: str,
    payload: dict[str, Any],
    locale: str = "zh_CN",
) -> bool:
    """Add a delivery in the caller's transaction; a key already queued is left alone
    (then the answer is False)."""
    result = session.execute(
        insert_ignoring_conflict(
            session,
            OutboxMessage,
            {
                "key": key,
                "kind": kind,
                "recipient": recipient,
                "locale": locale,
                "payload": payload,
                "state": "pending",
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            },
            ["key"],
        ).returning(OutboxMessage.id)
    )
    return result.first() is not None


def notify_users(
    session: DbSession, now: datetime, user_ids: list[int], kind: str, payload: dict[str, Any]
) -> None:
    for user_id in user_ids:
        session.add(Notification(user_id=user_id, kind=kind, payload=payload, created_at=now))


def wants_mail(case: Any) -> bool:
    """The contact gave an address and the enterprise has not opted out."""
    return bool(case.contact.email) and case.enterprise.email_updates is not False


def on_intake(session: DbSession, now: datetime, case: Any) -> None:
    """The enterprise's acknowledgement: its reference, never its access code."""
    if wants_mail(case):
        enqueue(
            session,
            now,
            "ack",
            rules.ack_key(case.reference),
            case.contact.email,
            {
                "reference": case.reference,
                "enterprise": case.enterprise.name,
                "received_at": case.created_at.isoformat(),
            },
            case.contact.locale,
        )


def on_transition(session: DbSession, now: datetime, case: Any, entry: Any) -> None:
    """Tell the enterprise of a new stage; tell the lawyer a case was routed to them."""
    if entry.to_status in rules.ANNOUNCED_STATUSES and wants_mail(case):
        enqueue(
            session,
            now,
            "status_change",
            rules.status_key(case.reference, entry.id),
            case.contact.email,
            {"reference": case.reference, "status": entry.to_status, "at": entry.at.isoformat()},
            case.contact.locale,
        )
    if entry.to_status == "routed" and case.assignee_id is not None:
        lawyers = session.scalars(
            sa.select(User.id).where(User.lawyer_id == case.assignee_id, User.active)
        ).all()
        notify_users(session, now, list(lawyers), "case_routed", {"reference": case.reference})


def claim_due(
    session: DbSession,
    now: datetime,
    worker: str,
    limit: int = 10,
    lease: timedelta = timedelta(minutes=2),
) -> list[int]:
    """Take up to ``limit`` due rows for ``worker`` until ``now + lease``.

    Due: pending and past its retry time, or 'sending' whose claimant's lease ran out
    (it died). PostgreSQL skips rows another scheduler holds (SKIP LOCKED); SQLite
    runs this transaction alone (BEGIN IMMEDIATE). Commit before sending.
    """
    due = sa.or_(
        sa.and_(OutboxMessage.state == "pending", OutboxMessage.next_attempt_at <= now),
        sa.and_(OutboxMessage.state == "sending", OutboxMessage.claimed_until < now),
    )
    rows = session.scalars(
        sa.select(OutboxMessage)
        .where(due)
        .order_by(OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for row in rows:
        row.state = "sending"
        row.claimed_by = worker
        row.claimed_until = now + lease
        row.attempts += 1
    session.flush()
    return [row.id for row in rows]


def deliver(
    session: DbSession,
    now: datetime,
    message_id: int,
    worker: str,
    transport: Callable[[OutboxMessage], None],
) -> str:
    """Send one claimed row and record the outcome; answers the row's new state.

    A row no longer claimed by ``worker`` (its lease ran out and another took it) is
    left alone, so one delivery is not recorded twice.
    """
    row = session.get(OutboxMessage, message_id)
    if row is None or row.state != "sending" or row.claimed_by != worker:
        return "skipped"
    try:
        transport(row)
    except Exception as error:  # any transport failure: retry later, never lose the row
        row.last_error = f"{type(error).__name__}: {error}"[:500]
        again = rules.retry_at(now, row.attempts)
        row.claimed_by = row.claimed_until = None
        if again is None:
            row.state = "failed"
            _tell_coordinators(session, now, row)
        else:
            row.state, row.next_attempt_at = "pending", again
        session.flush()
        return row.state
    row.state, row.sent_at, row.last_error = "sent", now, None
    row.claimed_by = row.claimed_until = None
    session.flush()
    return "sent"


def coordinators(session: DbSession) -> list[Contact]:
    """Who is told when a case needs a coordinator: id, e-mail and language."""
    return active_contacts(session, ESCALATION_ROLE)


def coordinator_ids(session: DbSession) -> list[int]:
    return [row.id for row in coordinators(session)]


def tell_admins_checkpoint(session: DbSession, now: datetime, checkpoint: Any) -> None:
    """Mail the day's audit checkpoint to every active admin: a copy of the chain's head
    outside the machine. Keyed by day and admin, so a second scheduler adds nothing."""
    _mail_admins(
        session,
        now,
        "audit_checkpoint",
        f"audit-checkpoint.{checkpoint.day}",
        {
            "day": checkpoint.day,
            "count": checkpoint.count,
            "entry_id": checkpoint.entry_id,
            "head": checkpoint.head,
            "line": checkpoint.line(),
        },
    )


def tell_admins_chain_broken(session: DbSession, now: datetime, day: str, problem: Any) -> None:
    """Mail every active admin that the audit chain failed verification, naming the
    first bad entry: once a day (keyed by day and admin), however often the job runs."""
    _mail_admins(
        session,
        now,
        "audit_broken",
        f"audit-broken.{day}",
        {"day": day, "seq": problem.seq, "entry_id": problem.entry_id, "reason": problem.reason},
    )


def _mail_admins(
    session: DbSession, now: datetime, kind: str, key: str, payload: dict[str, Any]
) -> None:
    for user_id, email, locale in active_contacts(session, CHECKPOINT_ROLE):
        enqueue(session, now, kind, f"{key}.{user_id}", email, payload, locale or "zh_CN")


def _tell_coordinators(session: DbSession, now: datetime, row: OutboxMessage) -> None:
    coordinators = coordinator_ids(session)
    notify_users(
        session,
        now,
        list(coordinators),
        "delivery_failed",
        {"outbox_id": row.id, "reference": row.payload.get("reference"), "kind": row.kind},
    )


def retry_failed(session: DbSession, now: datetime, message_id: int) -> None:
    """A coordinator sends a failed message again (after fixing the address or server)."""
    row = session.get(OutboxMessage, message_id)
    if row is not None and row.state == "failed":
        row.state, row.attempts, row.next_attempt_at = "pending", 0, now
        session.flush()


def failed_messages(session: DbSession, limit: int = 50) -> list[OutboxMessage]:
    return list(
        session.scalars(
            sa.select(OutboxMessage)
            .where(OutboxMessage.state == "failed")
            .order_by(OutboxMessage.id.desc())
            .limit(limit)
        )
    )


def failed_count(session: DbSession) -> int:
    """How many messages could not be delivered (the ix_outbox_due index's state)."""
    query = sa.select(sa.func.count()).select_from(OutboxMessage)
    return session.scalar(query.where(OutboxMessage.state == "failed")) or 0


def unread_count(session: DbSession, user_id: int) -> int:
    return (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        )
        or 0
    )


def notifications_for(session: DbSession, user_id: int, limit: int = 50) -> list[Notification]:
    return list(
        session.scalars(
            sa.select(Notification)
            .where(Notification.user_id == user_id)
            .order_by(Notification.id.desc())
            .limit(limit)
        )
    )


def mark_read(session: DbSession, user_id: int, now: datetime, notification_id: int | None) -> None:
    """Mark one notification (or, with None, all) of this user as read."""
    query = sa.update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    session.execute(query.values(read_at=now))
