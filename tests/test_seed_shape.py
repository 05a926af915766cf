"""`flask desk seed` (issue 14 item 4): bulk rows by each driver's quickest path, and
still a believable desk for the benchmarks: cases over two years in every status,
each with the timeline of its path, a lawyer from routing on, 涉外 and 涉港澳台 flags
as the desk decides them, follow-ups, closing codes; the tables' constraints and
indexes and the connection's settings as they were; ids that continue."""

from __future__ import annotations

import json
import random
import shutil
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from stdnum.cn import uscc as uscc_std

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import Consultation, ConsultationCountry
from legaldesk.cases.region_rules import is_foreign_related, names_hk_mo_tw
from legaldesk.cases.rules import NEEDS_ASSIGNEE, STATUSES
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.demo import LOGISTICS_REFERENCE, seed_rows
from legaldesk.demo.seed import seed
from legaldesk.enterprises.models import Contact, Enterprise
from legaldesk.enterprises.rules import name_initials
from legaldesk.followups.models import FollowUp
from legaldesk.routing.models import Lawyer
from tests.conftest import count, dummy_intake, fresh_sqlite_app
from tests.test_cli import run


def test_names_initials_from_their_parts_are_pypinyin_s():
    factory = seed_rows.CaseFactory(
        random.Random(5),
        utcnow(),
        str,
        [("other", False)],
        ["A"],
        seed_rows.Assigner([]),
        0,
        ZoneInfo("Asia/Shanghai"),
    )
    for _ in range(150):
        name, initials = factory.enterprise_name()
        assert initials == name_initials(name), name


def test_credit_codes_and_references_are_what_the_desk_computes():
    rng = random.Random(2)
    for _ in range(200):
        body = f"91330{rng.randrange(100, 1000)}{rng.randrange(10**9):09d}"
        assert seed_rows.uscc(body) == body + uscc_std.calc_check_digit(body)

    def by_loop(number: int) -> str:  # the seed's first way: base 32, five digits at least
        digits = ""
        while True:
            number, rest = divmod(number, 32)
            digits = seed_rows.codes.ALPHABET[rest] + digits
            if number == 0:
                return "S" + digits.rjust(5, "0")

    edges = [1, 31, 32, 1023, 1024, 2**20 - 1, 2**20, 2**25 - 1, 2**25, 5_000_000, 40_000_000]
    for number in edges + [rng.randrange(1, 2**26) for _ in range(300)]:
        assert seed_rows.reference_suffix(number) == by_loop(number), number


def _schema(engine: sa.Engine) -> dict[str, object]:
    """Each seeded table's foreign keys and indexes, as the database reports them."""
    inspector = sa.inspect(engine)
    return {
        table: (
            sorted(str(sorted(fk.items())) for fk in inspector.get_foreign_keys(table)),
            sorted(str(sorted(ix.items())) for ix in inspector.get_indexes(table)),
        )
        for table in seed_rows.COLUMNS
    }


def _settings(engine: sa.Engine) -> dict[str, object]:
    """The SQLite settings of the pool's connection (the one the load used)."""
    if engine.dialect.name != "sqlite":
        return {}
    with engine.connect() as connection:
        return {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("cache_size", "wal_autocheckpoint", "synchronous", "journal_mode")
        }


def _check_shape(first_case: int, last_case: int) -> None:
    """Every seeded case is one the desk could have made."""
    now = utcnow()
    cases = db.session.scalars(
        sa.select(Consultation)
        .where(Consultation.id.between(first_case, last_case))
        .options(selectinload(Consultation.timeline), selectinload(Consultation.countries))
        .order_by(Consultation.id)
    ).all()
    assert len(cases) == last_case - first_case + 1
    assert {case.status for case in cases} == set(STATUSES)
    lawyers = set(db.session.scalars(sa.select(Lawyer.id)))
    followups = {f.consultation_id: f for f in db.session.scalars(sa.select(FollowUp))}
    for case in cases:
        assert now - timedelta(days=731) < case.created_at <= case.updated_at <= now
        # A lawyer from routing on (a case withdrawn before it was routed has none).
        routed = any(e.to_status == "routed" for e in case.timeline)
        assert (case.assignee_id is not None) == routed, case.status
        assert case.assignee_id is None or case.assignee_id in lawyers
        if case.status in NEEDS_ASSIGNEE:
            assert case.assignee_id is not None
        assert (case.closing_code is not None) == (case.status == "closed")
        codes = case.country_codes
        assert case.foreign_related == is_foreign_related(codes, [])
        assert case.hk_mo_tw == names_hk_mo_tw(codes)
        steps = [(e.from_status, e.to_status) for e in case.timeline]
        assert steps[0] == (None, "new") and steps[-1][1] == case.status
        assert all(a[1] == b[0] for a, b in zip(steps, steps[1:], strict=False))
        times = [e.at for e in case.timeline]
        assert times == sorted(times) and times[0] == case.created_at
        assert times[-1] == case.updated_at
        accepted = [e.at for e in case.timeline if e.to_status == "accepted"]
        assert case.first_response_at == (accepted[0] if accepted else None)
        followup = followups.get(case.id)
        assert (followup is not None) == (case.status in ("following_up", "closed"))
        if followup is not None:
            assert followup.lawyer_id == case.assignee_id and followup.done_at <= now
        assert "合成数据" in case.description
    # Later ids were taken in later: ids follow the intake time, as on a real desk.
    created = [case.created_at for case in cases]
    assert created == sorted(created)
    assert any(case.hk_mo_tw for case in cases) and any(case.foreign_related for case in cases)
    enterprises = db.session.scalars(
        sa.select(Enterprise).where(Enterprise.id.in_({case.enterprise_id for case in cases}))
    ).all()
    for enterprise in enterprises[:40]:
        assert enterprise.name_initials == name_initials(enterprise.name)
        assert uscc_std.is_valid(enterprise.uscc)
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(sa.text("PRAGMA foreign_key_check")).all() == []
    db.session.rollback()  # SQLite: let other connections write


def test_seed_on_an_empty_desk_makes_a_believable_desk(app):
    with app.app_context():
        before = _schema(db.engine)
    result = run(app, "seed", "--cases", "300", "--seed", "4")
    assert result.exit_code == 0, result.output
    assert "seeding consultations" in result.output
    with app.app_context():
        # The desk had no lawyers: the demo's directory came first, to assign from.
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Lawyer)) > 10
        _check_shape(1, 300)
        assert _schema(db.engine) == before
        entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "seed")).one()
        assert json.loads(entry.detail) == {"cases": 300, "ids": [1, 300]}


def test_seed_onto_the_demo_twice_adds_and_restores_everything(app, api_as):
    """Benchmarks and a training desk need the demo plus volume: seed adds, never clashes."""
    assert run(app, "demo").exit_code == 0
    with app.app_context():
        before = _schema(db.engine), _settings(db.engine)
        counts = {model: count(model) for model in (Consultation, Enterprise, Contact, Lawyer)}
        demo_refs = set(db.session.scalars(sa.select(Consultation.reference)))
        demo_usccs = set(db.session.scalars(sa.select(Enterprise.uscc)))
        last_demo = db.session.scalar(sa.select(sa.func.max(Consultation.id)))
        db.session.rollback()
    result = run(app, "seed", "--cases", "250", "--seed", "1")
    assert result.exit_code == 0, result.output
    with app.app_context():
        sizes: list[int] = []  # the same seed again adds again
        seed(db.session, utcnow(), 250, 1, progress=sizes.append, batch_size=100)
        db.session.commit()
        assert sizes == [100, 100, 50]
        assert count(Consultation) == counts[Consultation] + 500
        assert count(Enterprise) == counts[Enterprise] + 100
        assert count(Contact) == counts[Contact] + 100
        # The demo's lawyers take the cases: no directory added beside them.
        assert count(Lawyer) == counts[Lawyer]
        refs = set(db.session.scalars(sa.select(Consultation.reference)))
        usccs = set(db.session.scalars(sa.select(Enterprise.uscc)))
        assert demo_refs <= refs and len(refs) == counts[Consultation] + 500
        assert demo_usccs <= usccs and len(usccs) == counts[Enterprise] + 100
        _check_shape(last_demo + 1, last_demo + 250)
        _check_shape(last_demo + 251, last_demo + 500)
        # The tables' keys and indexes are as they were, and the load's settings (SQLite)
        # were its own connection's for the load only.
        assert (_schema(db.engine), _settings(db.engine)) == before
        # The foreign keys are back and hold (PostgreSQL dropped them for the load).
        with pytest.raises(sa.exc.IntegrityError):
            db.session.add(ConsultationCountry(consultation_id=10**9, country="US"))
            db.session.flush()
        db.session.rollback()
    # The demo still works beside the seeded cases, and new intakes get fresh ids.
    api = api_as("coordinator")
    assert api.get(f"/consultations/{LOGISTICS_REFERENCE}").status_code == 200
    assert api.post("/consultations", json=dummy_intake()).status_code == 201
    assert run(app, "audit-verify").exit_code == 0


def test_seeded_rows_are_in_the_database_file_when_the_seed_returns(tmp_path):
    """Durable, not only committed: the load's write-ahead log is checkpointed (with a
    sync) into the database file, so the file alone, without the log, holds every
    seeded case: what a power cut could leave of a log not yet synced."""
    app = fresh_sqlite_app(tmp_path)
    with app.app_context():
        seed(db.session, utcnow(), 120, 9)
        db.session.commit()
        path = db.engine.url.database
    copy = tmp_path / "file-alone.sqlite3"
    shutil.copyfile(path, copy)
    engine = sa.create_engine(f"sqlite:///{copy}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM consultations").scalar() == 120
    engine.dispose()
