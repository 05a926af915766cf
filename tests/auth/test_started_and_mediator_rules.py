"""The pure rules behind frozen bookings and the choice of mediator (no app, no db)."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from legaldesk.auth.rules import may_change_started_booking, may_name_mediator
from legaldesk.errors import ValidationFailed
from legaldesk.rooms.rules import (
    AttendanceRecorded,
    BookingStarted,
    check_no_attendance,
    check_not_started,
    has_started,
)

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


def user(role, lawyer_id=None):
    return SimpleNamespace(role=role, lawyer_id=lawyer_id)


def test_a_booking_has_started_from_its_first_minute():
    assert has_started(NOW, NOW) and has_started(NOW - timedelta(hours=1), NOW)
    assert not has_started(NOW + timedelta(minutes=1), NOW)


def test_a_started_booking_is_changed_by_a_manager_with_a_reason_or_not_at_all():
    check_not_started(NOW + timedelta(minutes=1), NOW, False, "")  # not begun: anyone
    with pytest.raises(BookingStarted):
        check_not_started(NOW, NOW, False, "a reason does not help")
    with pytest.raises(ValidationFailed) as missing:
        check_not_started(NOW, NOW, True, "")
    assert list(missing.value.fields) == ["past_reason"]
    check_not_started(NOW, NOW, True, "补录错误")
    assert [may_change_started_booking(user(r)) for r in ("intake", "lawyer")] == [False, False]
    assert may_change_started_booking(user("coordinator")) and may_change_started_booking(
        user("admin")
    )


def test_recorded_attendance_is_never_moved_away():
    check_no_attendance(None)
    for recorded in ("held", "no_show", "excused"):
        with pytest.raises(AttendanceRecorded):
            check_no_attendance(recorded)


def test_who_names_a_mediator():
    assert may_name_mediator(user("coordinator"), 5) and may_name_mediator(user("admin"), 5)
    assert may_name_mediator(user("lawyer", 5), 5)
    assert not may_name_mediator(user("lawyer", 5), 6)
    assert not may_name_mediator(user("lawyer"), 5)  # a lawyer account without a lawyer
    assert not may_name_mediator(user("intake"), 5)
    assert not may_name_mediator(user("enterprise"), 5)
