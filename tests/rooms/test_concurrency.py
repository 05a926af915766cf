"""Concurrency of the rooms feature: two scheduler processes reminding of one
session, two moves into one free slot."""

import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.notify.models import OutboxMessage
from legaldesk.rooms.models import Booking
from legaldesk.scheduler import deliver_outbox
from tests.conftest import token_for
from tests.helpers import at, future_working_day
from tests.mail import SmtpServer
from tests.servers import ROOT, desk_env, desk_server

pytestmark = pytest.mark.slow
SH = ZoneInfo("Asia/Shanghai")


def _tomorrow_at(hour: int) -> datetime:
    tomorrow = utcnow().astimezone(SH).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(hour), SH)


def test_two_scheduler_processes_remind_each_participant_once(app, make):
    """Both run every job at the same moment; each address gets one reminder, and a
    moved session is announced again."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    room = make.room()
    mediator = make.lawyer(email="mediator@center.test")
    people = [
        {"name": "周经理", "email": "zhou@example.com"},
        {"name": "Steppe Trade", "email": "LEGAL@steppe.example"},
        {"name": "旁听", "email": None},
    ]

    def setup():
        start = _tomorrow_at(9)  # set up directly: tomorrow may be a day off
        booking = Booking(
            room_id=room,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            blocked_until=start + timedelta(hours=2),
            title="调解会",
            purpose="mediation_session",
            mediator_id=mediator.id,
            participants=people,
            created_at=utcnow(),
        )
        db.session.add(booking)
        db.session.commit()
        return booking.id

    booking_id = make.run(setup)
    env = desk_env(url, MAIL_SERVER="127.0.0.1", MAIL_PORT=1, MAIL_TIMEOUT=1)
    command = [sys.executable, "-m", "flask", "--app", "app.py", "desk", "scheduler", "--once"]

    def both_schedulers():
        runs = [
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], outputs

    both_schedulers()
    both_schedulers()  # a later run adds nothing
    with app.app_context():
        rows = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.kind == "session_reminder")
        ).all()
        assert sorted(r.recipient for r in rows) == [
            "legal@steppe.example",
            "mediator@center.test",
            "zhou@example.com",
        ]
        for row in rows:  # the refused deliveries of the runs above start afresh
            row.state, row.attempts, row.next_attempt_at = "pending", 0, utcnow()
        db.session.commit()
    with SmtpServer() as smtp:
        app.config.update(smtp.settings())
        deliver_outbox(app, "test")
        mails = smtp.sink.wait_for(3)
    assert Counter(m["To"] for m in mails) == {
        "legal@steppe.example": 1,
        "mediator@center.test": 1,
        "zhou@example.com": 1,
    }
    body = mails[0].get_content()
    assert "调解会" in body and "09:00" in body

    def moved():
        booking = db.session.get(Booking, booking_id)
        booking.starts_at += timedelta(hours=1)
        booking.ends_at += timedelta(hours=1)
        booking.blocked_until = booking.ends_at
        booking.sequence += 1
        db.session.commit()

    make.run(moved)
    both_schedulers()
    with app.app_context():
        count = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.kind == "session_reminder")
        )
        assert count == 6


def test_two_moves_into_one_free_slot_one_wins(app, make):
    """Twenty bookings are moved at once into the same hour: one move succeeds, the
    other nineteen are refused and stay where they were."""
    room = make.room()
    coordinator = make.user("coordinator")
    token = make.run(lambda: token_for(db.session.get(User, coordinator.id)))

    wednesday = future_working_day(1, weekday=2, count=5)  # the fifth is the target
    target_day = wednesday + timedelta(weeks=4)

    def setup():
        ids = []
        for i in range(20):
            start = at(wednesday + timedelta(weeks=i // 7), "08:30") + timedelta(
                minutes=30 * (i % 7)
            )
            booking = Booking(
                room_id=room,
                starts_at=start,
                ends_at=start + timedelta(minutes=30),
                blocked_until=start + timedelta(minutes=30),
                title=f"预约{i}",
                created_by_id=coordinator.id,
                created_at=utcnow(),
            )
            db.session.add(booking)
            db.session.flush()
            ids.append(booking.id)
        db.session.commit()
        return ids

    ids = make.run(setup)
    target = {
        "starts_at": at(target_day, "14:00").isoformat(),
        "ends_at": at(target_day, "15:00").isoformat(),
    }
    start = threading.Barrier(20)

    def move(booking_id):
        start.wait()
        return server.request("PATCH", f"/api/v1/bookings/{booking_id}", token, target)

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with desk_server(url, workers=3) as server, ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(move, ids))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] + [409] * 19, statuses
    with app.app_context():
        in_slot = db.session.scalars(
            sa.select(Booking).where(Booking.starts_at == at(target_day, "14:00"))
        ).all()
        assert len(in_slot) == 1
        assert sum(b.sequence for b in db.session.scalars(sa.select(Booking))) == 1
