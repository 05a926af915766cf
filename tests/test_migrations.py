"""The Alembic head builds exactly the schema the models describe, on every database."""

import os
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from legaldesk import create_app
from legaldesk.cases.search_models import not_in_models
from legaldesk.db import db
from legaldesk.zone import desk_zone
from tests.conftest import PG_URL, desk_config
from tests.helpers import drop_database


@pytest.fixture(params=["sqlite"] + (["postgresql"] if PG_URL else []))
def empty_database(request, tmp_path):
    """A brand-new database: a file for SQLite, a fresh database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    name = f"legaldesk_mig_{uuid.uuid4().hex[:8]}"
    server = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield str(sa.make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
    drop_database(server, name)
    server.dispose()


def test_head_matches_models_and_downgrade_works(empty_database):
    app = create_app(desk_config(empty_database))
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            opts = {"compare_type": True, "include_name": not_in_models}
            diff = compare_metadata(MigrationContext.configure(conn, opts=opts), db.metadata)
            categories = conn.exec_driver_sql("SELECT count(*) FROM categories").scalar()
            closing = conn.exec_driver_sql("SELECT count(*) FROM closing_codes").scalar()
        assert diff == [], diff
        assert categories == 12 and closing == 10
        downgrade(revision="base")
        with db.engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
        assert tables == set()
        db.engine.dispose()


def test_make_run_path_upgrades_and_loads_demo(tmp_path):
    """What `make run` does before serving: upgrade, then demo when empty."""
    app = create_app(desk_config(f"sqlite:///{tmp_path / 'run.sqlite3'}"))
    runner = app.test_cli_runner()
    with app.app_context():
        upgrade()
    result = runner.invoke(args=["desk", "demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    # 30 in every stage, 3 open to claim, 1 filed under a since retired category,
    # 2 涉港澳台
    assert "36 consultations" in result.output
    assert os.path.exists(tmp_path / "run.sqlite3")


def test_a_desk_with_data_migrates_down_and_up(empty_database):
    """A live desk upgrades too: SQLite's batch rebuilds of referenced tables (rooms,
    lawyers) must not trip its foreign keys, and nothing is lost or left dangling."""
    from legaldesk.clock import utcnow
    from legaldesk.demo import load_demo

    app = create_app(desk_config(empty_database))
    with app.app_context():
        upgrade()
        load_demo(db.session, utcnow(), desk_zone())
        db.session.commit()
        db.session.remove()
        downgrade(revision="0005")
        upgrade()
        with db.engine.connect() as conn:
            cases = conn.exec_driver_sql("SELECT count(*) FROM consultations").scalar()
            rooms = conn.exec_driver_sql("SELECT count(*) FROM rooms").scalar()
            bookings = conn.exec_driver_sql("SELECT count(*) FROM bookings").scalar()
            answered = conn.exec_driver_sql(
                "SELECT count(*) FROM consultations WHERE first_response_at IS NOT NULL"
            ).scalar()
            timed = dict(
                conn.exec_driver_sql(
                    "SELECT measure, sum(cases) FROM report_duration_days GROUP BY measure"
                ).all()
            )
            advised = conn.exec_driver_sql(
                "SELECT count(DISTINCT consultation_id) FROM case_advice"
            ).scalar()
            if conn.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (cases, rooms) == (36, 5) and bookings > 0
        # 0033 and 0034 counted the answers already there
        assert answered and timed == {
            "response": answered,
            "acceptance": answered,
            "advice": advised,
        }
        db.engine.dispose()


def test_upgrading_seals_a_plain_chain_only_when_it_holds(empty_database, tmp_path, capfd):
    """The sealing migration checks the old plain-hash chain before sealing it anew, and
    its downgrade writes a plain chain back that the upgrade accepts again."""
    from legaldesk.clock import utcnow
    from legaldesk.demo import load_demo
    from tests.conftest import checkpoints_in

    app = create_app({**desk_config(empty_database), **checkpoints_in(tmp_path)})
    before_sealing = "0012-1"
    with app.app_context():
        upgrade()
        load_demo(db.session, utcnow(), desk_zone())
        db.session.commit()
        db.session.remove()
        downgrade(revision=before_sealing)
        upgrade()
    verified = app.test_cli_runner().invoke(args=["desk", "audit-verify"])
    assert verified.exit_code == 0, verified.output
    with app.app_context():
        downgrade(revision=before_sealing)
        with db.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE audit_entries SET actor = 'x:y' WHERE seq = 2")
        with pytest.raises(SystemExit):  # Flask-Migrate logs the error, then exits 1
            upgrade()
        db.engine.dispose()
    assert "audit chain broken at entry seq=2" in capfd.readouterr().err


def test_japanese_company_forms_are_keyed_again_on_upgrade(empty_database):
    """0032: a party written with 株式会社 before it had the form in its key (a
    conflict check missed its earlier cases); upgraded, it has the key the code gives."""
    from legaldesk.partykey import normalise_party

    app = create_app(desk_config(empty_database))
    with app.app_context():
        upgrade(revision="0031")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO enterprises (name, uscc, party_key, name_initials, created_at) "
                "VALUES ('株式会社日立製作所', '91330105MA2H00010X', '株式会社日立制作所', "
                "'', '2026-11-01 00:00:00'), "
                "('杭州远航物流有限公司', '91330105MA2H00029A', '杭州远航物流', "
                "'', '2026-11-01 00:00:00')"
            )
        upgrade()
        with db.engine.connect() as conn:
            keys = conn.exec_driver_sql("SELECT name, party_key FROM enterprises").fetchall()
        assert dict(keys) == {
            "株式会社日立製作所": normalise_party("日立制作所"),
            "杭州远航物流有限公司": "杭州远航物流",
        }
        db.engine.dispose()
