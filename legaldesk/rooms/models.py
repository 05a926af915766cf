"""The center's four areas (bookable rooms), their bookings and booking series, and the
guards that keep the database from ever holding a double booking."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legaldesk.db import Model, UTCDateTime, run_with_tables
from legaldesk.rooms.room_rules import ROOM_KINDS  # noqa: F401  (the kinds the check allows)

DEFAULT_HOURS = "08:30-12:00,13:30-17:30"


class Room(Model):
    __tablename__ = "rooms"
    __table_args__ = (
        sa.CheckConstraint(
            "kind IN ('consultation_window', 'mediation', 'legal_education', "
            "'legislative_contact')",
            name="kind",
        ),
        sa.CheckConstraint("capacity > 0", name="capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    name_en: Mapped[str] = mapped_column(sa.String(100), default="")
    kind: Mapped[str] = mapped_column(sa.String(30))
    capacity: Mapped[int] = mapped_column(default=10)
    # Minutes kept free after each booking (cleaning, the next party arriving).
    buffer_minutes: Mapped[int] = mapped_column(default=0, server_default="0")
    # Periods on a working day, e.g. "08:30-12:00,13:30-17:30" (see rules.parse_hours).
    opening_hours: Mapped[str] = mapped_column(
        sa.String(100), default=DEFAULT_HOURS, server_default=DEFAULT_HOURS
    )
    # SHA-256 of the secret in the room's calendar-app URL (shown once).
    calendar_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    # A retired room takes no new bookings; its past bookings stay on record.
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # When it was added and, while retired, when it was retired (kept in step with
    # ``active`` by admin.set_room_active): room use counts its open hours in between.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class BookingSeries(Model):
    """Occurrences booked together (a weekly class): cancelled together from one on."""

    __tablename__ = "booking_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    every_days: Mapped[int] = mapped_column(default=7)
    count: Mapped[int]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Booking(Model):
    """A room (and perhaps a mediator) for [starts_at, ends_at).

    The database refuses a clash: on PostgreSQL two exclusion constraints, on SQLite
    two triggers (room over [starts_at, blocked_until), so the room's buffer counts;
    mediator across rooms over [starts_at, ends_at)), as find_clash counts them. On
    SQLite the check and the insert also share one immediate write transaction.
    """

    __tablename__ = "bookings"
    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="order"),
        sa.CheckConstraint("blocked_until >= ends_at", name="buffer"),
        sa.Index("ix_bookings_room_time", "room_id", "starts_at"),
        sa.CheckConstraint(
            "attendance IS NULL OR attendance IN ('held', 'no_show', 'excused')",
            name="attendance",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(sa.ForeignKey("rooms.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    blocked_until: Mapped[datetime] = mapped_column(UTCDateTime)  # ends_at + the room's buffer
    title: Mapped[str] = mapped_column(sa.String(200))
    purpose: Mapped[str] = mapped_column(sa.String(30), default="appointment")
    consultation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("consultations.id"))
    mediator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lawyers.id"))
    attendees: Mapped[int] = mapped_column(default=1)
    sequence: Mapped[int] = mapped_column(default=0)  # iCalendar SEQUENCE, raised on change
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # DTSTAMP of a change
    series_id: Mapped[int | None] = mapped_column(sa.ForeignKey("booking_series.id"), index=True)
    # [{"name": ..., "email": ...}]: who is reminded the day before.
    participants: Mapped[list[dict]] = mapped_column(
        sa.JSON, default=list, server_default=sa.text("'[]'")
    )
    # After the session: held, no_show (unexcused) or excused.
    attendance: Mapped[str | None] = mapped_column(sa.String(10))
    attendance_note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    room: Mapped[Room] = relationship()
    series: Mapped[BookingSeries | None] = relationship()


# PostgreSQL only (SQLite has no exclusion constraints): created with the table, and
# by migration 0005.
NO_ROOM_CLASH = (
    "ALTER TABLE bookings ADD CONSTRAINT ex_bookings_room EXCLUDE USING gist "
    "(room_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&) "
    "WHERE (cancelled_at IS NULL)"
)
NO_MEDIATOR_CLASH = (
    "ALTER TABLE bookings ADD CONSTRAINT ex_bookings_mediator EXCLUDE USING gist "
    "(mediator_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
    "WHERE (cancelled_at IS NULL AND mediator_id IS NOT NULL)"
)
run_with_tables(
    Booking.__table__,
    "after_create",
    "postgresql",
    ("CREATE EXTENSION IF NOT EXISTS btree_gist", NO_ROOM_CLASH, NO_MEDIATOR_CLASH),
)


def sqlite_clash_trigger(event: str) -> str:
    """SQLite's stand-in for the two exclusion constraints, with the same intervals:
    the room over [starts_at, blocked_until), the mediator over [starts_at, ends_at).

    Times are compared as julianday() numbers, not as the stored text, so a row
    written by hand in another ISO format ('T', no microseconds) compares right too.
    """
    others = (
        "SELECT 1 FROM bookings b WHERE b.cancelled_at IS NULL AND b.id IS NOT NEW.id AND "
        "julianday(b.starts_at) < julianday(NEW.{end}) AND "
        "julianday(NEW.starts_at) < julianday(b.{end}) AND b.{who} = NEW.{who}"
    )
    name = "insert" if event == "INSERT" else "update"
    return (
        f"CREATE TRIGGER tr_bookings_no_clash_{name} BEFORE {event} ON bookings "
        "FOR EACH ROW WHEN NEW.cancelled_at IS NULL BEGIN "
        "SELECT RAISE(ABORT, 'booking_conflict_room') WHERE EXISTS ("
        + others.format(end="blocked_until", who="room_id")
        + "); SELECT RAISE(ABORT, 'booking_conflict_mediator') WHERE "
        "NEW.mediator_id IS NOT NULL AND EXISTS ("
        + others.format(end="ends_at", who="mediator_id")
        + "); END"
    )


# SQLite only: created with the table, and by migration 0011. An UPDATE is checked
# when it touches the time, the room, the mediator or revives a cancelled booking.
SQLITE_CLASH_TRIGGERS = (
    sqlite_clash_trigger("INSERT"),
    sqlite_clash_trigger(
        "UPDATE OF starts_at, ends_at, blocked_until, room_id, mediator_id, cancelled_at"
    ),
)
run_with_tables(Booking.__table__, "after_create", "sqlite", SQLITE_CLASH_TRIGGERS)


# The form SQLAlchemy writes a UTC time in on SQLite: '2026-11-30 02:00:00.000000'.
STORED_TIME = (
    "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] "
    "[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]"
)
TIME_COLUMNS = ("starts_at", "ends_at", "blocked_until", "cancelled_at", "created_at", "updated_at")


def _stored_time(column: str) -> str:
    """True when NEW.column holds a time in STORED_TIME's form that both SQLite and
    Python read as the same instant: julianday() knows it (a comma makes it NULL, so
    the clash triggers would not see the row), the day exists (SQLite takes
    2026-02-30; Python does not) and the hour is below 24."""
    value = f"NEW.{column}"
    return (
        f"(typeof({value}) = 'text' AND {value} GLOB '{STORED_TIME}' "
        f"AND julianday({value}) IS NOT NULL AND substr({value}, 12, 2) < '24' "
        f"AND substr({value}, 1, 4) > '0000' "
        f"AND date(substr({value}, 1, 10), '+0 days') = substr({value}, 1, 10))"
    )


def sqlite_time_format_trigger(event: str) -> str:
    """SQLite keeps times as text and would take any: refuse a booking whose times are
    not in the stored form (PostgreSQL's timestamptz columns need nothing)."""
    checks = " AND ".join(
        _stored_time(c)
        if c in ("starts_at", "ends_at", "blocked_until", "created_at")
        else f"(NEW.{c} IS NULL OR {_stored_time(c)})"
        for c in TIME_COLUMNS
    )
    name = "insert" if event == "INSERT" else "update"
    return (
        f"CREATE TRIGGER tr_bookings_time_format_{name} BEFORE {event} ON bookings "
        f"FOR EACH ROW WHEN NOT coalesce({checks}, 0) BEGIN "
        "SELECT RAISE(ABORT, 'booking_time_format'); END"
    )


# SQLite only: created with the table, and by migration 0013.
SQLITE_TIME_FORMAT_TRIGGERS = (
    sqlite_time_format_trigger("INSERT"),
    sqlite_time_format_trigger("UPDATE OF " + ", ".join(TIME_COLUMNS)),
)
run_with_tables(Booking.__table__, "after_create", "sqlite", SQLITE_TIME_FORMAT_TRIGGERS)
