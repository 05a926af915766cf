"""Synthetic bulk data for benchmarks (`flask desk seed --cases N`).

Rows are written in bulk, not through the intake service: a million consultations
through the service (and its audit chain) would take hours. The seeded cases get
unusable access codes, and one audit entry records the seeding.

Three steps: ``_prepare`` reads what the rows refer to (categories, closing codes,
the lawyers; the demo's directory when the desk has none) and the first free ids;
the load writes batches of tuples (``seed_rows``) by the driver's quickest path
(``bulk``), the progress bar moving after each; then whatever runs once over all
the new cases (the place is marked in ``seed``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from legaldesk.audit import service as audit
from legaldesk.cases import search
from legaldesk.cases.catalog import ensure_reference_data
from legaldesk.cases.models import Category, ClosingCode, Consultation
from legaldesk.db import DbSession, advance_id_sequences
from legaldesk.demo.bulk import bulk_load
from legaldesk.demo.directory import ensure_directory
from legaldesk.demo.seed_rows import COLUMNS, Assigner, Batch, CaseFactory, LawyerInfo
from legaldesk.enterprises.models import Contact, Enterprise
from legaldesk.reports import rollups, working
from legaldesk.routing.models import Lawyer
from legaldesk.routing.pool import open_case_counts
from legaldesk.workcal.service import overrides
from legaldesk.zone import desk_zone

# Cases per transaction: large enough that per-batch costs vanish, small enough
# that the progress bar moves every second or so and memory stays small.
BATCH_SIZE = 10_000
CASES_PER_ENTERPRISE = 5
# Seeded open cases take a third of each lawyer's free capacity (see _lawyers).
ROOM_SHARE = 3


@dataclass(frozen=True)
class Plan:
    """What the new rows refer to, and where their ids start."""

    first_enterprise: int
    enterprise_count: int
    contact_offset: int  # contact id = enterprise id + offset (demo enterprises have several)
    first_case: int
    categories: list[tuple[str, bool]]
    closing_codes: list[str]
    lawyers: list[LawyerInfo]


def seed(
    session: DbSession,
    now: datetime,
    cases: int,
    seed_value: int = 0,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Add ``cases`` synthetic consultations spread over the past two years.

    Ids start after the largest ones present, so seeding adds to a demo desk or to
    an earlier seeding. ``progress`` is called with the cases of each batch written.
    """
    plan = _prepare(session, cases)
    with bulk_load(session.get_bind().engine, list(COLUMNS)) as load:
        factory = CaseFactory(
            random.Random(seed_value),
            load.base(now),
            load.stamp,
            plan.categories,
            plan.closing_codes,
            Assigner(plan.lawyers),
            plan.contact_offset,
            desk_zone(),
        )
        for block, batch in _made_ahead(factory, plan, cases, batch_size):
            ids = range(plan.first_case + block.start, plan.first_case + block.stop)
            with load.batch(), rollups.counted_in_bulk(load.connection, ids):
                for table, rows in batch.tables.items():
                    load.insert(table, COLUMNS[table], rows)
            if progress:
                progress(len(block))
        new_cases = range(plan.first_case, plan.first_case + cases)
    # Each case's working hours likewise, after the load: they join its advice.
    working.fill(session, new_cases, desk_zone(), overrides(session), lambda _: session.commit())
    # The search index is filled after the load, once its indexes are rebuilt: in
    # batches of its own, committed as they go (cases/search.py).
    search.index_missing(session, each_batch=lambda _: session.commit())
    advance_id_sequences(session, [Enterprise, Contact, Consultation])
    audit.record(
        session,
        None,
        now,
        "seed",
        "consultation",
        "-",
        {"cases": cases, "ids": [new_cases.start, new_cases.stop - 1]},
    )
    return cases


def _prepare(session: DbSession, cases: int) -> Plan:
    """Reference data and the directory in place (committed: the load writes on a
    connection of its own), and the first free ids."""
    ensure_reference_data(session)
    if not session.scalar(sa.select(sa.func.count()).select_from(Lawyer)):
        ensure_directory(session)
    session.flush()
    lawyers = _lawyers(session, active_only=True) or _lawyers(session, active_only=False)
    first_enterprise = _next_id(session, Enterprise)
    plan = Plan(
        first_enterprise=first_enterprise,
        enterprise_count=max(1, cases // CASES_PER_ENTERPRISE),
        contact_offset=_next_id(session, Contact) - first_enterprise,
        first_case=_next_id(session, Consultation),
        categories=[
            (code, foreign)
            for code, foreign in session.execute(
                sa.select(Category.code, Category.foreign)
                .where(Category.active)
                .order_by(Category.position, Category.code)
            )
        ],
        closing_codes=list(
            session.scalars(
                sa.select(ClosingCode.code).where(ClosingCode.active).order_by(ClosingCode.code)
            )
        ),
        lawyers=lawyers,
    )
    session.commit()
    return plan


def _made_ahead(
    factory: CaseFactory, plan: Plan, cases: int, batch_size: int
) -> Iterator[tuple[range, Batch]]:
    """The batches in order, each made on a thread of its own while the one before is
    written: the database's part (SQLite's and psycopg's C code, the server) runs
    without Python's lock, so making and writing overlap on a second core. One
    thread makes them all, in order, so the same seed gives the same rows."""
    blocks = list(_batches(cases, batch_size))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="seed") as maker:
        upcoming = maker.submit(_batch, factory, plan, cases, blocks[0])
        for block, following in zip(blocks, [*blocks[1:], None], strict=True):
            batch = upcoming.result()
            if following is not None:
                upcoming = maker.submit(_batch, factory, plan, cases, following)
            yield block, batch


def _batch(factory: CaseFactory, plan: Plan, cases: int, block: range) -> Batch:
    """The rows of one batch: its share of the enterprises (so the first batch is
    written as soon as the last), then its cases, each of an enterprise written so
    far: early enterprises come back more often, as regular clients do."""
    batch = Batch()
    low = -(-block.start * plan.enterprise_count // cases)
    high = -(-block.stop * plan.enterprise_count // cases)
    factory.enterprises(batch, plan.first_enterprise + low, high - low)
    factory.cases(
        batch,
        range(plan.first_case + block.start, plan.first_case + block.stop),
        block,
        cases,
        range(plan.first_enterprise, plan.first_enterprise + high),
    )
    return batch


def _lawyers(session: DbSession, active_only: bool) -> list[LawyerInfo]:
    """The lawyers to assign from, each with room for a third of what their capacity
    leaves free now: the desk keeps up, and two thirds stay free for new work."""
    query = sa.select(
        Lawyer.id, Lawyer.jurisdictions, Lawyer.specialties, Lawyer.on_duty, Lawyer.capacity
    )
    if active_only:
        query = query.where(Lawyer.active)
    rows = session.execute(query.order_by(Lawyer.id)).all()
    busy = open_case_counts(session, [row.id for row in rows])
    return [
        LawyerInfo(
            row.id,
            tuple(row.jurisdictions or ()),
            tuple(row.specialties or ()),
            row.on_duty,
            max(0, row.capacity - busy.get(row.id, 0)) // ROOM_SHARE,
        )
        for row in rows
    ]


def _next_id(session: DbSession, model: Any) -> int:
    return int(session.scalar(sa.select(sa.func.max(model.id))) or 0) + 1


def _batches(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))
