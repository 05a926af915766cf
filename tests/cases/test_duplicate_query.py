"""The duplicate check at intake stays cheap: the database answers it from the
(enterprise_id, created_at) index, never by reading the whole case table."""

from datetime import timedelta

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.duplicates import possible_duplicates
from legaldesk.clock import utcnow
from legaldesk.db import db
from tests.helpers import statements_of


def test_the_duplicate_query_uses_the_enterprise_and_date_index(app, make, backend):
    case = make.case()
    clerk = make.user("coordinator")
    with app.app_context():
        actor = db.session.get(User, clerk.id)
        [(statement, parameters)] = statements_of(
            lambda: possible_duplicates(
                db.session, actor, utcnow(), 1, "拟向某国", 14, excluding=case.id + 1
            )
        )
        conn = db.session.connection()  # SQLite: the session holds the write lock
        if backend == "postgresql":  # a tiny table: make the planner show what it can use
            # statistics of this table as it is now, not as earlier tests on this
            # worker's database left it (stale ones once made it pick the date index)
            conn.exec_driver_sql("ANALYZE consultations, enterprises")
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = conn.exec_driver_sql("EXPLAIN " + statement, parameters).scalars().all()
        else:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            plan = [row[-1] for row in rows]
        db.session.rollback()
    text = "\n".join(plan)
    assert "SCAN consultations" not in text and "Seq Scan on consultations" not in text, text
    if backend == "sqlite":
        assert "ix_consultations_enterprise_created" in text, text
    else:  # on a one-row table PostgreSQL may as well walk the date index backwards
        assert "Index Scan" in text and "on consultations" in text, text


def test_the_window_is_counted_from_now(app, make):
    make.case(now=utcnow() - timedelta(days=1))
    with app.app_context():
        actor = db.session.scalar(sa.select(User))
        summary = "拟向某国出口前的法律风险咨询"
        found = possible_duplicates(db.session, actor, utcnow(), 1, summary, 14)
        assert len(found) == 1
