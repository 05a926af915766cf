"""Years without an official calendar: a visible warning until a coordinator enters
them, a weekly reminder from November, and no bookings absurdly far away."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.errors import ValidationFailed
from legaldesk.rooms.rules import Slot, check_horizon
from legaldesk.workcal.rules import (
    official_years,
    unconfirmed_years,
    year_is_confirmed,
    year_to_remind,
)
from tests.conftest import ROOMS_SINCE
from tests.helpers import (
    confirm_unless_official,
    day_in_unconfirmed_year,
    past_working_day,
    unconfirmed_year,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Monday in February of a year chinesecalendar does not know (2027 for version 1.11),
# still to come
SPRING_FESTIVAL = str(day_in_unconfirmed_year(month=2))
YEAR = str(unconfirmed_year())


def test_a_year_counts_as_confirmed_when_known_or_entered():
    assert 2026 in official_years() and 2027 not in official_years()
    assert year_is_confirmed(2026, {2026}, set())
    assert year_is_confirmed(2027, {2026}, {2027})
    assert not year_is_confirmed(2027, {2026}, set())
    days = [date(2026, 5, 1), date(2027, 2, 8), None, date(2028, 1, 3), date(2027, 3, 1)]
    assert unconfirmed_years(days, {2026}, {2028}) == [2027]


def test_coordinators_are_reminded_weekly_from_november_while_next_year_is_open():
    known = {2026}
    assert year_to_remind(date(2026, 10, 31), known, set()) is None
    assert year_to_remind(date(2026, 11, 1), known, set()) == (2027, 0)
    assert year_to_remind(date(2026, 11, 7), known, set()) == (2027, 0)
    assert year_to_remind(date(2026, 11, 8), known, set()) == (2027, 1)
    assert year_to_remind(date(2026, 12, 31), known, {2027}) is None


@pytest.mark.parametrize(
    "start,ok",
    [
        ("2027-12-31T10:00:00+08:00", True),
        ("2028-01-03T10:00:00+08:00", False),  # after the end of next year
        ("2029-03-01T10:00:00+08:00", False),
        ("0001-01-01T10:00:00+08:00", False),  # year 1
        ("1999-12-31T10:00:00+08:00", False),
    ],
)
def test_bookings_start_between_2000_and_the_end_of_next_year(start, ok):
    starts = datetime.fromisoformat(start)
    slot = Slot(starts, starts.replace(hour=11))
    if ok:
        check_horizon(slot, date(2026, 11, 26), SHANGHAI)
    else:
        with pytest.raises(ValidationFailed) as error:
            check_horizon(slot, date(2026, 11, 26), SHANGHAI)
        assert "starts_at" in error.value.fields


def booking(room, day, start="10:00", end="11:00"):
    return {
        "room_id": room,
        "starts_at": f"{day}T{start}:00+08:00",
        "ends_at": f"{day}T{end}:00+08:00",
        "title": "调解",
    }


def test_a_booking_in_2029_with_now_in_2026_is_refused(ctx):
    from legaldesk.rooms.models import Room
    from legaldesk.rooms.service import book
    from tests.conftest import create_user

    room = Room(name="商事调解室一", kind="mediation", created_at=ROOMS_SINCE)
    ctx_session = db.session
    ctx_session.add(room)
    ctx_session.flush()
    actor = create_user("coordinator")
    now = datetime(2026, 11, 26, 3, tzinfo=UTC)
    with pytest.raises(ValidationFailed) as error:
        book(ctx_session, actor, now, booking(room.id, "2029-03-01"), SHANGHAI, {})
    assert "starts_at" in error.value.fields
    assert book(ctx_session, actor, now, booking(room.id, "2027-03-01"), SHANGHAI, {}).id


@pytest.mark.parametrize("day", ["0001-01-01", "2062-03-01"])
def test_far_away_bookings_are_422_on_the_api_and_the_form(api_as, make, login, client, day):
    room = make.room()
    response = api_as("coordinator", language="en").post("/bookings", json=booking(room, day))
    assert response.status_code == 422, response.json
    assert "2000" in response.json["error"]["fields"]["starts_at"][0]
    login("coordinator")
    page = client.post(
        "/rooms/book",
        data={"room_id": room, "day": day, "starts": "10:00", "ends": "11:00", "title": "t"},
        follow_redirects=True,
    )
    assert page.status_code == 422  # the form comes back, as typed, with the reason
    assert "2000" in page.get_data(as_text=True)
    from legaldesk.rooms.models import Booking
    from tests.conftest import count

    assert make.run(lambda: count(Booking)) == 0


def test_spring_festival_2027_warns_until_confirmed_then_is_refused_once_entered(
    api_as, make, login, client
):
    room = make.room()
    api = api_as("coordinator", language="en")
    made = api.post("/bookings", json=booking(room, SPRING_FESTIVAL))
    assert made.status_code == 201
    assert made.json["warnings"] and YEAR in made.json["warnings"][0]
    earlier = past_working_day()  # a year the desk trusts, whatever today's date
    make.run(confirm_unless_official, earlier.year)
    recorded = {**booking(room, earlier), "past_reason": "补录"}
    assert api.post("/bookings", json=recorded).json["warnings"] == []
    chinese = api_as("coordinator", language="zh-CN").get(f"/bookings/{made.json['id']}")
    assert f"{YEAR} 年的法定节假日尚未录入" in chinese.json["warnings"][0]

    login("coordinator")
    page = client.get(f"/rooms/bookings/{made.json['id']}").get_data(as_text=True)
    assert "calendar-warning" in page and YEAR in page
    assert YEAR in client.get("/calendar").get_data(as_text=True)

    # The coordinator enters Spring Festival, then confirms the year.
    client.post("/calendar", data={"day": SPRING_FESTIVAL, "working": "0", "note": "春节"})
    confirmed = client.post("/calendar/years", data={"year": YEAR}, follow_redirects=True)
    assert confirmed.status_code == 200
    assert api.get(f"/bookings/{made.json['id']}").json["warnings"] == []
    page = client.get(f"/rooms/bookings/{made.json['id']}").get_data(as_text=True)
    assert "calendar-warning" not in page
    again = api.post("/bookings", json=booking(room, SPRING_FESTIVAL, "14:00", "15:00"))
    assert again.status_code == 422
    assert "starts_at" in again.json["error"]["fields"]

    def audited():
        from legaldesk.audit.models import AuditEntry

        return db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "calendar.confirm_year")
        )

    assert make.run(audited) == 1


def test_the_reminder_goes_once_per_week_even_when_the_job_runs_twice(ctx):
    from legaldesk.notify.models import Notification, OutboxMessage
    from legaldesk.workcal.service import confirm_year, remind_coordinators
    from tests.conftest import count, create_user

    coordinator = create_user("coordinator")
    create_user("intake")
    now = datetime(2026, 11, 2, 1, tzinfo=UTC)
    assert remind_coordinators(db.session, now, date(2026, 10, 30)) == 0
    assert remind_coordinators(db.session, now, date(2026, 11, 2)) == 1
    assert remind_coordinators(db.session, now, date(2026, 11, 2)) == 0  # the second run
    assert remind_coordinators(db.session, now, date(2026, 11, 5)) == 0  # same week
    db.session.commit()
    assert count(OutboxMessage) == 1 and count(Notification) == 1
    row = db.session.scalar(sa.select(OutboxMessage))
    assert row.kind == "calendar_year" and row.recipient == coordinator.email
    assert remind_coordinators(db.session, now, date(2026, 11, 9)) == 1  # a week later
    confirm_year(db.session, coordinator, now, 2027)
    assert remind_coordinators(db.session, now, date(2026, 11, 16)) == 0


def test_a_follow_up_due_in_an_unconfirmed_year_warns_on_the_case_page(api_as, make, login, client):
    """Deadlines, not only bookings: a follow-up due in 2027 is counted Monday to
    Friday until 2027 is confirmed, and the case page says so."""
    coordinator = make.user("coordinator")
    case = make.case(coordinator)
    api = api_as(coordinator)
    made = api.post(
        f"/consultations/{case.reference}/followups",
        json={"due_on": str(day_in_unconfirmed_year(month=2, weekday=1)), "channel": "phone"},
    )
    assert made.status_code == 201, made.json
    login(coordinator)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "calendar-warning" in page and f"{YEAR} 年的法定节假日尚未录入" in page
    client.post("/calendar/years", data={"year": YEAR})
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "calendar-warning" not in page
