"""The database itself refuses a double booking, on SQLite (triggers) as on PostgreSQL
(exclusion constraints): raw SQL that bypasses the application is refused too."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from legaldesk.db import UTCDateTime, db
from legaldesk.rooms.models import Room
from legaldesk.routing.models import Lawyer
from tests.conftest import ROOMS_SINCE

INSERT = sa.text(
    "INSERT INTO bookings (room_id, starts_at, ends_at, blocked_until, title, purpose, "
    "mediator_id, attendees, sequence, created_at, participants, attendance_note, "
    "cancelled_at) VALUES (:room, :starts, :ends, :blocked, 'raw', 'appointment', "
    ":mediator, 1, 0, :starts, '[]', '', :cancelled)"
).bindparams(
    *(sa.bindparam(name, type_=UTCDateTime) for name in ("starts", "ends", "blocked", "cancelled"))
)
DAY = datetime(2026, 11, 30, tzinfo=UTC)


def at(hour: float) -> datetime:
    return DAY + timedelta(hours=hour)


def insert(room, start, end, mediator=None, buffer=0, cancelled=None):
    """A raw INSERT in a savepoint; answers the database's error, or None."""
    values = {
        "room": room,
        "starts": at(start),
        "ends": at(end),
        "blocked": at(end) + timedelta(minutes=buffer),
        "mediator": mediator,
        "cancelled": cancelled,
    }
    try:
        with db.session.begin_nested():
            db.session.execute(INSERT, values)
    except sa.exc.IntegrityError as error:
        return str(error.orig)
    return None


def refused(error) -> bool:
    return error is not None and ("booking_conflict" in error or "ex_bookings" in error)


@pytest.fixture
def rooms(ctx):
    first = Room(name="一", kind="mediation", created_at=ROOMS_SINCE)
    second = Room(name="二", kind="mediation", created_at=ROOMS_SINCE)
    mediator = Lawyer(name="调解员", kind="panel_expert")
    db.session.add_all([first, second, mediator])
    db.session.flush()
    return first.id, second.id, mediator.id


def test_an_overlapping_insert_is_refused_and_touching_ones_are_not(rooms):
    room, other, _ = rooms
    assert insert(room, 2, 3) is None  # 10:00-11:00 in Shanghai
    assert insert(room, 3, 4) is None  # 11:00-12:00 touches: half-open
    assert insert(room, 1, 2) is None
    assert refused(insert(room, 2.5, 3.5))
    assert refused(insert(room, 1.5, 4.5))
    assert insert(other, 2.5, 3.5) is None  # another room


def test_the_room_buffer_blocks_as_the_application_counts_it(rooms):
    room, _, _ = rooms
    assert insert(room, 2, 3, buffer=30) is None  # blocked until 11:30
    assert refused(insert(room, 3.25, 4))
    assert insert(room, 3.5, 4) is None
    assert refused(insert(room, 1.5, 2.25))  # runs into 10:00
    assert insert(room, 1, 1.5, buffer=30) is None  # its buffer ends as 10:00 begins
    assert refused(insert(room, 1, 1.75, buffer=30))  # its buffer runs into 10:00


def test_a_cancelled_booking_does_not_block_and_cannot_be_revived_onto_a_clash(rooms):
    room, _, _ = rooms
    assert insert(room, 2, 3, cancelled=DAY) is None
    assert insert(room, 2, 3) is None
    assert insert(room, 2, 3, cancelled=DAY) is None  # a cancelled row may overlap
    revive = sa.text("UPDATE bookings SET cancelled_at = NULL WHERE cancelled_at IS NOT NULL")
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        db.session.execute(revive)


def test_an_update_that_moves_a_booking_onto_another_is_refused(rooms):
    room, other, _ = rooms
    assert insert(room, 2, 3) is None
    assert insert(other, 2, 3) is None
    move = sa.text("UPDATE bookings SET room_id = :room WHERE room_id = :other")
    with pytest.raises(sa.exc.IntegrityError) as error, db.session.begin_nested():
        db.session.execute(move, {"room": room, "other": other})
    assert refused(str(error.value.orig))
    shift = sa.text(
        "UPDATE bookings SET starts_at = :starts, ends_at = :ends, blocked_until = :ends "
        "WHERE room_id = :room AND starts_at = :was"
    ).bindparams(*(sa.bindparam(n, type_=UTCDateTime) for n in ("starts", "ends", "was")))
    assert insert(room, 4, 5) is None
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        db.session.execute(shift, {"starts": at(2.5), "ends": at(3.5), "room": room, "was": at(4)})
    # A change that keeps a booking where it is, or moves it to touch another, is no clash.
    db.session.execute(sa.text("UPDATE bookings SET title = 'x', sequence = sequence + 1"))
    with db.session.begin_nested():
        db.session.execute(shift, {"starts": at(3), "ends": at(4.5), "room": room, "was": at(4)})


def test_one_mediator_cannot_be_in_two_rooms_at_once(rooms):
    room, other, mediator = rooms
    assert insert(room, 2, 3, mediator=mediator) is None
    assert refused(insert(other, 2.5, 3.5, mediator=mediator))
    assert insert(other, 3, 4, mediator=mediator) is None  # touching
    assert refused(insert(other, 1, 2, buffer=90))  # its buffer runs into 11:00
    assert insert(other, 0, 1) is None


def test_the_service_turns_the_databases_refusal_into_booking_conflict(rooms):
    """A clash the check did not see (written by raw SQL after it) is still a 409."""
    from legaldesk.errors import Conflict
    from legaldesk.rooms.clash import BookingConflict, flush_guarded
    from legaldesk.rooms.models import Booking

    room, _, _ = rooms
    assert insert(room, 2, 3) is None
    row = Booking(
        room_id=room,
        starts_at=at(2),
        ends_at=at(3),
        blocked_until=at(3),
        title="t",
        created_at=DAY,
    )
    with pytest.raises(BookingConflict) as error:
        flush_guarded(db.session, [row], lambda: None)
    assert isinstance(error.value, Conflict) and error.value.status == 409


def test_the_migration_installs_the_same_triggers_as_the_models(tmp_path):
    """Both ways of building a SQLite desk (create_all in tests, `flask db upgrade` in
    production) end with the guard."""
    from flask_migrate import downgrade, upgrade

    from legaldesk import create_app
    from tests.conftest import desk_config

    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    found = {}
    for how in ("create_all", "upgrade"):
        app = create_app(desk_config(f"sqlite:///{tmp_path / (how + '.sqlite3')}"))
        with app.app_context():
            db.create_all() if how == "create_all" else upgrade()
            with db.engine.connect() as conn:
                found[how] = conn.exec_driver_sql(triggers).all()
            if how == "upgrade":
                downgrade(revision="0008")
                with db.engine.connect() as conn:
                    assert conn.exec_driver_sql(triggers).all() == []
            db.engine.dispose()
    assert [name for name, _ in found["upgrade"]] == [
        "tr_bookings_no_clash_insert",
        "tr_bookings_no_clash_update",
        "tr_bookings_time_format_insert",
        "tr_bookings_time_format_update",
        "tr_case_search_delete",  # the search index's FTS5 table follows case_search
        "tr_case_search_insert",
        "tr_case_search_update",
        "tr_report_case_delete",  # the report's stored counts (reports/rollup_models.py)
        "tr_report_case_insert",
        "tr_report_case_update",
        "tr_report_country_delete",
        "tr_report_country_insert",
        "tr_report_duration_delete",  # the report's answer times (reports/duration_models.py)
        "tr_report_duration_insert",
        "tr_report_duration_update",
        "tr_report_followup_delete",  # the follow-ups' sums (reports/followup_models.py)
        "tr_report_followup_due_delete",
        "tr_report_followup_due_insert",
        "tr_report_followup_due_update",
        "tr_report_followup_insert",
        "tr_report_followup_update",
        "tr_report_working_delete",  # each case's working hours (reports/working_models.py)
        "tr_report_working_insert",
        "tr_report_working_update",
    ]
    assert found["upgrade"] == found["create_all"]
