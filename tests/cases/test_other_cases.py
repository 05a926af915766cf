"""Lists of an enterprise's other cases show only what the viewer may read: a
lawyer's case page must not reveal a sibling case routed to someone else."""

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.clock import utcnow
from legaldesk.db import db
from tests.helpers import mediation_in_progress


def two_cases_of_one_enterprise(make):
    """Case 1 with lawyer A, case 2 (same enterprise) with lawyer B."""
    a, b = make.user("lawyer"), make.user("lawyer")
    first = make.case(summary="出口管制咨询甲")
    second = make.case(summary="海外仓纠纷乙", description="乙案机密描述")
    make.assign(first, a.lawyer_id)
    make.assign(second, b.lawyer_id)
    return a, b, first, second


def listed_in_audit(make, reference):
    """Whether any listing in the audit log showed the reference."""
    entries = make.run(
        lambda: db.session.scalars(
            sa.select(AuditEntry.detail).where(AuditEntry.action == "consultation.list")
        ).all()
    )
    return any(reference in detail for detail in entries)


def test_a_lawyers_case_page_does_not_show_a_sibling_case_routed_to_another(client, login, make):
    a, _, first, second = two_cases_of_one_enterprise(make)
    login(a)
    page = client.get(f"/cases/{first.reference}").get_data(as_text=True)
    assert "出口管制咨询甲" in page
    assert second.reference not in page and "海外仓纠纷乙" not in page
    assert "该企业还有其他未结案件" not in page
    assert not listed_in_audit(make, second.reference)


def test_a_lawyer_sees_siblings_routed_to_them_too(client, login, make):
    a, _, first, _ = two_cases_of_one_enterprise(make)
    third = make.case(summary="第三件")
    make.assign(third, a.lawyer_id)
    login(a)
    page = client.get(f"/cases/{first.reference}").get_data(as_text=True)
    assert third.reference in page


def test_a_case_the_lawyer_only_mediates_is_not_listed(client, login, make):
    a, b, first, second = two_cases_of_one_enterprise(make)
    coordinator = make.user("coordinator")
    make.run(lambda: mediation_in_progress(coordinator.id, second.id, a.lawyer_id, utcnow()))
    make.run(db.session.commit)
    login(a)
    page = client.get(f"/cases/{first.reference}").get_data(as_text=True)
    assert second.reference not in page and "海外仓纠纷乙" not in page


def test_a_coordinator_still_sees_every_open_case_of_the_enterprise(client, login, make):
    _, _, first, second = two_cases_of_one_enterprise(make)
    login("coordinator")
    page = client.get(f"/cases/{first.reference}").get_data(as_text=True)
    assert second.reference in page
    other_page = client.get(f"/cases/{second.reference}").get_data(as_text=True)
    assert first.reference in other_page


def test_the_intake_hint_is_for_the_front_desk_only(client, login, make):
    _, _, first, second = two_cases_of_one_enterprise(make)
    login("intake")
    hint = client.get("/intake/enterprise?uscc=91330105MA2H00010X").json
    assert {c["reference"] for c in hint["open_cases"]} == {first.reference, second.reference}
    login("lawyer")
    assert client.get("/intake/enterprise?uscc=91330105MA2H00010X").status_code == 403
    other = {"name": "宁波东港贸易有限公司", "uscc": "91330105MA2H000212"}
    make.case(enterprise=other)
    login(make.user("enterprise", enterprise_uscc=other["uscc"]))
    answer = client.get("/intake/enterprise?uscc=91330105MA2H00010X")
    assert answer.status_code == 404 and "海外仓纠纷乙" not in answer.get_data(as_text=True)
