"""Issue 15 item 1: the language a case needs, asked at intake, is an eligibility rule
of its draw; an urgent case's lawyer has less time to accept (two working hours by
default against four)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.routing.edge import acceptance_hours
from legaldesk.routing.models import Draw
from legaldesk.routing.sla import AcceptanceHours, escalate_overdue
from tests.conftest import dummy_intake
from tests.draw_helpers import route_and_draw

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_language_needed_is_recorded_checked_and_corrected(make, api_as):
    api = api_as("intake", language="en")
    wrong = api.post("/consultations", json=dummy_intake(language_needed="klingon"))
    assert wrong.status_code == 422 and "language_needed" in wrong.json["error"]["fields"]
    made = api.post("/consultations", json=dummy_intake(language_needed="ru"))
    assert made.status_code == 201 and made.json["language_needed"] == "ru"
    reference = made.json["reference"]
    assert api.get(f"/consultations/{reference}").json["language_needed"] == "ru"
    chinese = api.post("/consultations", json=dummy_intake(language_needed="zh"))
    assert chinese.json["language_needed"] is None  # Chinese will do
    corrected = api_as("coordinator").patch(
        f"/consultations/{reference}", json={"language_needed": "ar"}
    )
    assert corrected.status_code == 200 and corrected.json["language_needed"] == "ar"
    cleared = api_as("coordinator").patch(
        f"/consultations/{reference}", json={"language_needed": None}
    )
    assert cleared.json["language_needed"] is None


def test_only_lawyers_who_speak_it_are_drawn(make, api_as):
    speakers = {make.lawyer(languages=["zh", "ru"]).id for _ in range(3)}
    others = {make.lawyer(languages=["zh", "en"]).id for _ in range(3)}
    case = make.case(language_needed="ru")
    body = route_and_draw(api_as("coordinator"), case.reference).json
    assert set(body["draw"]["pool"]) == speakers and body["assignee"]["id"] in speakers
    assert all(body["draw"]["excluded"][str(i)] == ["language"] for i in others)


def test_the_intake_form_asks_for_the_language(client, login):
    login("intake")
    page = client.get("/intake/new").get_data(as_text=True)
    assert "律师须掌握的语言" in page and "中文即可" in page and 'value="ru"' in page


def test_an_urgent_case_is_late_sooner(app, make, api_as):
    for _ in range(3):
        make.lawyer(capacity=10)
    make.user("coordinator")
    urgent = make.case(urgency="urgent", summary="紧急")
    normal = make.case(urgency="normal", summary="一般")
    api = api_as("intake")
    for case in (urgent, normal):
        assert route_and_draw(api, case.reference).status_code == 200
    monday = datetime(2026, 10, 12, 9, 0, tzinfo=SHANGHAI)
    with app.app_context():
        for round_ in db.session.scalars(sa.select(Draw)):
            round_.drawn_at = monday
        db.session.commit()
        hours = AcceptanceHours(normal=4, urgent=2)
        # 09:00 + 2 working hours = 11:00; + 4 = 14:30 (lunch does not count)
        assert (
            escalate_overdue(
                db.session, monday + timedelta(hours=1, minutes=59), hours, SHANGHAI, {}
            )
            == 0
        )
        assert escalate_overdue(db.session, monday + timedelta(hours=2), hours, SHANGHAI, {}) == 1
        assert escalate_overdue(db.session, monday + timedelta(hours=5), hours, SHANGHAI, {}) == 0
        assert (
            escalate_overdue(
                db.session, monday + timedelta(hours=5, minutes=30), hours, SHANGHAI, {}
            )
            == 1
        )
        db.session.commit()
        escalated = {
            r.consultation_id: r.escalated_at
            for r in db.session.scalars(sa.select(Draw).where(Draw.escalated_at.is_not(None)))
        }
        assert escalated[urgent.id] < escalated[normal.id]
    with app.test_request_context():
        assert acceptance_hours() == AcceptanceHours(normal=4.0, urgent=2.0)


def test_the_case_list_counts_an_urgent_case_overdue_after_its_own_hours(app, make, api_as):
    for _ in range(3):
        make.lawyer(capacity=10)
    urgent = make.case(urgency="urgent", summary="紧急")
    normal = make.case(urgency="normal", summary="一般")
    api = api_as("coordinator")
    for case in (urgent, normal):
        route_and_draw(api, case.reference)
    now = datetime.now(SHANGHAI)
    # Drawn three working days ago and just now, both: only the age matters here.
    with app.app_context():
        rounds = {r.consultation_id: r for r in db.session.scalars(sa.select(Draw))}
        rounds[urgent.id].drawn_at = now - timedelta(days=7)
        rounds[normal.id].drawn_at = now - timedelta(days=7)
        db.session.commit()
    listed = api.get("/consultations?overdue=1").json["items"]
    assert {item["reference"] for item in listed} == {urgent.reference, normal.reference}
    app.config["SLA_ACCEPT_URGENT_WORKING_HOURS"] = 100  # both in time
    app.config["SLA_ACCEPT_WORKING_HOURS"] = 100
    assert api.get("/consultations?overdue=1").json["items"] == []
    app.config["SLA_ACCEPT_URGENT_WORKING_HOURS"] = 1
    listed = api.get("/consultations?overdue=1").json["items"]
    assert [item["reference"] for item in listed] == [urgent.reference]
