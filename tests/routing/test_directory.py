"""Coordinators keep the directory: lawyers, firms, conflicts, leave, the duty roster."""

import pytest
import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.routing.models import ConflictOfInterest, Firm, Lawyer
from tests.draw_helpers import route_and_draw

pytestmark = pytest.mark.one_lawyer_draws  # tests of what follows a draw, not of pools

NEW_LAWYER = {
    "name": "马骏",
    "kind": "panel_expert",
    "firm_id": "",
    "email": "ma@center.test",
    "jurisdictions": "KZ, RU，EU",
    "languages": "zh, ru",
    "capacity": "6",
    "specialties": ["export_control", "overseas_warehouse"],
    "active": "1",
}


def test_a_coordinator_adds_and_edits_a_lawyer(client, login, app):
    login("coordinator")
    response = client.post("/directory/lawyers/new", data=NEW_LAWYER)
    assert response.status_code == 302
    with app.app_context():
        lawyer = db.session.scalars(sa.select(Lawyer)).one()
        assert lawyer.jurisdictions == ["KZ", "RU", "EU"] and lawyer.capacity == 6
        assert lawyer.specialties == ["export_control", "overseas_warehouse"] and lawyer.active
    edit = client.post(
        f"/directory/lawyers/{lawyer.id}",
        data={**NEW_LAWYER, "leave_from": "2026-12-01", "leave_to": "2026-12-20"},
    )
    assert edit.status_code == 302
    page = client.get("/directory").get_data(as_text=True)
    assert "马骏" in page and "休假中 2026-12-01–2026-12-20" in page


def test_bad_entries_are_field_errors_in_chinese_and_keep_what_was_typed(client, login, app):
    login("coordinator")
    bad = {
        **NEW_LAWYER,
        "jurisdictions": "KZ, XX",
        "capacity": "lots",
        "kind": "firm_lawyer",
        "languages": "chinese",
        "leave_from": "2026-12-20",
        "leave_to": "2026-12-01",
    }
    response = client.post("/directory/lawyers/new", data=bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for message in (
        "未知的国家代码：XX。",
        "请输入 0 到 100 之间的数字。",
        "合作律所律师须选择所属律所。",
        "请填写语言代码",
        "结束日期早于开始日期。",
    ):
        assert message in page, message
    assert '<option value="KZ" selected>哈萨克斯坦</option>' in page  # kept, by name
    with app.app_context():
        assert db.session.scalars(sa.select(Lawyer)).all() == []


def test_a_firms_conflict_excludes_all_its_lawyers(client, login, make, api_as, app):
    login("coordinator")
    client.post("/directory/firms", data={"name": "钱塘律师事务所", "name_en": "Qiantang"})
    firm_id = make.run(lambda: db.session.scalars(sa.select(Firm.id)).one())
    lawyers = [make.lawyer(kind="firm_lawyer", firm_id=firm_id) for _ in range(2)]
    outside = make.lawyer(kind="firm_lawyer")
    client.post(
        "/directory/conflicts", data={"firm_id": firm_id, "party": "STEPPE TRADE", "kind": "client"}
    )
    case = make.case()
    body = route_and_draw(api_as("coordinator"), case.reference).json
    assert body["assignee"]["id"] == outside.id
    assert {int(k) for k in body["draw"]["excluded"]} == {lawyer.id for lawyer in lawyers}
    page = client.get(f"/directory/firms/{firm_id}").get_data(as_text=True)
    assert "STEPPE TRADE" in page and "客户（作为相对方时冲突）" in page
    conflict_id = make.run(lambda: db.session.scalars(sa.select(ConflictOfInterest.id)).one())
    client.post(f"/directory/conflicts/{conflict_id}/delete")
    assert make.run(lambda: db.session.scalars(sa.select(ConflictOfInterest)).all()) == []


def test_a_lawyer_on_leave_is_not_drawn(make, api_as):
    away = make.lawyer(leave_from=None)
    present = make.lawyer()
    with make.app.app_context():
        from datetime import date

        db.session.get(Lawyer, away.id).leave_from = date(2000, 1, 1)
        db.session.get(Lawyer, away.id).leave_to = date(2999, 12, 31)
        db.session.commit()
    case = make.case()
    body = route_and_draw(api_as("coordinator"), case.reference).json
    assert body["assignee"]["id"] == present.id
    assert body["draw"]["excluded"][str(away.id)] == ["on_leave"]


def test_only_coordinators_keep_the_directory(client, login):
    login("intake")
    assert client.get("/directory").status_code == 403
    assert client.post("/directory/lawyers/new", data=NEW_LAWYER).status_code == 403
