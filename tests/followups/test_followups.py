"""Follow-ups: scheduled at advice, recorded with the loss avoided, reminders once,
callbacks for the unsatisfied, and the figures in the report summary."""

from datetime import date, timedelta

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.db import db
from legaldesk.followups.models import Callback, FollowUp
from legaldesk.notify.models import Notification, OutboxMessage
from legaldesk.scheduler import followup_reminders
from tests.helpers import at_once
from tests.helpers import today as local_today


def advised_case(make, api_as, lawyer=None):
    """A case taken to "advised" through the API by its own lawyer."""
    lawyer = lawyer or make.lawyer(email="lawyer@firm.test")
    counsel = make.user("lawyer", lawyer_id=lawyer.id)
    case = make.case()
    make.assign(case, lawyer.id)
    api = api_as(counsel)
    for status in ("accepted", "advised"):
        assert (
            api.post(
                f"/consultations/{case.reference}/transitions", json={"to": status}
            ).status_code
            == 200
        )
    return case, api, lawyer


def followups_of(make, case):
    return make.run(
        lambda: db.session.scalars(
            sa.select(FollowUp).where(FollowUp.consultation_id == case.id).order_by(FollowUp.id)
        ).all()
    )


def test_advice_schedules_a_follow_up_seven_days_later(app, make, api_as):
    case, api, _ = advised_case(make, api_as)
    (first,) = followups_of(make, case)
    today = local_today()
    assert first.due_on == today + timedelta(days=7) and first.channel == "phone"
    listed = api.get(f"/consultations/{case.reference}/followups").json
    assert [f["due_on"] for f in listed] == [first.due_on.isoformat()]
    # back to advised after a follow-up: no second open one is added
    app.config["FOLLOWUP_DAYS"] = 10
    more = api.post(
        f"/consultations/{case.reference}/followups",
        json={"due_on": "2027-01-15", "channel": "visit"},
    )
    assert more.status_code == 201 and more.json["channel"] == "visit"
    assert len(followups_of(make, case)) == 2


def test_recording_a_follow_up_with_a_confirmed_loss(app, make, api_as):
    case, api, _ = advised_case(make, api_as)
    (followup,) = followups_of(make, case)
    body = {
        "done": True,
        "result": "企业回电：意见及时",
        "advice_worked": "yes",
        "loss_avoided_cny": 3_000_000,
        "loss_basis": "按合同金额估算",
        "confirmed_by_enterprise": True,
        "satisfaction": 5,
    }
    answer = api.patch(f"/followups/{followup.id}", json=body)
    assert answer.status_code == 200, answer.json
    assert answer.json["done"] and answer.json["loss_avoided_cny"] == 3_000_000
    assert api.get(f"/consultations/{case.reference}").json["status"] == "following_up"

    coordinator = api_as("coordinator")
    today = local_today().isoformat()  # the desk's day, not the machine's
    summary = coordinator.get(f"/reports/summary?from=2026-01-01&to={today}").json
    assert summary["loss_avoided_cny"] == 3_000_000
    assert summary["satisfaction_avg"] == 5.0 and summary["satisfied_share"] == 1.0
    assert summary["consultations"] >= 1 and summary["by_channel"]["phone"] >= 1
    assert (
        summary["by_country"]["KZ"] >= 1 and summary["median_hours_to_first_response"] is not None
    )


def test_only_confirmed_losses_count_as_avoided(make, api_as):
    case, api, _ = advised_case(make, api_as)
    (followup,) = followups_of(make, case)
    api.patch(
        f"/followups/{followup.id}",
        json={"done": True, "result": "估计", "loss_avoided_cny": 80_000, "loss_basis": "估算"},
    )
    summary = api_as("coordinator").get("/reports/summary?from=2026-01-01&to=2030-12-31").json
    assert summary["loss_avoided_cny"] == 0
    assert summary["loss_estimated_unconfirmed_cny"] == 80_000


def test_bad_follow_ups_are_422_with_the_field(make, api_as):
    case, api, _ = advised_case(make, api_as)
    (followup,) = followups_of(make, case)
    bad = [
        (
            {"done": True, "result": "x", "loss_avoided_cny": 12.5, "loss_basis": "b"},
            "loss_avoided_cny",
        ),
        (
            {"done": True, "result": "x", "loss_avoided_cny": -1, "loss_basis": "b"},
            "loss_avoided_cny",
        ),
        ({"done": True, "result": "x", "loss_avoided_cny": 10}, "loss_basis"),
        ({"done": True, "result": "x", "satisfaction": 6}, "satisfaction"),
        ({"done": True, "result": "x", "confirmed_by_enterprise": True}, "confirmed_by_enterprise"),
        ({"result": "x"}, "done"),
        ({"done": True}, "result"),
        ({"done": True, "result": "x", "advice_worked": "maybe"}, "advice_worked"),
    ]
    for body, field in bad:
        answer = api.patch(f"/followups/{followup.id}", json=body)
        assert answer.status_code == 422 and field in answer.json["error"]["fields"], (
            body,
            answer.json,
        )
    for body, field in (
        ({"due_on": "soon"}, "due_on"),
        ({"due_on": "2027-01-05", "channel": "fax"}, "channel"),
        ({"due_on": "2001-01-01"}, "due_on"),
    ):
        answer = api.post(f"/consultations/{case.reference}/followups", json=body)
        assert answer.status_code == 422 and field in answer.json["error"]["fields"]
    assert api.patch("/followups/999999", json={"done": True, "result": "x"}).status_code == 404
    stranger = api_as(make.user("lawyer"))
    assert (
        stranger.patch(f"/followups/{followup.id}", json={"done": True, "result": "x"}).status_code
        == 404
    )
    assert (
        stranger.post(
            f"/consultations/{case.reference}/followups", json={"due_on": "2027-01-05"}
        ).status_code
        == 404
    )


def test_an_unsatisfied_answer_opens_a_callback(client, login, make, api_as):
    case, api, _ = advised_case(make, api_as)
    (followup,) = followups_of(make, case)
    coordinator = make.user("coordinator")
    api.patch(
        f"/followups/{followup.id}", json={"done": True, "result": "不满意", "satisfaction": 2}
    )
    (callback,) = make.run(lambda: db.session.scalars(sa.select(Callback)).all())
    told = make.run(
        lambda: db.session.scalars(
            sa.select(Notification.kind).where(Notification.user_id == coordinator.id)
        ).all()
    )
    assert told == ["callback_needed"]
    login(coordinator)
    page = client.get("/followups").get_data(as_text=True)
    assert "回访不满意的企业" in page and case.reference in page
    refused = client.post(
        f"/callbacks/{callback.id}/done", data={"note": ""}, follow_redirects=True
    )
    assert "回访情况未记录" in refused.get_data(as_text=True)
    client.post(f"/callbacks/{callback.id}/done", data={"note": "已致歉并补充说明"})
    assert make.run(lambda: db.session.get(Callback, callback.id).done_at) is not None


def test_recording_from_the_case_page(client, login, make, api_as):
    case, _, lawyer = advised_case(make, api_as)
    (followup,) = followups_of(make, case)
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "法律意见是否奏效" in page and "避免损失（元，整数）" in page
    missing = client.post(
        f"/followups/{followup.id}/record",
        data={"result": "回访", "loss_avoided_cny": "3,000,000"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "回访未记录" in missing  # did the advice work? must be answered
    done = client.post(
        f"/followups/{followup.id}/record",
        data={
            "result": "企业回电：意见及时",
            "advice_worked": "yes",
            "loss_avoided_cny": "3,000,000",
            "loss_basis": "按合同金额估算",
            "confirmed_by_enterprise": "1",
            "satisfaction": "5",
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "回访已记录" in done and "¥3,000,000" in done and "企业已确认" in done


def test_a_due_follow_up_reminds_its_lawyer_once_even_with_two_schedulers(app, make, api_as):
    case, _, lawyer = advised_case(make, api_as)
    lawyer_user = make.run(
        lambda: db.session.scalar(sa.select(User.id).where(User.lawyer_id == lawyer.id))
    )

    def make_due():
        for followup in db.session.scalars(sa.select(FollowUp)):
            followup.due_on = date(2026, 1, 5)
        db.session.commit()

    make.run(make_due)
    counts = at_once(lambda: followup_reminders(app))
    assert sorted(counts) == [0, 1]
    assert followup_reminders(app) == 0
    with app.app_context():
        mails = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.kind == "followup_due")
        ).all()
        assert [m.recipient for m in mails] == ["lawyer@firm.test"]
        told = db.session.scalars(
            sa.select(Notification.kind).where(Notification.user_id == lawyer_user)
        ).all()
        assert told.count("followup_due") == 1


def test_reports_are_for_coordinators_and_check_their_dates(api_as):
    assert api_as("intake").get("/reports/summary").status_code == 403
    coordinator = api_as("coordinator")
    assert coordinator.get("/reports/summary").status_code == 200
    for query in ("from=yesterday", "from=2026-12-01&to=2026-01-01", "to=1800-01-01"):
        assert coordinator.get(f"/reports/summary?{query}").status_code == 422, query
