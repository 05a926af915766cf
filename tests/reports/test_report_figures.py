"""Issue 13 items 1 and 6: the report's new figures, computed by the database on both
engines: working hours to acceptance and advice (median, 90th percentile), 涉港澳台
apart from 涉外, by lawyer and firm, follow-ups on time, mediation, room use."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from legaldesk.cases.models import Advice, Consultation
from legaldesk.db import db
from legaldesk.followups.models import FollowUp
from legaldesk.rooms.models import Booking
from legaldesk.routing.models import Firm
from legaldesk.workcal.rules import working_hours_between

SHANGHAI = ZoneInfo("Asia/Shanghai")
H2 = "/reports/summary?from=2026-07-01&to=2026-12-31"


def _at(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=SHANGHAI).astimezone(UTC)


# (received, accepted, working hours between): a weekend, the National Day holidays
# (2026-10-01..07), and two office periods of one day.
ANSWERS = [
    (_at("2026-07-03", "16:00"), _at("2026-07-06", "09:30"), 2.5),
    (_at("2026-09-30", "17:00"), _at("2026-10-08", "09:00"), 1.0),
    (_at("2026-07-08", "10:00"), _at("2026-07-08", "15:30"), 4.0),
]


def test_the_python_calendar_agrees_with_the_expected_hours():
    for received, accepted, hours in ANSWERS:
        assert working_hours_between(received, accepted, SHANGHAI, {}) == hours


def test_working_hours_to_acceptance_and_advice(make, api_as):
    clerk = make.user("intake")
    cases = [make.case(clerk, now=received) for received, _, _ in ANSWERS]
    make.case(clerk, now=_at("2026-07-09", "09:00"))  # not accepted yet: not counted

    def answer():
        for case, (_, accepted, _) in zip(cases, ANSWERS, strict=True):
            db.session.get(Consultation, case.id).first_response_at = accepted
            advised = accepted + timedelta(hours=24)
            db.session.add(Advice(consultation_id=case.id, given_at=advised, opinion="x"))
        db.session.commit()

    make.run(answer)
    summary = api_as("coordinator").get(H2).json
    assert summary["hours_to_acceptance"] == {"count": 3, "median": 2.5, "p90": 3.7}
    advice = summary["hours_to_advice"]
    assert advice["count"] == 3
    expected = sorted(
        working_hours_between(r, a + timedelta(hours=24), SHANGHAI, {}) for r, a, _ in ANSWERS
    )
    assert advice["median"] == round(expected[1], 1)
    assert summary["median_hours_to_first_response"] is not None  # the old key stays


def test_hk_mo_tw_apart_and_the_lawyers_and_firms(make, api_as):
    clerk = make.user("intake")
    firm_id = make.run(lambda: _firm("天册律师事务所"))
    expert = make.lawyer(name="王专家")
    partner = make.lawyer(name="李律师", kind="firm_lawyer", firm_id=firm_id)
    hong_kong = make.case(clerk, now=_at("2026-08-03", "10:00"), countries=["HK"])
    both = make.case(clerk, now=_at("2026-08-03", "11:00"), countries=["US", "MO"])
    foreign = make.case(clerk, now=_at("2026-08-04", "10:00"), countries=["KZ"])
    make.case(
        clerk,
        now=_at("2026-08-04", "11:00"),
        countries=[],
        counterparties=[],
        category="domestic_commercial",
    )
    make.assign(hong_kong, expert.id)
    make.assign(both, expert.id)
    make.assign(foreign, partner.id)
    summary = api_as("coordinator").get(H2).json
    assert summary["consultations"] == 4
    assert summary["hk_mo_tw"] == 2 and summary["hk_mo_tw_share"] == 0.5
    assert summary["by_region"]["hk_mo_tw"] == 2 and summary["by_region"]["domestic"] == 1
    lawyers = {row["name"]: row for row in summary["by_lawyer"]}
    assert lawyers["王专家"]["consultations"] == 2 and lawyers["王专家"]["hk_mo_tw"] == 2
    assert lawyers["王专家"]["firm"] is None
    assert lawyers["李律师"]["firm"]["name"] == "天册律师事务所"
    assert lawyers["李律师"]["id"] == partner.id and lawyers["李律师"]["open"] == 1
    firms = {row["name"]: row["consultations"] for row in summary["by_firm"]}
    assert firms == {None: 2, "天册律师事务所": 1}


def test_followups_on_time_and_room_use(make, api_as):
    clerk = make.user("intake")
    case = make.case(clerk, now=_at("2026-07-01", "09:00"))
    room_id = make.room()

    def record():
        for due, done in (
            (date(2026, 7, 10), _at("2026-07-10", "23:30")),  # on its day, late evening
            (date(2026, 7, 10), _at("2026-07-11", "00:10")),  # a day late
            (date(2026, 7, 10), None),
        ):
            db.session.add(
                FollowUp(
                    consultation_id=case.id,
                    due_on=due,
                    channel="phone",
                    created_at=_at("2026-07-01", "10:00"),
                    done_at=done,
                )
            )
        db.session.add(
            Booking(
                room_id=room_id,
                starts_at=_at("2026-07-02", "09:00"),
                ends_at=_at("2026-07-02", "12:00"),
                blocked_until=_at("2026-07-02", "12:00"),
                title="调解",
                created_at=_at("2026-07-01", "10:00"),
            )
        )
        db.session.commit()

    make.run(record)
    summary = api_as("coordinator").get("/reports/summary?from=2026-07-01&to=2026-07-31").json
    assert summary["followups"] == {
        "due": 3,
        "done_on_time": 1,
        "done_late": 1,
        "not_done": 1,
        "on_time_share": 0.333,
    }
    (room,) = summary["room_use"]
    # July 2026 has 23 working days of 7.5 open hours
    assert room["booked_hours"] == 3.0 and room["open_hours"] == 172.5
    assert room["share"] == round(3 / 172.5, 3)
    assert summary["mediation"]["applied"] == 0 and summary["sla_breaches"] == 0
    assert isinstance(summary["fairness"], list)


def _firm(name: str) -> int:
    firm = Firm(name=name)
    db.session.add(firm)
    db.session.commit()
    return firm.id
