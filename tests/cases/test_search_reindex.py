"""The search index catches up with cases it does not know or knows wrongly:
`flask desk reindex`, and migration 0025 on a desk that already has cases."""

import sqlalchemy as sa
from flask_migrate import downgrade, stamp, upgrade

from legaldesk.cases.search_models import CaseSearch
from legaldesk.db import db


def found(api, query):
    return [
        item["reference"]
        for item in api.get("/consultations", query_string={"q": query}).json["items"]
    ]


def test_reindex_mends_missing_and_stale_entries(app, make, api_as):
    first = make.case(summary="商标被抢注")
    second = make.case(summary="海外仓纠纷")
    with app.app_context():
        kept = dict(
            db.session.execute(sa.select(CaseSearch.consultation_id, CaseSearch.tokens)).all()
        )
        db.session.execute(sa.delete(CaseSearch).where(CaseSearch.consultation_id == first.id))
        db.session.execute(
            sa.update(CaseSearch)
            .where(CaseSearch.consultation_id == second.id)
            .values(tokens="旧的")
        )
        db.session.commit()
    api = api_as("coordinator")
    assert found(api, "抢注") == [] and found(api, "海外仓") == []

    result = app.test_cli_runner().invoke(args=["desk", "reindex"])

    assert result.exit_code == 0, result.output
    assert "2 cases checked, 2 index entries written" in result.output
    assert found(api, "抢注") == [first.reference]
    assert found(api, "海外仓") == [second.reference]
    assert found(api, "旧的") == []
    with app.app_context():
        now = dict(
            db.session.execute(sa.select(CaseSearch.consultation_id, CaseSearch.tokens)).all()
        )
    assert {k: sorted(v.split()) for k, v in now.items()} == {
        k: sorted(v.split()) for k, v in kept.items()
    }
    again = app.test_cli_runner().invoke(args=["desk", "reindex"])
    assert "2 cases checked, 0 index entries written" in again.output


def test_the_command_is_listed(app):
    result = app.test_cli_runner().invoke(args=["desk", "--help"])
    assert "reindex" in result.output


SCHEMA = {
    "sqlite": "SELECT type, name, sql FROM sqlite_master "
    "WHERE tbl_name LIKE 'case_search%' AND sql IS NOT NULL ORDER BY name",
    "postgresql": "SELECT indexname, indexdef FROM pg_indexes "
    "WHERE tablename = 'case_search' ORDER BY indexname",
}


def test_migration_0025_indexes_the_cases_a_desk_has(app, make, api_as, backend):
    """On a desk with cases (built by create_all, as every test desk), the migration
    down and up again: the same FTS5 table, triggers and GIN index as the models
    make, and the cases already there are found."""
    case = make.case(summary="跨境电商平台封店")
    with app.app_context():
        with db.engine.connect() as conn:
            made_by_models = conn.exec_driver_sql(SCHEMA[backend]).all()
        stamp(revision="0025")
        downgrade(revision="0024")  # the desk before the index: no case_search at all
        assert "case_search" not in sa.inspect(db.engine).get_table_names()
        upgrade(revision="0025")
        with db.engine.begin() as conn:
            assert conn.exec_driver_sql(SCHEMA[backend]).all() == made_by_models
            conn.exec_driver_sql("DROP TABLE alembic_version")  # as the fixture made it
    names = {row[-2] for row in made_by_models}
    assert {"case_search_fts", "tr_case_search_update"} <= names or "ix_case_search_tokens" in names
    assert found(api_as("coordinator"), "封店") == [case.reference]
