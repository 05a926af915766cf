"""The follow-ups' loss and satisfaction sums stored per day (reports/followup_models)
equal a recount after any write, and the report's figures read off them equal the
follow-ups' own, confirmations in an account included, whatever the zone's days.
On both engines."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.followups.models import FollowUp, LossConfirmation
from legaldesk.reports import done_days, outcomes, rollups
from legaldesk.reports.behind import Span
from legaldesk.reports.followup_models import ReportFollowUpDay, ReportFollowUpDueDay
from tests.conftest import NOW, create_case


def _sums() -> set[tuple]:
    table = ReportFollowUpDay.__table__
    return {tuple(r) for r in db.session.execute(sa.select(table).where(table.c.done != 0))}


def _recounted() -> set[tuple]:
    nested = db.session.begin_nested()
    rollups.rebuild(db.session)
    found = _sums()
    nested.rollback()
    return found


def _followup(case_id: int, done_at: datetime | None, **values) -> FollowUp:
    followup = FollowUp(
        consultation_id=case_id,
        due_on=date(2026, 3, 1),
        channel="phone",
        created_at=NOW,
        done_at=done_at,
        **values,
    )
    db.session.add(followup)
    db.session.flush()
    return followup


def _expected(followups: list[FollowUp], span: Span) -> dict:
    """The figures as the report defines them, from the follow-ups themselves."""
    done = [f for f in followups if f.done_at and span.low <= f.done_at < span.high]
    online = by_staff = unconfirmed = 0
    for f in done:
        claim = f.loss_avoided_cny or 0
        if f.confirmation is not None:
            online += min(f.confirmation.amount_cny, claim) if f.loss_avoided_cny else 0
        elif f.confirmed_by_enterprise:
            by_staff += claim
        else:
            unconfirmed += claim
    rated = [f.satisfaction for f in done if f.satisfaction is not None]
    return {
        "loss_avoided_cny": online + by_staff,
        "loss_estimated_unconfirmed_cny": unconfirmed,
        "loss_claimed_cny": sum(f.loss_avoided_cny or 0 for f in done),
        "loss_confirmed_by_enterprise_cny": online,
        "loss_confirmed_by_staff_cny": by_staff,
        "satisfaction_avg": round(sum(rated) / len(rated), 2) if rated else None,
        "satisfaction_responses": len(rated),
        "satisfied_share": round(sum(s >= 4 for s in rated) / len(rated), 3) if rated else None,
    }


def test_the_sums_follow_every_write_and_read_as_the_followups(ctx):
    case, _ = create_case(now=NOW - timedelta(days=300))
    moments = [datetime(2026, 3, d, h, tzinfo=UTC) for d in (1, 2, 10, 31) for h in (0, 15, 17)]
    followups = []
    for n, moment in enumerate(moments):
        followups.append(
            _followup(
                case.id,
                moment,
                loss_avoided_cny=(n * 70_000 if n % 3 else None),
                confirmed_by_enterprise=bool(n % 2),
                satisfaction=(n % 5) + 1 if n % 4 else None,
            )
        )
    _followup(case.id, None, satisfaction=5)  # not done: counts nowhere
    assert _sums() == _recounted() and _sums()
    for n in (2, 4, 7):  # confirmed in the enterprise's account: below, at, above the claim
        followups[n].confirmation = LossConfirmation(
            consultation_id=case.id,
            confirmed_at=followups[n].done_at,
            amount_cny=(n - 4) * 70_000 + followups[n].loss_avoided_cny,
            claimed_cny=followups[n].loss_avoided_cny,
            satisfaction=4,
        )
    followups[5].loss_avoided_cny = 1_234  # a correction
    followups[6].done_at = followups[6].done_at + timedelta(days=3)  # moved
    followups[8].satisfaction = None
    db.session.delete(followups[9])
    db.session.flush()
    followups.pop(9)
    assert _sums() == _recounted()
    for zone in ("Asia/Shanghai", "UTC", "America/New_York", "Asia/Kathmandu"):
        span = Span.of(date(2026, 3, 2), date(2026, 3, 31), ZoneInfo(zone))
        assert outcomes.loss_and_satisfaction(db.session, span) == _expected(followups, span), zone


@pytest.mark.parametrize("rated", [0, 3])
def test_a_period_with_no_answer_has_no_average(ctx, rated):
    case, _ = create_case(now=NOW)
    for _ in range(rated):
        _followup(case.id, NOW, satisfaction=2)
    span = Span.of(NOW.date() - timedelta(days=1), NOW.date(), ZoneInfo("Asia/Shanghai"))
    figures = outcomes.loss_and_satisfaction(db.session, span)
    assert figures["satisfaction_responses"] == rated
    assert figures["satisfaction_avg"] == (2.0 if rated else None)
    assert figures["satisfied_share"] == (0.0 if rated else None)


def test_done_on_time_counts_the_desks_day_it_was_done(ctx):
    """Done at 23:30 in Shanghai on the due day is on time, at 00:30 the next day late
    (15:30 and 16:30 UTC): the day done on is the desk's, kept by the session."""
    case, _ = create_case(now=NOW - timedelta(days=30))
    due = date(2026, 3, 10)
    moments = [
        datetime(2026, 3, 10, 15, 30, tzinfo=UTC),  # 23:30 on the due day
        datetime(2026, 3, 10, 16, 30, tzinfo=UTC),  # 00:30 the day after
        datetime(2026, 3, 9, 16, 30, tzinfo=UTC),  # 00:30 on the due day
        None,  # not done
    ]
    followups = [_followup(case.id, at) for at in moments]
    for f in followups:
        f.due_on = due
    db.session.flush()
    assert [f.done_on for f in followups] == [due, date(2026, 3, 11), due, None]
    span = Span.of(date(2026, 3, 1), date(2026, 3, 31), ZoneInfo("Asia/Shanghai"))
    figures = outcomes.followups_on_time(db.session, span)
    assert figures == {
        "due": 4,
        "done_on_time": 2,
        "done_late": 1,
        "not_done": 1,
        "on_time_share": 0.5,
    }
    followups[1].done_at = None  # a hand correction: no longer done
    followups[3].done_at = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)  # done, on time
    db.session.flush()
    assert [f.done_on for f in followups] == [due, None, due, due]
    assert outcomes.followups_on_time(db.session, span)["done_on_time"] == 3
    assert _recounted_due() == _due_days()
    outside = Span.of(date(2026, 3, 11), date(2026, 3, 31), ZoneInfo("Asia/Shanghai"))
    assert outcomes.followups_on_time(db.session, outside)["due"] == 0


def _due_days() -> set[tuple]:
    table = ReportFollowUpDueDay.__table__
    return {tuple(r) for r in db.session.execute(sa.select(table).where(table.c.due != 0))}


def _recounted_due() -> set[tuple]:
    nested = db.session.begin_nested()
    done_days.rebuild(db.session, ZoneInfo("Asia/Shanghai"))
    found = _due_days()
    nested.rollback()
    return found
