"""Each answered case's working hours (reports/working.py) stay equal to the Python
calendar's whatever writes the case, its advice or the calendar, and the report's
medians read off their counts equal the cases' own, on both engines."""

import statistics
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from legaldesk.cases.models import Advice, Consultation
from legaldesk.db import db
from legaldesk.reports import rollups, times
from legaldesk.reports.behind import Span
from legaldesk.reports.working_models import CaseWorkingTime
from legaldesk.workcal import service as workcal
from legaldesk.workcal.rules import working_hours_between
from tests.conftest import NOW, create_case, create_user

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), SHANGHAI).astimezone(UTC)


def _stored() -> dict[tuple[int, str], int]:
    rows = db.session.execute(
        sa.select(CaseWorkingTime.consultation_id, CaseWorkingTime.measure, CaseWorkingTime.tenths)
    ).all()
    return {(case_id, measure): tenths for case_id, measure, tenths in rows}


def _tenths(start: datetime, end: datetime, overrides: dict) -> int:
    return int(working_hours_between(start, end, SHANGHAI, overrides) * 10 + 0.5)


def test_acceptance_advice_and_their_corrections_are_stored(ctx):
    received = _at(date(2026, 9, 30), 16)  # the eve of the National Day holidays
    case, _ = create_case(now=received)
    assert _stored() == {}
    case.first_response_at = _at(date(2026, 10, 8), 9)
    db.session.flush()
    assert _stored() == {(case.id, "acceptance"): 20}  # 16:00-17:30, then 08:30-09:00
    advice = Advice(consultation_id=case.id, given_at=_at(date(2026, 10, 9), 10), opinion="x")
    db.session.add(advice)
    db.session.flush()
    assert _stored()[(case.id, "advice")] == _tenths(received, advice.given_at, {})
    earlier = Advice(consultation_id=case.id, given_at=_at(date(2026, 10, 8), 14), opinion="y")
    db.session.add(earlier)
    db.session.flush()
    assert _stored()[(case.id, "advice")] == _tenths(received, earlier.given_at, {})
    db.session.delete(earlier)
    db.session.delete(advice)
    db.session.flush()
    assert (case.id, "advice") not in _stored()
    case.first_response_at = None
    db.session.flush()
    assert _stored() == {}


def test_a_calendar_entry_recomputes_the_cases_answered_across_it(ctx):
    coordinator = create_user("coordinator")
    across, _ = create_case(now=_at(date(2026, 11, 2), 9))  # a Monday
    across.first_response_at = _at(date(2026, 11, 5), 9)
    before, _ = create_case(now=_at(date(2026, 11, 2), 9))
    before.first_response_at = _at(date(2026, 11, 2), 15)
    db.session.flush()
    assert _stored() == {(across.id, "acceptance"): 225, (before.id, "acceptance"): 45}
    workcal.set_day(db.session, coordinator, NOW, date(2026, 11, 3), working=False)
    db.session.flush()
    holiday = {date(2026, 11, 3): False}
    assert _stored() == {
        (across.id, "acceptance"): _tenths(across.created_at, across.first_response_at, holiday),
        (before.id, "acceptance"): 45,
    }
    assert _stored()[(across.id, "acceptance")] == 150
    workcal.remove_day(db.session, coordinator, NOW, date(2026, 11, 3))
    db.session.flush()
    assert _stored()[(across.id, "acceptance")] == 225


def test_the_working_medians_read_equal_the_cases_across_zone_days(ctx):
    """Cases received around the UTC and local midnights of a period's ends: the
    medians and 90th percentiles read off the counts equal those of the cases."""
    moments = [datetime(2026, 3, d, h, tzinfo=UTC) for d in (1, 2, 10, 31) for h in (0, 15, 17)]
    for n, moment in enumerate(moments):
        case, _ = create_case(now=moment)
        if n % 4:
            case.first_response_at = moment + timedelta(hours=n * 3.37, minutes=n)
            db.session.add(
                Advice(
                    consultation_id=case.id, given_at=moment + timedelta(days=n % 5), opinion="x"
                )
            )
    db.session.flush()
    for zone in ("Asia/Shanghai", "UTC", "America/New_York"):
        span = Span.of(date(2026, 3, 2), date(2026, 3, 31), ZoneInfo(zone))
        received = (Consultation.created_at >= span.low, Consultation.created_at < span.high)
        answered = db.session.scalars(
            sa.select(Consultation).where(*received, Consultation.first_response_at.is_not(None))
        ).all()
        hours = [_tenths(c.created_at, c.first_response_at, {}) / 10 for c in answered]
        figures = times.answer_times(rollups.duration_counts(db.session, span))
        accepted = figures["hours_to_acceptance"]
        assert accepted["count"] == len(answered), zone
        assert accepted["median"] == pytest.approx(round(statistics.median(hours), 1)), zone
        assert figures["hours_to_advice"]["count"] == len(answered), zone


def test_a_recount_computes_them_again(app):
    """`flask desk recount` computes every case's figures again (after a zone change
    or a hand edit), and leaves the triggers in place."""
    with app.app_context():
        case, _ = create_case(now=_at(date(2026, 7, 6), 9))
        case.first_response_at = _at(date(2026, 7, 6), 11)
        db.session.commit()
        case_id = case.id
        db.session.execute(sa.update(CaseWorkingTime).values(tenths=999))  # a hand edit
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["desk", "recount"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert _stored() == {(case_id, "acceptance"): 20}
        counted = db.session.execute(
            sa.text("SELECT tenths, cases FROM report_duration_days WHERE measure = 'acceptance'")
        ).all()
        assert [tuple(row) for row in counted if row[1]] == [(20, 1)]
