"""Review finding 1: a report of a long period neither holds SQLite's write lock while
it reads (a clerk's intake goes through meanwhile) nor takes long to compute."""

import threading
import time
from datetime import timedelta

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from tests.conftest import NOW

LONG = "from=2000-01-01&to=2999-12-31"


def _paused_report(app, path, headers=None, client=None):
    """Start ``path`` in another thread and hold it after its first query on the
    cases, mid-read; answers (thread, release, result box)."""
    reading, release, box = threading.Event(), threading.Event(), {}
    with app.app_context():
        engine = db.engine

    def pause(_conn, _cursor, statement, *_args):
        mine = threading.current_thread() is worker and "consultations" in statement
        if mine and not reading.is_set():
            reading.set()
            release.wait(20)

    def run():
        box["response"] = (client or app.test_client()).get(path, headers=headers or {})

    worker = threading.Thread(target=run)
    sa.event.listen(engine, "after_cursor_execute", pause)
    worker.start()
    assert reading.wait(20), "the report never read the cases"
    return worker, release, box, lambda: sa.event.remove(engine, "after_cursor_execute", pause)


def _write_promptly(make, clerk) -> float:
    done: dict = {}

    def write():
        started = time.monotonic()
        make.case(clerk)
        done["seconds"] = time.monotonic() - started

    writer = threading.Thread(target=write)
    writer.start()
    writer.join(5)
    return done.get("seconds", 99.0)


def test_an_intake_goes_through_while_a_long_report_reads(app, make, api_as):
    clerk = make.user("intake")
    make.case(clerk)
    api = api_as("coordinator")
    worker, release, box, stop = _paused_report(app, "/api/v1/reports/summary?" + LONG, api.headers)
    try:
        assert _write_promptly(make, clerk) < 3
    finally:
        release.set()
        worker.join(30)
        stop()
    assert box["response"].status_code == 200


def test_an_export_reads_without_the_lock_and_is_still_audited(app, make, client, login):
    clerk = make.user("intake")
    make.case(clerk)
    login("coordinator")
    worker, release, box, stop = _paused_report(app, "/reports/export.csv?" + LONG, client=client)
    try:
        assert _write_promptly(make, clerk) < 3
    finally:
        release.set()
        worker.join(30)
        stop()
    assert box["response"].status_code == 200
    with app.app_context():
        entries = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "report.export")
        ).all()
        assert [e.object_id for e in entries] == ["2000-01-01/2999-12-31"]


def test_a_report_of_a_thousand_years_is_quick(make, api_as):
    clerk = make.user("intake")
    for days in (0, 400, 4000):
        case = make.case(clerk, now=NOW - timedelta(days=days))

        def answer(case=case, days=days):
            db.session.get(Consultation, case.id).first_response_at = NOW - timedelta(
                days=days, hours=-3
            )
            db.session.commit()

        make.run(answer)
    api = api_as("coordinator")
    started = time.monotonic()
    summary = api.get("/reports/summary?" + LONG)
    assert summary.status_code == 200 and summary.json["consultations"] == 3
    assert summary.json["hours_to_acceptance"]["count"] == 3
    assert time.monotonic() - started < 3


def test_the_clock_on_some_days_reads_as_the_whole_clock():
    from datetime import date

    from legaldesk.reports import rules

    holiday = {date(2026, 5, 4): False, date(2026, 5, 9): True}
    whole = {
        n: (b, w) for n, b, w in rules.working_clock(date(2025, 12, 30), date(2027, 1, 5), holiday)
    }
    days = [
        date(2025, 12, 30),
        date(2026, 1, 1),
        date(2026, 5, 4),
        date(2026, 5, 9),
        date(2027, 1, 5),
    ]
    first = whole[(days[0] - rules.EPOCH_DAY).days][0]
    for number, before, working in rules.clock_on_days(days, holiday):
        assert (before + first, working) == whole[number]
