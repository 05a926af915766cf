"""Issue 14 item 3: every sort of the case list pages by cursor (keyset) exactly as the
plain ordered list reads, ties included (the id breaks them), forwards and backwards,
on both engines: a property test over small desks with many equal sort keys."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legaldesk.cases import list_options, listing
from legaldesk.cases.list_options import SORTS
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.mediation.models import Mediation
from legaldesk.routing.models import Draw
from tests.conftest import create_case, create_lawyer, create_user

BASE = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
# Few distinct values, so that most cases tie on most sort keys.
MOMENTS = [BASE + timedelta(hours=h) for h in (0, 1, 2)]
DAYS = [date(2026, 12, 1), date(2026, 12, 2)]

case_rows = st.lists(
    st.fixed_dictionaries(
        {
            "created": st.sampled_from(MOMENTS),
            "updated": st.sampled_from(MOMENTS),
            "urgency": st.sampled_from(["normal", "urgent"]),
            "routed_at": st.none() | st.sampled_from(MOMENTS),  # a current round drawn then
            "mediation_due": st.none() | st.sampled_from(DAYS),  # a running deadline
        }
    ),
    min_size=0,
    max_size=8,
)


@pytest.fixture
def desk(app):
    """One real case (its enterprise, contact and clerk), a lawyer and a coordinator;
    each example copies the case's row with the drawn keys."""
    with app.app_context():
        clerk = create_user("intake")
        template, _ = create_case(clerk)
        lawyer = create_lawyer()
        coordinator = create_user("coordinator")
        db.session.delete(template)  # only its enterprise and contact are needed
        row = {
            "enterprise_id": template.enterprise_id,
            "contact_id": template.contact_id,
            "category_code": template.category_code,
        }
        db.session.commit()
        return {"row": row, "lawyer": lawyer.id, "coordinator": coordinator.id}


def _fill(desk: dict, rows: list[dict]) -> None:
    for model in (Mediation, Draw, Consultation):
        db.session.execute(sa.delete(model))
    for n, row in enumerate(rows, start=1):
        routed = row["routed_at"] is not None
        case = Consultation(
            reference=f"LD-TEST-{n:04d}",
            access_code_hash="x",
            channel="phone",
            summary="s",
            urgency=row["urgency"],
            status="routed" if routed else "new",
            assignee_id=desk["lawyer"] if routed else None,
            created_at=row["created"],
            updated_at=row["updated"],
            **desk["row"],
        )
        db.session.add(case)
        db.session.flush()
        if routed:
            db.session.add(
                Draw(
                    consultation_id=case.id,
                    round=1,
                    kind="assigned",
                    commitment="0" * 64,
                    secret="0" * 64,
                    committed_at=row["routed_at"],
                    chosen_id=desk["lawyer"],
                    drawn_at=row["routed_at"],
                )
            )
        if row["mediation_due"] is not None:
            db.session.add(
                Mediation(
                    consultation_id=case.id,
                    status="awaiting_consent",
                    respondent_name="对方",
                    applied_on=row["mediation_due"],
                    consent_due_on=row["mediation_due"],
                    created_at=BASE,
                    updated_at=BASE,
                )
            )
    db.session.commit()


def _walk(actor, sort: str, per_page: int):
    """Every page from the first by next cursors, then back by previous cursors."""
    filters = listing.CaseFilters(sort=sort, per_page=per_page)
    page = listing.list_page(db.session, actor, BASE, filters)
    forward, pages = [c.id for c in page.items], [page]
    while page.next is not None:
        page = listing.list_page(db.session, actor, BASE, filters, page.next)
        assert page.items, "a next cursor leads to a page of cases"
        forward += [c.id for c in page.items]
        pages.append(page)
    backward = [c.id for c in page.items]
    while page.prev is not None:
        page = listing.list_page(db.session, actor, BASE, filters, page.prev)
        backward = [c.id for c in page.items] + backward
    return forward, backward, pages


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=case_rows, per_page=st.integers(min_value=1, max_value=4))
def test_every_sort_pages_by_cursor_as_the_ordered_list_reads(app, desk, rows, per_page):
    from legaldesk.auth.models import User

    with app.test_request_context():
        _fill(desk, rows)
        actor = db.session.get(User, desk["coordinator"])
        for sort in SORTS:
            ordered = list(
                db.session.scalars(sa.select(Consultation.id).order_by(*list_options.order(sort)))
            )
            forward, backward, pages = _walk(actor, sort, per_page)
            assert forward == ordered, sort
            assert backward == ordered, sort
            assert [page.number for page in pages] == list(range(1, len(pages) + 1))
            # a page by its number holds what the walk found there (the later half
            # is read from the other end)
            for number, page in {1: pages[0], len(pages): pages[-1]}.items():
                numbered = listing.list_page(
                    db.session,
                    actor,
                    BASE,
                    listing.CaseFilters(sort=sort, per_page=per_page, page=number),
                )
                assert [c.id for c in numbered.items] == [c.id for c in page.items]
            # the last page by cursor holds the list's tail
            last = listing.list_page(
                db.session,
                actor,
                BASE,
                listing.CaseFilters(sort=sort, per_page=per_page),
                pages[0].last,
            )
            if pages[0].last is not None:
                assert [c.id for c in last.items] == ordered[-len(last.items) :]
        db.session.rollback()
