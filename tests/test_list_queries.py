"""Issue 14 item 3: no list sends a query per row. Every list page and API list is
asked for with a few rows (5 of each kind) and with many (30), and must send the same
number of SQL statements both times, on both engines.

The rows are written straight into the tables, as the services would leave them, so
that thirty of each cost little; what is counted is what the lists read.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from stdnum.cn import uscc

from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation, ConsultationCountry, TimelineEntry
from legaldesk.db import db
from legaldesk.documents.models import Document
from legaldesk.enterprises.models import Contact, Enterprise
from legaldesk.followups.models import Callback, FollowUp
from legaldesk.notes.models import CaseNote
from legaldesk.notify.models import Notification
from legaldesk.rooms.models import Booking
from legaldesk.routing.models import Draw, Firm, Lawyer
from tests.conftest import create_lawyer, create_user, snapshot, token_for
from tests.desk import made_up
from tests.helpers import at, future_working_day, statements_during, today

FEW, MANY = 5, 30
NOW = datetime.now(UTC)
_serial = itertools.count(1)


def _enterprise() -> Enterprise:
    """An enterprise with a valid credit code (an account may name it) and a contact."""
    n = next(_serial)
    body = f"9133010{n:010d}"
    enterprise = Enterprise(
        uscc=body + uscc.calc_check_digit(body),
        name=f"测试企业{n}",
        name_initials="csqy",
        created_at=NOW,
    )
    db.session.add(enterprise)
    db.session.flush()
    db.session.add(Contact(enterprise_id=enterprise.id, name="联系人", phone="+8613800000000"))
    db.session.flush()
    return enterprise


def _case(enterprise_id: int | None = None, **values: Any) -> Consultation:
    """A case of its own enterprise (unless given), about Kazakhstan, with its first
    timeline entry; ``values`` as the services would have set them."""
    enterprise_id = enterprise_id or _enterprise().id
    contact_id = db.session.scalar(
        sa.select(Contact.id).where(Contact.enterprise_id == enterprise_id).limit(1)
    )
    n = next(_serial)
    row = {
        "reference": f"LD-LIST-{n:05d}",
        "access_code_hash": "locked",
        "enterprise_id": enterprise_id,
        "contact_id": contact_id,
        "channel": "phone",
        "category_code": "export_control",
        "summary": f"出口咨询 {n}",
        "foreign_related": True,
        "status": "new",
        "created_at": NOW - timedelta(minutes=n),
        "updated_at": NOW - timedelta(minutes=n),
        **values,
    }
    case = Consultation(**row)
    db.session.add(case)
    db.session.flush()
    db.session.add(ConsultationCountry(consultation_id=case.id, country="KZ"))
    db.session.add(
        TimelineEntry(consultation_id=case.id, at=row["created_at"], to_status="new", note="")
    )
    return case


def _firm_lawyer() -> int:
    """A lawyer of a firm of their own (lists name the firm)."""
    firm = Firm(name=f"律所{next(_serial)}")
    db.session.add(firm)
    db.session.flush()
    lawyer = Lawyer(name=f"律师{next(_serial)}", kind="firm_lawyer", firm_id=firm.id)
    db.session.add(lawyer)
    db.session.flush()
    return lawyer.id


def _drawn(case: Any, lawyer_id: int, round_: int = 1, declined: bool = False) -> None:
    """A round drawn for the case (made_up's), declined by the lawyer if ``declined``."""
    made_up._draw(case, lawyer_id, NOW - timedelta(hours=round_), round_)
    if declined:
        db.session.flush()
        db.session.execute(
            sa.update(Draw)
            .where(Draw.consultation_id == case.id, Draw.round == round_)
            .values(declined_at=NOW, decline_reason="冲突")
        )


def _same_count(app, calls: dict[str, Any], add) -> None:
    """Each call sends as many statements with FEW rows of each kind as with MANY."""
    with app.app_context():
        add(FEW)
        db.session.commit()
    for call in calls.values():  # once first: what a first request sets up, once
        statements_during(app, call)
    few = {name: statements_during(app, call) for name, call in calls.items()}
    with app.app_context():
        add(MANY - FEW)
        db.session.commit()
    many = {name: statements_during(app, call) for name, call in calls.items()}
    assert many == few


def _client(app, user: Any):
    client = app.test_client()
    answer = client.post("/login", data={"email": user.email, "password": "password123"})
    assert answer.status_code == 302
    return client


def _api(app, user: Any, path: str):
    with app.app_context():
        token = token_for(db.session.get(User, user.id))
    headers = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    return lambda: client.get("/api/v1" + path, headers=headers)


def test_case_lists_send_as_many_queries_for_30_cases_as_for_5(app):
    with app.app_context():
        lawyer = create_lawyer().id
        mine = _enterprise()
        users = [
            snapshot(create_user(role, **kwargs))
            for role, kwargs in (
                ("coordinator", {}),
                ("intake", {}),
                ("lawyer", {"lawyer_id": lawyer}),
                ("enterprise", {"enterprise_uscc": mine.uscc}),
            )
        ]
        coordinator, clerk, counsel, owner = users
        mine = mine.id

    def add(n: int) -> None:
        for _ in range(n):
            _case()  # new, open to claim (each kind on every page of every order)
            _drawn(_case(status="routed", assignee_id=lawyer), lawyer)
            _case(mine, status="accepted", assignee_id=lawyer)  # the enterprise's
            _case(status="advised", assignee_id=_firm_lawyer())  # a lawyer of a firm

    staff, desk, own = _client(app, coordinator), _client(app, clerk), _client(app, owner)
    counsel_pages = _client(app, counsel)
    calls = {
        "/cases": lambda: staff.get("/cases"),
        "/cases urgent first": lambda: staff.get("/cases?status=open&sort=urgency"),
        "/cases accept by": lambda: staff.get("/cases?sort=accept_by"),
        "/cases mediation": lambda: staff.get("/cases?sort=mediation_deadline&overdue=1"),
        "/cases export": lambda: staff.get("/cases/export.csv"),
        "dashboard": lambda: staff.get("/"),
        "intake home": lambda: desk.get("/"),
        "lawyer home": lambda: counsel_pages.get("/"),
        "/queue": lambda: counsel_pages.get("/queue"),
        "/my": lambda: own.get("/my"),
        "API": _api(app, coordinator, "/consultations?per_page=100"),
        "API updated": _api(app, coordinator, "/consultations?sort=updated&status=open"),
        "API enterprise": _api(app, owner, "/consultations"),
    }
    _same_count(app, calls, add)


def test_a_cases_own_lists_send_as_many_queries_for_30_rows_as_for_5(app):
    with app.app_context():
        coordinator = snapshot(create_user("coordinator"))
        lawyer = snapshot(create_lawyer())
        case = snapshot(_case(status="accepted", assignee_id=lawyer.id))
        rounds = itertools.count(1)
        reference = case.reference
        db.session.commit()

    def add(n: int) -> None:
        for _ in range(n):
            k = next(_serial)
            db.session.add(
                CaseNote(
                    consultation_id=case.id, author_id=coordinator.id, created_at=NOW, text="记"
                )
            )
            db.session.add(
                Document(
                    consultation_id=case.id,
                    kind="evidence",
                    name=f"证据{k}.pdf",
                    content_type="application/pdf",
                    size=10,
                    sha256=f"{k:064d}",
                    uploaded_by_id=coordinator.id,
                    uploaded_at=NOW,
                )
            )
            db.session.add(
                FollowUp(
                    consultation_id=case.id,
                    due_on=today() + timedelta(days=k % 5),
                    channel="phone",
                    created_at=NOW,
                    lawyer_id=lawyer.id,
                )
            )
            db.session.add(
                TimelineEntry(
                    consultation_id=case.id,
                    at=NOW,
                    from_status="accepted",
                    to_status="accepted",
                    actor_id=coordinator.id,
                    note="",
                )
            )
            _drawn(case, lawyer.id, next(rounds), declined=True)

    staff = _client(app, coordinator)
    calls = {
        "case page": lambda: staff.get(f"/cases/{reference}"),
        **{
            path: _api(app, coordinator, f"/consultations/{reference}{path}")
            for path in ("", "/notes", "/documents", "/followups", "/draws")
        },
    }
    _same_count(app, calls, add)


def test_people_lists_send_as_many_queries_for_30_rows_as_for_5(app):
    with app.app_context():
        admin, coordinator = snapshot(create_user("admin")), snapshot(create_user("coordinator"))

    def add(n: int) -> None:
        for _ in range(n):
            create_user("lawyer", lawyer_id=_firm_lawyer())
            create_user("enterprise", enterprise_uscc=_enterprise().uscc)

    chief, staff = _client(app, admin), _client(app, coordinator)
    calls = {
        "/admin/users": lambda: chief.get("/admin/users"),
        "/directory": lambda: staff.get("/directory"),
        "/routing/fairness": lambda: staff.get("/routing/fairness"),
        "API users": _api(app, admin, "/users?per_page=100"),
        "API lawyers": _api(app, coordinator, "/lawyers"),
    }
    _same_count(app, calls, add)


def test_desk_lists_send_as_many_queries_for_30_rows_as_for_5(app, make):
    monday = future_working_day(weeks=3, weekday=0)
    rooms = [make.room(name=f"调解室{n}") for n in range(3)]
    with app.app_context():
        coordinator = snapshot(create_user("coordinator"))
        lawyer = snapshot(create_lawyer())
    # day and hour of each booking (one mediator: never two at once), rooms in turn
    slots = itertools.product(range(5), (9, 10, 11, 14, 15, 16, 17))
    turn = itertools.cycle(rooms)

    def add(n: int) -> None:
        for _ in range(n):
            case = _case(status="advised", assignee_id=lawyer.id)
            due = FollowUp(
                consultation_id=case.id,
                due_on=today() - timedelta(days=1),
                channel="phone",
                created_at=NOW,
                lawyer_id=lawyer.id,
            )
            unhappy = FollowUp(
                consultation_id=case.id,
                due_on=today() - timedelta(days=9),
                channel="phone",
                created_at=NOW,
                done_at=NOW,
                satisfaction=1,
            )
            db.session.add_all([due, unhappy])
            db.session.flush()
            db.session.add(
                Callback(
                    followup_id=unhappy.id,
                    consultation_id=case.id,
                    satisfaction=1,
                    created_at=NOW,
                )
            )
            db.session.add(
                Notification(
                    user_id=coordinator.id,
                    kind="case_routed",
                    payload={"reference": case.reference},
                    created_at=NOW,
                )
            )
            day, hour = next(slots)
            starts = at(monday + timedelta(days=day), f"{hour:02d}:00")
            db.session.add(
                Booking(
                    room_id=next(turn),
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=1),
                    blocked_until=starts + timedelta(hours=1),
                    title="调解",
                    purpose="mediation_session",
                    consultation_id=case.id,
                    mediator_id=lawyer.id,
                    created_by_id=coordinator.id,
                    created_at=NOW,
                )
            )

    staff = _client(app, coordinator)
    calls = {
        "/followups": lambda: staff.get("/followups"),
        "/followups overdue": lambda: staff.get("/followups?overdue=1"),
        "/notifications": lambda: staff.get("/notifications"),
        "/rooms": lambda: staff.get(f"/rooms?week={monday.isoformat()}"),
        "API rooms": _api(app, coordinator, "/rooms"),
    }
    _same_count(app, calls, add)


@pytest.mark.parametrize("per_page", [5])
def test_a_page_by_cursor_sends_what_the_first_page_sends(app, per_page):
    """Keyset: the next page is one range read, like the first (no count of the skipped)."""
    with app.app_context():
        coordinator = snapshot(create_user("coordinator"))
        for _ in range(3 * per_page):
            _case()
        db.session.commit()
    api = _api(app, coordinator, f"/consultations?per_page={per_page}")
    statements_during(app, api)
    first = statements_during(app, api)
    cursor = api().json["next_cursor"]
    nxt = _api(app, coordinator, f"/consultations?per_page={per_page}&cursor={cursor}")
    statements_during(app, nxt)
    assert statements_during(app, nxt) == first
