"""The enterprise confirms (or corrects) the loss avoided (issue 12 item 7): claimed
until then, confirmed after, with its own figure kept apart from the lawyer's; once;
only its own case; the reports count each apart."""

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.demo import demo_uscc
from legaldesk.followups.models import Callback, FollowUp, LossConfirmation
from tests.advice_helpers import OPINION, claimed_loss, enterprise_login
from tests.helpers import today


def confirmations(make):
    return make.run(
        lambda: [
            (c.followup_id, c.claimed_cny, c.amount_cny, c.satisfaction, c.confirmed_by_id)
            for c in db.session.scalars(sa.select(LossConfirmation).order_by(LossConfirmation.id))
        ]
    )


def claimed_followup(case):
    listed = case.api.get(f"/consultations/{case.reference}/followups").json
    return next(f for f in listed if f["id"] == case.followup_id)


def url(case):
    return f"/my/cases/{case.reference}/losses/{case.followup_id}/confirm"


def summary(api_as):
    return api_as("coordinator").get("/reports/summary?from=2026-01-01&to=2099-12-31").json


def test_claimed_until_the_enterprise_confirms_then_confirmed(client, make, api_as):
    case = claimed_loss(make, api_as)
    staff = claimed_followup(case)
    assert staff["loss_state"] == "claimed" and staff["enterprise_confirmation"] is None
    assert staff["loss_state_label"] == "律师填报（待企业确认）"
    before = summary(api_as)
    assert before["loss_avoided_cny"] == 0 and before["loss_estimated_unconfirmed_cny"] == 3_000_000

    account = enterprise_login(make, client)
    page = client.get(f"/my/cases/{case.reference}").get_data(as_text=True)
    assert "¥3,000,000" in page and "律师填报（待企业确认）" in page and OPINION in page
    answer = client.post(url(case), data={"answer": "confirm", "satisfaction": "5"})
    assert answer.status_code == 302
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "企业已确认" in page and "律师填报（待企业确认）" not in page
    assert f"您已于 {today().isoformat()} 确认" in page
    assert confirmations(make) == [(case.followup_id, 3_000_000, 3_000_000, 5, account.id)]

    staff = claimed_followup(case)
    assert staff["loss_state"] == "confirmed" and staff["loss_state_label"] == "企业已确认"
    assert staff["enterprise_confirmation"]["amount_cny"] == 3_000_000
    after = summary(api_as)
    assert after["loss_avoided_cny"] == 3_000_000
    assert after["loss_confirmed_by_enterprise_cny"] == 3_000_000
    assert after["loss_estimated_unconfirmed_cny"] == 0 and after["loss_claimed_cny"] == 3_000_000
    assert after["satisfaction_avg"] == 5.0


def test_the_enterprise_corrects_the_figure_with_its_own(client, login, make, api_as):
    case = claimed_loss(make, api_as)
    enterprise_login(make, client)
    answer = client.post(
        url(case), data={"answer": "correct", "amount_cny": "2,500,000", "satisfaction": "4"}
    )
    assert answer.status_code == 302
    assert [(c, a) for _, c, a, _, _ in confirmations(make)] == [(3_000_000, 2_500_000)]
    page = client.get(f"/my/cases/{case.reference}").get_data(as_text=True)
    assert "¥2,500,000" in page and "律师填报的金额为 ¥3,000,000" in page
    after = summary(api_as)
    assert after["loss_avoided_cny"] == 2_500_000 and after["loss_claimed_cny"] == 3_000_000
    client.post("/logout")
    login("coordinator")
    staff_page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "¥2,500,000" in staff_page and "企业已确认" in staff_page


@pytest.mark.parametrize(
    ("typed", "language", "message"),
    [
        ("abc", "zh-CN", "请以整数元填写金额"),
        ("-5", "zh-CN", "请以整数元填写金额"),
        ("1.5", "en", "Enter the amount in whole yuan, from 0 up."),
        ("", "en", "Enter the amount in whole yuan, from 0 up."),
        ("9" * 16, "zh-CN", "请以整数元填写金额"),
    ],
)
def test_a_bad_amount_is_a_field_error_in_the_readers_language(
    client, make, api_as, typed, language, message
):
    case = claimed_loss(make, api_as)
    enterprise_login(make, client)
    answer = client.post(
        url(case),
        data={"answer": "correct", "amount_cny": typed, "satisfaction": "3"},
        headers={"Accept-Language": language},
    )
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    assert message in html and 'class="field has-error"' in html
    assert 'value="3" checked' in html  # what was typed is kept
    assert confirmations(make) == []


def test_satisfaction_is_required(client, make, api_as):
    case = claimed_loss(make, api_as)
    enterprise_login(make, client)
    answer = client.post(url(case), data={"answer": "confirm"})
    assert answer.status_code == 422 and "请在 1 到 5 之间选择" in answer.get_data(as_text=True)
    assert confirmations(make) == []


def test_a_second_submit_records_nothing_more(client, make, api_as):
    case = claimed_loss(make, api_as)
    enterprise_login(make, client)
    assert (
        client.post(url(case), data={"answer": "confirm", "satisfaction": "2"}).status_code == 302
    )
    again = client.post(
        url(case), data={"answer": "correct", "amount_cny": "1", "satisfaction": "5"}
    )
    assert again.status_code == 302
    shown = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "您已确认过这笔避免的损失" in shown
    assert [(a, s) for _, _, a, s, _ in confirmations(make)] == [(3_000_000, 2)]

    def kept():
        actions = db.session.scalars(
            sa.select(AuditEntry.action).where(AuditEntry.action == "followup.confirm_loss")
        ).all()
        return len(actions), db.session.scalar(sa.select(sa.func.count()).select_from(Callback))

    assert make.run(kept) == (1, 1)  # audited once; a score of 2 asks for a callback


def test_only_the_cases_own_enterprise_confirms(client, make, api_as):
    case = claimed_loss(make, api_as)
    enterprise_login(make, client, uscc=_other_uscc(make))
    answer = client.post(url(case), data={"answer": "confirm", "satisfaction": "5"})
    assert answer.status_code == 404
    assert client.get(f"/my/cases/{case.reference}").status_code == 404
    assert confirmations(make) == []
    # a follow-up of another case, under the enterprise's own reference: 404 too
    other = claimed_loss(make, api_as)
    client.post("/logout")
    enterprise_login(make, client)
    crossed = f"/my/cases/{case.reference}/losses/{other.followup_id}/confirm"
    assert client.post(crossed, data={"answer": "confirm", "satisfaction": "5"}).status_code == 404


def test_the_api_confirmation_for_enterprises(make, api_as):
    case = claimed_loss(make, api_as, amount=800_000)
    enterprise = api_as(make.user("enterprise", enterprise_uscc="91330105MA2H00010X"))
    path = f"/followups/{case.followup_id}/confirmation"
    bad = enterprise.post(path, json={"amount_cny": -1, "satisfaction": 9})
    assert bad.status_code == 422
    assert set(bad.json["error"]["fields"]) == {"amount_cny", "satisfaction"}
    made = enterprise.post(path, json={"satisfaction": 4})
    assert made.status_code == 201, made.json
    assert made.json["amount_cny"] == 800_000 and made.json["claimed_cny"] == 800_000
    assert enterprise.post(path, json={"satisfaction": 4}).status_code == 409
    assert case.api.post(path, json={"satisfaction": 4}).status_code == 403  # the lawyer
    stranger = api_as(make.user("enterprise", enterprise_uscc=_other_uscc(make)))
    assert stranger.post(path, json={"satisfaction": 4}).status_code == 404
    assert enterprise.post("/followups/2147483647/confirmation", json={}).status_code == 404


def test_staff_recording_a_phone_confirmation_keeps_working_apart(make, api_as):
    case = claimed_loss(make, api_as, amount=500_000, confirmed_by_enterprise=True)
    staff = claimed_followup(case)
    assert staff["confirmed_by_enterprise"] is True
    assert staff["loss_state"] == "confirmed_by_phone"
    figures = summary(api_as)
    assert figures["loss_avoided_cny"] == 500_000
    assert figures["loss_confirmed_by_staff_cny"] == 500_000
    assert figures["loss_confirmed_by_enterprise_cny"] == 0


def test_the_figures_are_kept_apart_in_the_database(make, api_as):
    """The lawyer's claim stays on the follow-up; the enterprise's figure is its own."""
    case = claimed_loss(make, api_as)
    enterprise = api_as(make.user("enterprise", enterprise_uscc="91330105MA2H00010X"))
    enterprise.post(
        f"/followups/{case.followup_id}/confirmation", json={"amount_cny": 0, "satisfaction": 3}
    )
    claimed = make.run(lambda: db.session.get(FollowUp, case.followup_id).loss_avoided_cny)
    assert claimed == 3_000_000
    assert [(c, a) for _, c, a, _, _ in confirmations(make)] == [(3_000_000, 0)]


def _other_uscc(make):
    """Another enterprise, known to the desk (a case of its own), for its account."""
    uscc = demo_uscc("91330105MA2H00021")
    make.case(enterprise={"name": "杭州拱墅丝绸进出口有限公司", "uscc": uscc})
    return uscc
