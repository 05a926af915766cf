"""The case search reads the search index, never the whole case table: SQLite walks
its FTS5 table in the order of the page (newest first) and stops after the page;
PostgreSQL asks the GIN index. A search that nothing else narrows is counted in the
index alone, without looking up each matching case."""

import pytest

from legaldesk.auth.models import User
from legaldesk.cases import listing
from legaldesk.clock import utcnow
from legaldesk.db import db
from tests.helpers import statements_of


def _plan(backend, statement, parameters, walks=True):
    """The plan; on PostgreSQL without sequential scans (tiny tables: the planner
    shows what it can use), and with ``walks=False`` without walking a b-tree either
    (a one-row table is as cheap to walk as to look up: the GIN index must be usable)."""
    conn = db.session.connection()  # SQLite: the session holds the write lock
    if backend == "postgresql":
        conn.exec_driver_sql("ANALYZE consultations, case_search")
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql(f"SET LOCAL enable_indexscan = {'on' if walks else 'off'}")
        return "\n".join(conn.exec_driver_sql("EXPLAIN " + statement, parameters).scalars())
    rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
    return "\n".join(row[-1] for row in rows)


@pytest.mark.parametrize("query", ["合同", "货款纠纷", "yhwl", "LD-2026"])
def test_the_search_reads_the_index(app, make, backend, query):
    make.case(summary="合同项下的货款纠纷")  # every query finds it: the page is read
    coordinator = make.user("coordinator")
    with app.app_context():
        actor = db.session.get(User, coordinator.id)
        filters = listing.CaseFilters(q=query)
        statements = statements_of(
            lambda: listing.list_cases(db.session, actor, utcnow(), filters), "SELECT"
        )
        (page,) = [s for s in statements if "LIMIT" in s[0] and "ORDER BY" in s[0]]
        (total,) = [s for s in statements if "count(" in s[0]]
        plans = [_plan(backend, *page), _plan(backend, *total, walks=False)]
        db.session.rollback()
    for plan in plans:
        assert "SCAN consultations" not in plan and "Seq Scan on consultations" not in plan, plan
        if backend == "sqlite":
            assert "SCAN case_search_fts VIRTUAL TABLE" in plan, plan
    assert "consultations" not in plans[1], plans[1]  # the count: the index alone
    if backend == "sqlite":  # the page comes in the FTS table's order: nothing is sorted
        assert "SEARCH consultations USING INTEGER PRIMARY KEY" in plans[0], plans[0]
        assert "TEMP B-TREE" not in plans[0], plans[0]
    else:
        assert "Bitmap Index Scan on ix_case_search_tokens" in plans[1], plans[1]
