"""A booking that has started, or was held, is a record of what happened (issue 10).

The attack: a session that took place (and its attendance, which decides the
mediation's outcome) was erased by a DELETE, or moved into the future by a PATCH
that silently cleared its attendance. Now nobody moves, shortens or cancels a
started booking, except a coordinator or admin who says why (audited); attendance
once recorded is never cleared; "this and all later dates" leaves started ones be.

Started bookings are made the way they come about: booked through the service
before they began (an explicit ``now`` in the past).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.mediation.models import Mediation
from legaldesk.rooms.models import Booking
from tests.helpers import mediation_in_progress
from tests.helpers import today as local_today
from tests.rooms.days import future_day, moment, past_day, slot, started, started_series

STARTED = "该预约已经开始"


def at(day, clock):
    return datetime.fromisoformat(moment(day, clock))


def book_before(who, room, day, start="09:00", end="10:00", **extra):
    """A booking made by ``who`` the day before ``day`` (in an app context)."""
    return started(who, {"room_id": room, "title": "调解会", **slot(day, start, end), **extra})


def row(make, booking_id):
    def read():
        b = db.session.get(Booking, booking_id)
        return (b.starts_at, b.ends_at, b.cancelled_at is not None, b.attendance)

    return make.run(read)


def audit_detail(make, action, booking_id):
    raw = make.run(
        lambda: db.session.scalar(
            sa.select(AuditEntry.detail).where(
                AuditEntry.action == action, AuditEntry.object_id == str(booking_id)
            )
        )
    )
    return json.loads(raw) if raw else None


@pytest.fixture
def held(make):
    """A session that took place: booked by a clerk, attendance recorded by them."""
    clerk, room = make.user("intake"), make.room()
    booking = make.run(book_before, clerk, room, past_day())
    return clerk, room, booking


def test_a_held_session_is_not_moved_into_the_future_nor_its_attendance_cleared(api_as, make, held):
    clerk, room, booking = held
    api = api_as(clerk)
    assert api.patch(f"/bookings/{booking}", json={"attendance": "held"}).status_code == 200
    before = row(make, booking)
    future = future_day()
    for change in (
        {"room_id": room, **slot(future, "09:00", "10:00")},  # move
        {"room_id": room, **slot(past_day(), "09:00", "09:30")},  # shorten
    ):
        refused = api.patch(f"/bookings/{booking}", json=change)
        assert refused.status_code == 409, refused.json
        assert refused.json["error"]["code"] == "booking_started"
        assert STARTED in refused.json["error"]["message"]
    assert row(make, booking) == before
    assert before[3] == "held"

    # a coordinator who says why still cannot clear the record of a held session
    coordinator = api_as("coordinator")
    refused = coordinator.patch(
        f"/bookings/{booking}", json={**slot(future, "09:00", "10:00"), "past_reason": "改期"}
    )
    assert refused.status_code == 409 and refused.json["error"]["code"] == "attendance_recorded"
    assert row(make, booking) == before


def test_only_a_coordinator_with_a_reason_moves_a_started_booking(api_as, make, held):
    clerk, room, booking = held
    future = future_day()
    move = {"room_id": room, **slot(future, "14:00", "15:00")}
    assert api_as(clerk).patch(f"/bookings/{booking}", json=move).status_code == 409
    lawyer = api_as("lawyer")
    assert lawyer.patch(f"/bookings/{booking}", json=move).status_code == 403

    coordinator = api_as("coordinator", language="en")
    bare = coordinator.patch(f"/bookings/{booking}", json=move)
    assert bare.status_code == 422 and "past_reason" in bare.json["error"]["fields"]
    assert "began" in bare.json["error"]["fields"]["past_reason"][0]
    moved = coordinator.patch(
        f"/bookings/{booking}", json={**move, "past_reason": "当事人未到，约定改期"}
    )
    assert moved.status_code == 200, moved.json
    assert moved.json["starts_at"] == moment(future, "14:00")
    detail = audit_detail(make, "booking.reschedule", booking)
    assert detail["past_reason"] == "当事人未到，约定改期"


def test_nobody_cancels_a_session_that_took_place(api_as, make):
    """The mediator's no-show failed the mediation; erasing the session must not be a
    way to undo (or hide) that."""
    coordinator, mediator, room, case = (
        make.user("coordinator"),
        make.user("lawyer"),
        make.room(),
        make.case(),
    )
    make.run(
        lambda: (
            mediation_in_progress(coordinator.id, case.id, mediator.lawyer_id, utcnow()),
            db.session.commit(),
        )
    )
    booking = make.run(
        book_before,
        mediator,
        room,
        past_day(),
        purpose="mediation_session",
        consultation=case.reference,
        mediator_id=mediator.lawyer_id,
    )
    own = api_as(mediator)
    assert own.patch(f"/bookings/{booking}", json={"attendance": "no_show"}).status_code == 200
    failed = make.run(
        lambda: db.session.scalar(
            sa.select(Mediation.status).where(Mediation.consultation_id == case.id)
        )
    )
    refused = own.delete(f"/bookings/{booking}")
    assert refused.status_code == 409 and refused.json["error"]["code"] == "booking_started"
    assert row(make, booking)[2:] == (False, "no_show")

    boss = api_as(coordinator)
    bare = boss.delete(f"/bookings/{booking}")
    assert bare.status_code == 422 and "past_reason" in bare.json["error"]["fields"]
    done = boss.delete(f"/bookings/{booking}", json={"past_reason": "重复录入，另有记录"})
    assert done.status_code == 204
    assert row(make, booking)[2:] == (True, "no_show")  # the record of what happened stays
    assert audit_detail(make, "booking.cancel", booking) == {"past_reason": "重复录入，另有记录"}
    status = make.run(
        lambda: db.session.scalar(
            sa.select(Mediation.status).where(Mediation.consultation_id == case.id)
        )
    )
    assert status == failed


def test_a_reason_in_the_query_string_works_for_a_plain_delete(api_as, make, held):
    _, _, booking = held
    done = api_as("admin").delete(f"/bookings/{booking}?past_reason=补录错误")
    assert done.status_code == 204
    assert audit_detail(make, "booking.cancel", booking) == {"past_reason": "补录错误"}


def weekly_series_begun(make, clerk, room):
    """A weekly series whose first date was yesterday (its dates count as working
    days whatever the calendar says)."""
    first = local_today() - timedelta(days=1)
    body = {"room_id": room, "title": "出口管制讲座", **slot(first)}
    return make.run(started_series, clerk, body, first, 3)


def test_this_and_all_later_dates_leave_started_ones_alone(api_as, make):
    clerk, room = make.user("intake"), make.room()
    first, second, third = weekly_series_begun(make, clerk, room)
    api = api_as(clerk)
    assert api.delete(f"/bookings/{first}?following=true").status_code == 409
    assert [row(make, b)[2] for b in (first, second, third)] == [False, False, False]
    assert api.delete(f"/bookings/{second}?following=true").status_code == 204
    assert [row(make, b)[2] for b in (first, second, third)] == [False, True, True]


def test_a_coordinator_cancels_the_rest_of_a_series_from_a_started_date(api_as, make):
    clerk, room = make.user("intake"), make.room()
    first, second, third = weekly_series_begun(make, clerk, room)
    api = api_as("coordinator")
    done = api.delete(f"/bookings/{first}?following=true&past_reason=讲座整体取消")
    assert done.status_code == 204
    assert [row(make, b)[2] for b in (first, second, third)] == [True, True, True]
    assert audit_detail(make, "booking.cancel", first) == {"past_reason": "讲座整体取消"}
    assert "past_reason" not in audit_detail(make, "booking.cancel", second)  # not begun


def test_a_booking_not_yet_started_moves_and_cancels_as_before(api_as, make):
    clerk, room = make.user("intake"), make.room()
    api = api_as(clerk)
    day = future_day()
    made = api.post(
        "/bookings", json={"room_id": room, "title": "普法", **slot(day, "09:00", "10:00")}
    )
    assert made.status_code == 201, made.json
    moved = api.patch(f"/bookings/{made.json['id']}", json=slot(day, "10:00", "11:00"))
    assert moved.status_code == 200
    assert api.delete(f"/bookings/{made.json['id']}").status_code == 204


# -- the pages ---------------------------------------------------------------------------


def main_of(page):
    return page.get_data(as_text=True).split("<main", 1)[1]


def test_the_page_hides_move_and_cancel_of_a_started_booking(client, login, make, held):
    clerk, room, booking = held
    login(clerk)
    page = main_of(client.get(f"/rooms/bookings/{booking}"))
    assert "/cancel" not in page and "/move" not in page
    assert "只有案件协调员可以改期或取消" in page

    future = future_day()
    moved = client.post(
        f"/rooms/bookings/{booking}/move",
        data={"room_id": str(room), "day": future.isoformat(), "starts": "09:00", "ends": "10:00"},
        follow_redirects=True,
    )
    assert STARTED in main_of(moved)
    cancelled = client.post(f"/rooms/bookings/{booking}/cancel", follow_redirects=True)
    assert STARTED in main_of(cancelled)
    assert row(make, booking)[2] is False
    assert row(make, booking)[0] == at(past_day(), "09:00")


def test_a_coordinator_cancels_a_started_booking_on_the_page_with_a_reason(
    client, login, make, held
):
    _, _, booking = held
    login("coordinator")
    page = main_of(client.get(f"/rooms/bookings/{booking}"))
    assert 'name="past_reason"' in page and "data-confirm" in page
    assert "/cancel" in page and "/move" in page

    bare = client.post(f"/rooms/bookings/{booking}/cancel", follow_redirects=True)
    assert "请说明为何更改已经开始的预约" in main_of(bare)
    assert row(make, booking)[2] is False
    done = client.post(
        f"/rooms/bookings/{booking}/cancel",
        data={"past_reason": "录入错误"},
        follow_redirects=True,
    )
    assert "已取消" in main_of(done)
    assert row(make, booking)[2] is True
    assert audit_detail(make, "booking.cancel", booking) == {"past_reason": "录入错误"}


def test_a_coordinator_moves_a_started_booking_on_the_page_with_a_reason(client, login, make, held):
    _, room, booking = held
    login("coordinator")
    future = future_day()
    form = {"room_id": str(room), "day": future.isoformat(), "starts": "14:00", "ends": "15:00"}
    client.post(f"/rooms/bookings/{booking}/move", data=form)
    assert row(make, booking)[0] == at(past_day(), "09:00")
    client.post(f"/rooms/bookings/{booking}/move", data={**form, "past_reason": "改期"})
    assert row(make, booking)[0] == at(future, "14:00")
