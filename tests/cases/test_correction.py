"""Correcting a case (issue 12, item 1): the service with its rules, the page reached
from the case page, and PATCH /api/v1/consultations/{ref}, on every database."""

import json

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.auth.models import User
from legaldesk.cases import correction
from legaldesk.cases.models import Consultation, Correction
from legaldesk.cases.service import transition
from legaldesk.db import db
from legaldesk.errors import CaseNotCorrectable, Forbidden, ValidationFailed
from legaldesk.routing.models import ConflictOfInterest
from tests.conftest import NOW, create_case, create_lawyer, create_user
from tests.correction_helpers import correction_form
from tests.helpers import TEST_ZONE, mediation_in_progress

# --- the service -------------------------------------------------------------------


def test_a_correction_changes_only_what_is_sent_and_keeps_from_and_to(ctx):
    case, _ = create_case()
    clerk = create_user("intake")
    changes = correction.correct_case(
        db.session,
        clerk,
        NOW,
        case,
        {"contact": {"phone": "139 0571 0002"}, "counterparties": ["Steppe Trade LLP", "北方贸易"]},
    )
    assert changes == [
        ["counterparties", ["Steppe Trade LLP"], ["Steppe Trade LLP", "北方贸易"]],
        ["contact.phone", "+8613805710001", "+8613905710002"],
    ]
    assert case.contact.phone == "+8613905710002" and case.contact.name == "周经理"
    assert case.summary == "拟向某国出口前的法律风险咨询"  # not sent, not changed
    assert [c.name for c in case.counterparties] == ["Steppe Trade LLP", "北方贸易"]
    assert db.session.scalars(sa.select(Correction)).one().changes == changes
    entry = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "consultation.correct")
    ).one()
    assert json.loads(entry.detail) == {"fields": ["counterparties", "contact.phone"]}


def test_the_same_values_write_nothing(ctx):
    case, _ = create_case()
    unchanged = {"urgency": "urgent"}
    assert correction.correct_case(db.session, create_user(), NOW, case, unchanged) == []
    assert db.session.scalars(sa.select(Correction)).all() == []


def test_foreign_relatedness_follows_the_corrected_facts(ctx):
    case, _ = create_case(countries=["CN"], counterparties=["北方贸易"])
    assert case.foreign_related is False
    correction.correct_case(db.session, create_user(), NOW, case, {"countries": ["kz"]})
    assert case.foreign_related is True and case.country_codes == ["KZ"]


def test_the_intakes_rules_check_every_field_at_once(ctx):
    case, _ = create_case()
    with pytest.raises(ValidationFailed) as refused:
        correction.correct_case(
            db.session,
            create_user(),
            NOW,
            case,
            {
                "contact": {"phone": "12345", "email": "not-mail", "language": "en"},
                "summary": "",
                "category": "astrology",
                "countries": ["XX"],
                "status": "closed",
            },
        )
    assert set(refused.value.fields) == {
        "contact.phone",
        "contact.email",
        "contact.language",
        "summary",
        "category",
        "countries",
        "status",
    }


def test_who_may_correct(ctx):
    case, _ = create_case()
    own = create_lawyer()
    case.assignee_id = own.id
    lawyer = create_user("lawyer", lawyer_id=own.id)
    other = create_user("lawyer", lawyer_id=create_lawyer().id)
    assert correction.correct_case(db.session, lawyer, NOW, case, {"summary": "更正后的摘要"})
    with pytest.raises(Forbidden):
        correction.correct_case(db.session, other, NOW, case, {"summary": "别人的"})


@pytest.mark.parametrize("end", ["withdrawn", "closed"])
def test_a_closed_or_withdrawn_case_is_not_corrected(ctx, end):
    case, _ = create_case()
    clerk = create_user("coordinator")
    if end == "closed":
        case.assignee_id = create_lawyer().id
        for status in ("accepted", "advised"):
            transition(db.session, clerk, NOW, case, status, zone=TEST_ZONE)
        transition(db.session, clerk, NOW, case, "closed", closing_code="A")
    else:
        transition(db.session, clerk, NOW, case, "withdrawn")
    with pytest.raises(CaseNotCorrectable):
        correction.correct_case(db.session, clerk, NOW, case, {"summary": "太晚了"})


_form = correction_form  # the page's form, filled for the dummy case


# --- the page -------------------------------------------------------------------------


def test_the_page_is_prefilled_and_the_timeline_says_what_changed(client, login, make):
    case = make.case()
    login("intake")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert f"/cases/{case.reference}/correct" in page and "更正案件信息" in page
    form = client.get(f"/cases/{case.reference}/correct")
    text = form.get_data(as_text=True)
    assert form.status_code == 200
    assert "138 0571 0001" in text and "Steppe Trade LLP" in text and "周经理" in text
    response = client.post(
        f"/cases/{case.reference}/correct",
        data=_form(phone="139 0571 0002", counterparties="Steppe Trade LLP\n北方贸易有限公司"),
        follow_redirects=True,
    )
    text = response.get_data(as_text=True)
    assert "案件信息已更正。" in text
    assert "联系电话：138 0571 0001 → 139 0571 0002" in text
    assert "相对方：Steppe Trade LLP → Steppe Trade LLP；北方贸易有限公司" in text


def test_a_refused_value_keeps_everything_typed(client, login, make):
    case = make.case()
    login("intake")
    response = client.post(
        f"/cases/{case.reference}/correct",
        data=_form(
            contact_name="钱女士", phone="12345", counterparties="新的对方公司", summary="新的摘要"
        ),
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "请输入有效的手机号码或固定电话号码" in text or "有效" in text
    assert "钱女士" in text and "新的对方公司" in text and "新的摘要" in text
    assert make.run(lambda: db.session.get(Consultation, case.id).contact.name) == "周经理"


def test_the_timeline_speaks_english_too(client, login, make):
    case = make.case()
    user = login("intake")
    make.run(
        lambda: (
            correction.correct_case(
                db.session,
                db.session.get(User, user.id),
                NOW,
                db.session.get(Consultation, case.id),
                {"contact": {"phone": "13905710002"}},
            ),
            db.session.commit(),
        )
    )
    text = client.get(f"/cases/{case.reference}", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Contact phone: 138 0571 0001 → 139 0571 0002" in text
    assert "Facts corrected" in text


def test_a_withdrawn_cases_correction_page_says_it_cannot_be_corrected(client, login, make):
    case = make.case()
    login("coordinator")
    client.post(f"/cases/{case.reference}/transition", data={"to": "withdrawn"})
    page = client.get(f"/cases/{case.reference}")
    assert f"/cases/{case.reference}/correct" not in page.get_data(as_text=True)
    refused = client.get(f"/cases/{case.reference}/correct")
    assert refused.status_code == 409
    assert "已结案或已撤回的案件不能更正。" in refused.get_data(as_text=True)


def test_another_lawyer_gets_no_correction_page(client, login, make):
    case = make.case()
    login("lawyer")
    assert client.get(f"/cases/{case.reference}/correct").status_code == 404


def test_a_new_counterparty_that_the_lawyer_conflicts_with_is_shown(client, login, make):
    case = make.case()
    counsel = make.lawyer(name="冲突律师")

    def declare():
        db.session.add(
            ConflictOfInterest(lawyer_id=counsel.id, party="北方贸易有限公司", created_at=NOW)
        )
        db.session.commit()

    make.run(declare)
    make.assign(case, counsel.id)
    make.run(lambda: _set_status(case.id, "routed"))
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "利益冲突" not in page
    client.post(
        f"/cases/{case.reference}/correct",
        data=_form(counterparties="Steppe Trade LLP\n北方贸易有限公司"),
    )
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "本案律师冲突律师与以下当事人存在利益冲突" in page
    # no redraw on a conflict a coordinator could record at will: decline, or by hand
    assert "请律师拒绝本案，或在下方写明理由人工指派其他律师" in page


def _set_status(case_id, status):
    db.session.get(Consultation, case_id).status = status
    db.session.commit()


def test_the_mediator_is_checked_too(ctx):
    from legaldesk.routing import pool

    case, _ = create_case()
    coordinator = create_user("coordinator")
    mediator = create_lawyer(name="调解员甲")
    db.session.add(ConflictOfInterest(lawyer_id=mediator.id, party="北方贸易", created_at=NOW))
    mediation_in_progress(coordinator.id, case.id, mediator.id, NOW)
    db.session.flush()
    assert pool.conflicts_on_case(db.session, case) == []
    correction.correct_case(
        db.session,
        coordinator,
        NOW,
        case,
        {"counterparties": ["Steppe Trade LLP", "北方贸易"]},
        accept_conflict=True,
    )
    db.session.refresh(case)
    hits = pool.conflicts_on_case(db.session, case)
    assert [(role, lawyer.name, parties) for role, lawyer, parties in hits] == [
        ("mediator", "调解员甲", [("北方贸易", "北方贸易")])
    ]


# --- the API ------------------------------------------------------------------------------


def test_patch_corrects_and_answers_the_case(api_as, make):
    case = make.case()
    api = api_as("intake")
    response = api.patch(
        f"/consultations/{case.reference}", json={"contact": {"phone": "13905710002"}}
    )
    assert response.status_code == 200
    assert response.json["contact"]["phone"] == "+8613905710002"
    assert response.json["corrections"][0]["changes"] == [
        {"field": "contact.phone", "from": "+8613805710001", "to": "+8613905710002"}
    ]


def test_patch_field_errors_are_422_in_the_readers_language(api_as, make):
    case = make.case()
    body = {"contact": {"phone": "12345"}, "channel": "phone"}
    zh = api_as("intake").patch(f"/consultations/{case.reference}", json=body)
    en = api_as("intake", language="en").patch(f"/consultations/{case.reference}", json=body)
    assert zh.status_code == 422 and set(zh.json["error"]["fields"]) == {"contact.phone", "channel"}
    assert en.json["error"]["fields"]["channel"] == ["This field cannot be corrected here."]
    assert api_as("intake").patch(f"/consultations/{case.reference}", json=[1]).status_code == 422


def test_patch_404_403_and_409_like_the_rest(api_as, make):
    case = make.case()
    assert api_as("intake").patch("/consultations/LD-2026-NOPE", json={}).status_code == 404
    assert api_as("lawyer").patch(f"/consultations/{case.reference}", json={}).status_code == 404
    coordinator = api_as("coordinator")
    coordinator.post(f"/consultations/{case.reference}/transitions", json={"to": "withdrawn"})
    refused = coordinator.patch(f"/consultations/{case.reference}", json={"summary": "迟了"})
    assert refused.status_code == 409
    assert refused.json["error"]["message"] == "已结案或已撤回的案件不能更正。"


def test_patch_by_the_enterprise_is_refused(api_as, make):
    case = make.case()  # the enterprise's own case
    enterprise = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    response = api_as(enterprise).patch(f"/consultations/{case.reference}", json={})
    assert response.status_code == 404  # enterprise accounts reach no staff API
