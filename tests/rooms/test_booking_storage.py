"""Stored booking times: the database refuses a time it cannot compare, and a row whose
time cannot be read back is skipped with a warning, never a 500 for the whole week.

SQLite keeps times as text: julianday() returns NULL for '2026-11-27 01:00:00,000000'
(a comma), so such a row slipped past the overlap triggers while Python still read it.
"""

from datetime import date, datetime, time, timedelta

import pytest
import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.rooms.models import Room
from tests.conftest import ROOMS_SINCE

COLUMNS = (
    "room_id, starts_at, ends_at, blocked_until, title, purpose, attendees, sequence, "
    "created_at, participants, attendance_note"
)


def future_day() -> date:
    """A day some weeks ahead (the guard does not care which)."""
    return date.today() + timedelta(days=40)


def stored(day: date, hour: int, comma: bool = False) -> str:
    """A time as SQLAlchemy writes it on SQLite ('YYYY-MM-DD HH:MM:SS.ffffff'), or
    with a comma before the microseconds."""
    text = datetime.combine(day, time(hour)).strftime("%Y-%m-%d %H:%M:%S.%f")
    return text.replace(".", ",") if comma else text


def raw_insert(room: int, starts: str, ends: str, blocked: str | None = None):
    """A raw INSERT in a savepoint; None, or the database's error."""
    blocked = blocked or ends
    sql = sa.text(
        f"INSERT INTO bookings ({COLUMNS}) VALUES (:room, :starts, :ends, :blocked, 'raw', "
        "'appointment', 1, 0, :starts, '[]', '')"
    )
    if db.session.get_bind().dialect.name == "postgresql":
        sql = sa.text(
            f"INSERT INTO bookings ({COLUMNS}) VALUES (:room, CAST(:starts AS timestamptz), "
            "CAST(:ends AS timestamptz), CAST(:blocked AS timestamptz), 'raw', 'appointment', "
            "1, 0, CAST(:starts AS timestamptz), '[]', '')"
        )
    try:
        with db.session.begin_nested():
            db.session.execute(
                sql, {"room": room, "starts": starts, "ends": ends, "blocked": blocked}
            )
    except sa.exc.DBAPIError as error:
        return str(error.orig)
    return None


@pytest.fixture
def room(ctx):
    row = Room(name="商事调解室一", kind="mediation", created_at=ROOMS_SINCE)
    db.session.add(row)
    db.session.flush()
    return row.id


def test_an_overlap_written_with_a_comma_is_refused_on_both_engines(room):
    day = future_day()
    assert raw_insert(room, stored(day, 2), stored(day, 3)) is None
    # SQLite: refused as not the stored format; PostgreSQL reads the time and its
    # exclusion constraint refuses the overlap (or it refuses the text).
    assert raw_insert(room, stored(day, 2, comma=True), stored(day, 3, comma=True)) is not None
    assert raw_insert(room, stored(day, 2), stored(day, 3, comma=True)) is not None


@pytest.mark.parametrize(
    "starts",
    [
        "{day} 02:00:00,000000",  # comma: julianday() is NULL
        "{day}T02:00:00.000000",  # another ISO form: compares wrong as text
        "{day} 02:00:00",  # no microseconds
        "{day} 24:00:00.000000",  # SQLite counts it, Python cannot read it
        "2031-02-30 02:00:00.000000",  # no such day
        "0000-01-01 02:00:00.000000",
        "yesterday",
    ],
)
def test_sqlite_refuses_a_time_not_in_the_stored_format(room, starts):
    if db.session.get_bind().dialect.name != "sqlite":
        pytest.skip("PostgreSQL stores timestamptz, not text")
    day = future_day()
    error = raw_insert(room, starts.format(day=day.isoformat()), stored(day, 3))
    assert error is not None and "booking_time_format" in error
    error = raw_insert(room, stored(day, 2), stored(day, 3), blocked=stored(day, 3, comma=True))
    assert error is not None and "booking_time_format" in error


def test_sqlite_refuses_an_update_to_a_time_not_in_the_stored_format(room):
    if db.session.get_bind().dialect.name != "sqlite":
        pytest.skip("PostgreSQL stores timestamptz, not text")
    day = future_day()
    assert raw_insert(room, stored(day, 2), stored(day, 3)) is None
    for column in ("starts_at", "ends_at", "blocked_until", "cancelled_at", "updated_at"):
        change = sa.text(f"UPDATE bookings SET {column} = :bad")
        with pytest.raises(sa.exc.IntegrityError) as error, db.session.begin_nested():
            db.session.execute(change, {"bad": stored(day, 4, comma=True)})
        assert "booking_time_format" in str(error.value.orig)
    # A change that leaves the times alone, and cancelling in the stored format, pass.
    db.session.execute(sa.text("UPDATE bookings SET title = 'x'"))
    db.session.execute(sa.text("UPDATE bookings SET cancelled_at = :at"), {"at": stored(day, 1)})


def test_a_desk_built_by_migrations_refuses_the_comma_too(tmp_path):
    from flask_migrate import downgrade, upgrade

    from legaldesk import create_app
    from tests.conftest import desk_config

    app = create_app(desk_config(f"sqlite:///{tmp_path / 'migrated.sqlite3'}"))
    day = future_day()
    with app.app_context():
        upgrade()
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO rooms (name, name_en, kind, capacity, created_at) "
                "VALUES ('一', '', 'mediation', 8, '2020-01-01 00:00:00.000000')"
            )
        with db.engine.connect() as conn, pytest.raises(sa.exc.IntegrityError) as error:
            conn.execute(
                sa.text(
                    f"INSERT INTO bookings ({COLUMNS}) VALUES (1, :s, :e, :e, 't', "
                    "'appointment', 1, 0, :s, '[]', '')"
                ),
                {"s": stored(day, 2, comma=True), "e": stored(day, 3, comma=True)},
            )
        assert "booking_time_format" in str(error.value.orig)
        downgrade(revision="0012")
        with db.engine.connect() as conn:
            names = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%format%'"
            ).all()
        assert names == []
        db.engine.dispose()


def test_an_unreadable_stored_row_is_skipped_on_the_week_and_in_feeds(
    app, make, login, client, api_as, caplog
):
    """A row written before the guard (or by hand) that Python cannot read: the week,
    the room's calendar and the booking itself answer without it, and the log says so."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL cannot store an unreadable timestamptz")
    room = make.room()
    day = future_day()
    with app.app_context():
        db.session.execute(sa.text("DROP TRIGGER IF EXISTS tr_bookings_time_format_insert"))
        assert raw_insert(room, stored(day, 2), stored(day, 3)) is None
        assert raw_insert(room, f"{day.isoformat()} 02:60:00.000000", stored(day, 5)) is None
        db.session.commit()
        good, bad = db.session.scalars(sa.text("SELECT id FROM bookings ORDER BY id")).all()
    login("coordinator")
    week = client.get(f"/rooms?week={day.isoformat()}")
    assert week.status_code == 200
    assert f"/rooms/bookings/{good}" in week.text and f'/rooms/bookings/{bad}"' not in week.text
    assert f"booking {bad}" in caplog.text and "unreadable" in caplog.text
    api = api_as("coordinator")
    assert api.get(f"/rooms/{room}/calendar.ics").status_code == 200
    assert api.get(f"/bookings/{good}").status_code == 200
    assert api.get(f"/bookings/{bad}").status_code == 404
    assert client.get(f"/rooms/bookings/{bad}").status_code == 404


def test_the_booking_horizon_counts_the_year_in_the_desk_zone():
    """The last day is 31 December of next year in Shanghai, whatever offset the
    caller writes the time with."""
    from zoneinfo import ZoneInfo

    from legaldesk.errors import ValidationFailed
    from legaldesk.rooms.rules import Slot, check_horizon

    shanghai, today = ZoneInfo("Asia/Shanghai"), date.today()
    last_year = today.year + 1

    def allowed(text: str) -> bool:
        starts = datetime.fromisoformat(text)
        try:
            check_horizon(Slot(starts, starts + timedelta(hours=1)), today, shanghai)
        except ValidationFailed as error:
            assert "starts_at" in error.fields
            return False
        return True

    # 23:30 on 31 December in Los Angeles is New Year's Day in Shanghai.
    assert not allowed(f"{last_year}-12-31T23:30:00-08:00")
    assert not allowed(f"{last_year}-12-31T08:30:00-08:00")
    # 01:00 on 1 January at UTC+14 is still 31 December in Shanghai.
    assert allowed(f"{last_year + 1}-01-01T01:00:00+14:00")
    assert allowed(f"{last_year}-12-31T10:00:00+08:00")
    # The first year counts the same way.
    assert allowed("1999-12-31T23:30:00-08:00")
    assert not allowed("2000-01-01T01:00:00+14:00")
