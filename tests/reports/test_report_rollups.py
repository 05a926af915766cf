"""The report's stored counts (reports/rollup_models.py) are kept by the database on
every write of a case, and always equal a recount from the cases; the report read
from them equals the cases counted directly, whatever the zone's day boundaries.
On both engines."""

import statistics
import threading
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legaldesk.cases import correction
from legaldesk.cases.models import Consultation, ConsultationCountry
from legaldesk.cases.service import transition
from legaldesk.db import db
from legaldesk.reports import counts, done_days, rollups, working
from legaldesk.reports.behind import Span
from legaldesk.reports.duration_models import ReportDurationDay
from legaldesk.reports.followup_models import ReportFollowUpDay, ReportFollowUpDueDay
from legaldesk.reports.rollup_models import ReportCountryDay, ReportDay, ReportLawyerDay
from legaldesk.reports.rules import histogram_quantiles
from legaldesk.reports.working_models import CaseWorkingTime
from legaldesk.workcal import service as workcal
from legaldesk.zone import desk_zone
from tests.conftest import NOW, create_case, create_lawyer, create_user

# The counts, and each case's working hours (working_models) the durations count.
STORED = (
    ReportDay,
    ReportLawyerDay,
    ReportCountryDay,
    ReportDurationDay,
    ReportFollowUpDay,
    ReportFollowUpDueDay,
    CaseWorkingTime,
)


def stored() -> dict[str, set]:
    """Every stored count that is not zero, and every stored working time."""
    found = {}
    for model in STORED:
        table = model.__table__
        kept = sa.select(table)
        count = table.c.get("cases", table.c.get("due", table.c.get("done")))
        rows = db.session.execute(kept.where(count != 0) if count is not None else kept)
        found[table.name] = {tuple(row) for row in rows}
    return found


def recounted() -> dict[str, set]:
    """What a recount from the cases stores (rolled back afterwards)."""
    nested = db.session.begin_nested()
    rollups.rebuild(db.session)
    working.rebuild(db.session, desk_zone(), workcal.overrides(db.session))
    done_days.rebuild(db.session, desk_zone())
    found = stored()
    nested.rollback()
    return found


def test_intakes_transitions_corrections_and_withdrawals_keep_the_counts(ctx):
    intake = create_user("intake")
    lawyer = create_lawyer()
    cases = [
        create_case(intake, now=NOW - timedelta(hours=hours), countries=countries)[0]
        for hours, countries in ((1, ["KZ"]), (30, ["US", "RU"]), (30, ["CN"]), (900, []))
    ]
    assert stored() == recounted() and stored()["report_days"]
    cases[0].assignee_id = lawyer.id
    transition(db.session, intake, NOW, cases[1], "withdrawn")
    correction.correct_case(db.session, create_user("admin"), NOW, cases[2], {"countries": ["hk"]})
    correction.correct_case(
        db.session, create_user("admin"), NOW, cases[3], {"category": "trade_remedies"}
    )
    db.session.flush()
    assert stored() == recounted()
    cases[0].created_at = NOW - timedelta(days=3)  # a hand edit of the moment
    db.session.flush()
    assert stored() == recounted()
    cases[0].first_response_at = NOW - timedelta(days=2, hours=5, minutes=3)  # answered
    db.session.flush()
    assert stored() == recounted() and stored()["report_duration_days"]
    cases[0].created_at = NOW - timedelta(days=4, minutes=13)  # its answer took longer
    db.session.flush()
    assert stored() == recounted()
    db.session.delete(cases[1])
    db.session.flush()
    assert stored() == recounted()


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["status", "category", "lawyer", "day", "answer", "countries", "delete"]
            ),
            st.integers(0, 5),
            st.integers(0, 3),
        ),
        max_size=12,
    )
)
def test_any_mix_of_writes_leaves_counts_equal_to_a_recount(ctx, writes):
    """Writes straight to the tables (as a SQL shell or a later feature would): the
    triggers count them all."""
    lawyer_ids = [create_lawyer().id, create_lawyer().id, None]
    cases = [
        create_case(now=NOW - timedelta(hours=20 * n), countries=["KZ", "US"][: n % 3])[0]
        for n in range(6)
    ]
    for what, which, value in writes:
        case = cases[which]
        if case is None:
            continue
        if what == "status":
            case.status = ["new", "routed", "accepted", "closed"][value]
        elif what == "category":
            case.category_code = ["other", "export_control", "overseas_ip", "other"][value]
            case.foreign_related, case.hk_mo_tw = bool(value % 2), value > 1
        elif what == "lawyer":
            case.assignee_id = lawyer_ids[value % 3]
        elif what == "day":
            case.created_at = case.created_at - timedelta(hours=7 * value)
        elif what == "answer":  # answered (again), or the answer taken back
            answered = case.created_at + timedelta(minutes=47 * value)
            case.first_response_at = answered if value else None
        elif what == "countries":
            db.session.execute(
                sa.delete(ConsultationCountry).where(ConsultationCountry.consultation_id == case.id)
            )
            for country in ["FR", "DE", "JP"][:value]:
                db.session.add(ConsultationCountry(consultation_id=case.id, country=country))
        else:
            db.session.delete(case)
            cases[which] = None
        db.session.flush()
        db.session.expire_all()
    assert stored() == recounted()


def test_the_counts_read_equal_the_cases_counted_across_zone_days(ctx):
    """A period's edges fall inside UTC days (16:00 UTC in Shanghai): those hours are
    counted from the cases, the whole days from the stored rows."""
    lawyer = create_lawyer()
    moments = [datetime(2026, 3, d, h, tzinfo=UTC) for d in (1, 2, 10, 31) for h in (0, 15, 17)]
    for n, moment in enumerate(moments):
        case, _ = create_case(now=moment, countries=["KZ"] if n % 2 else ["US", "RU"])
        case.assignee_id = lawyer.id if n % 3 else None
    db.session.flush()
    for zone in ("Asia/Shanghai", "UTC", "America/New_York", "Asia/Kathmandu"):
        span = Span.of(date(2026, 3, 2), date(2026, 3, 31), ZoneInfo(zone))
        received = (Consultation.created_at >= span.low, Consultation.created_at < span.high)
        direct = db.session.scalars(sa.select(Consultation).where(*received)).all()
        figures = counts.cases(rollups.case_rows(db.session, span))
        assert figures["consultations"] == len(direct), zone
        assert figures["by_region"]["domestic"] == sum(
            not c.foreign_related and not c.hk_mo_tw for c in direct
        )
        assert figures["by_status"] == {"new": len(direct)} if direct else {}
        assert counts.by_country(db.session, span) == dict(
            sorted(
                (code, sum(code in c.country_codes for c in direct))
                for code in {code for c in direct for code in c.country_codes}
            )
        )
        mine = [line for line in counts.by_lawyer(db.session, span) if line["id"] == lawyer.id]
        held = sum(c.assignee_id == lawyer.id for c in direct)
        assert (mine[0]["consultations"] if mine else 0) == held


def test_two_intakes_at_once_lose_no_count(app):
    """Writers on connections of their own, each adding cases of the same day and
    kind at the same time: the upsert adds up, none is lost."""
    with app.app_context():
        create_case(now=NOW)  # a row to add to, and the enterprise and contact
        template = db.session.execute(sa.select(Consultation.__table__).limit(1)).mappings().one()
        engine = db.engine
    each, errors = 15, []
    barrier = threading.Barrier(2)

    def writer(offset: int) -> None:
        try:
            barrier.wait()
            for n in range(each):
                row = {**template, "id": 1000 + offset * 100 + n}
                row["reference"] = f"LD-2026-T{offset}{n:04d}"
                row["intake_key"] = None
                with engine.begin() as conn:
                    conn.execute(sa.insert(Consultation.__table__).values(**row))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with app.app_context():
        total = db.session.scalar(
            sa.select(sa.func.sum(ReportDay.cases)).where(ReportDay.dimension == "status")
        )
        assert total == 1 + 2 * each
        assert stored() == recounted()


def test_a_bulk_seeding_counts_its_cases_once(app):
    """The seed turns the triggers off for each batch and adds the batch's counts in
    one go: the counts equal a recount, and a case written after counts again."""
    from legaldesk.demo.seed import seed

    with app.app_context():
        seed(db.session, NOW, 120, seed_value=3, batch_size=50)
        db.session.commit()
        assert stored() == recounted()
        create_case(now=NOW)
        assert stored() == recounted()
        assert db.session.scalar(
            sa.select(sa.func.sum(ReportDay.cases)).where(ReportDay.dimension == "status")
        ) == db.session.scalar(sa.select(sa.func.count()).select_from(Consultation))


def test_the_response_median_read_equals_the_cases_across_zone_days(ctx):
    """The median hours to first response from the stored counts equals the median
    of the period's cases themselves (each at its hours to the tenth), whatever the
    zone's day boundaries."""
    moments = [datetime(2026, 3, d, h, tzinfo=UTC) for d in (1, 2, 10, 31) for h in (0, 15, 17)]
    for n, moment in enumerate(moments):
        case, _ = create_case(now=moment)
        if n % 4:
            case.first_response_at = moment + timedelta(hours=n * 1.37, minutes=n)
    db.session.flush()
    for zone in ("Asia/Shanghai", "UTC", "America/New_York", "Asia/Kathmandu"):
        span = Span.of(date(2026, 3, 2), date(2026, 3, 31), ZoneInfo(zone))
        received = (Consultation.created_at >= span.low, Consultation.created_at < span.high)
        answered = db.session.scalars(
            sa.select(Consultation).where(*received, Consultation.first_response_at.is_not(None))
        ).all()
        tenths = [
            int((c.first_response_at - c.created_at).total_seconds() / 360 + 0.5) / 10
            for c in answered
        ]
        counted = rollups.duration_counts(db.session, span).get("response", {})
        assert sum(counted.values()) == len(answered), zone
        _, (median,) = histogram_quantiles(counted, (0.5,), 0.1)
        assert median == pytest.approx(statistics.median(tenths)), zone
