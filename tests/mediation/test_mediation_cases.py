"""Mediation cases on the case page: application, consent, a neutral mediator,
sessions, agreement, and the deadlines that the scheduler applies."""

from datetime import date, timedelta

import sqlalchemy as sa

from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.mediation import rules
from legaldesk.mediation import service as mediations
from legaldesk.mediation.models import Mediation
from legaldesk.notify.models import Notification
from legaldesk.rooms.models import Booking
from legaldesk.scheduler import mediation_timers
from legaldesk.zone import desk_zone
from tests.helpers import mediation_in_progress
from tests.helpers import today as local_today


def mediation_of(make, case):
    return make.run(
        lambda: db.session.scalar(sa.select(Mediation).where(Mediation.consultation_id == case.id))
    )


def open_form(client, case, **extra):
    data = {
        "respondent_name": "Steppe Trade LLP",
        "respondent_contact": "+7 727 000 0000",
        "respondent_email": "legal@steppe.example",
        "applicant_days": ["1", "3"],
        "respondent_days": ["3", "5"],
        **extra,
    }
    return client.post(f"/cases/{case.reference}/mediation", data=data, follow_redirects=True)


def move(client, case, to, reason=None):
    data = {"to": to, **({"reason": reason} if reason else {})}
    return client.post(
        f"/cases/{case.reference}/mediation/move", data=data, follow_redirects=True
    ).get_data(as_text=True)


def choose(client, case, lawyer_id):
    return client.post(
        f"/cases/{case.reference}/mediation/mediator",
        data={"mediator_id": str(lawyer_id), "reason": "双方共同推荐"},
        follow_redirects=True,
    ).get_data(as_text=True)


def test_a_mediation_from_application_to_agreement(app, client, login, make, api_as):
    counsel = make.lawyer()
    case = make.case()
    make.assign(case, counsel.id)
    coordinator = login("coordinator")
    page = open_form(client, case).get_data(as_text=True)
    today = local_today()
    due = make.run(lambda: rules.period_end(today, 14, {}))
    assert "等待对方同意调解" in page and "同意调解截止日" in page and due.isoformat() in page
    assert "调解申请书" in page and "缺" in page  # the checklist says what is missing
    assert open_form(client, case).status_code == 200  # a second one is refused, not a 500
    assert make.run(lambda: db.session.query(Mediation).count()) == 1

    # People cannot claim silence or a no-show; those are for the timer and attendance.
    assert "未作任何更改" in move(client, case, "failed", "no_reply")
    assert "对方已同意，待选定调解员" in move(client, case, "consented")

    # the case's own lawyer and a conflicted lawyer are refused; a neutral one is taken
    assert "本案承办律师不能担任本案调解员" in choose(client, case, counsel.id)
    conflicted = make.lawyer()
    api_as(coordinator).post(
        f"/lawyers/{conflicted.id}/conflicts", json={"party": "ＳＴＥＰＰＥ　ＴＲＡＤＥ"}
    )
    assert "利益冲突" in choose(client, case, conflicted.id)
    neutral = make.lawyer()
    assert "调解中" in choose(client, case, neutral.id)
    assert mediation_of(make, case).mediator_id == neutral.id

    # the mediator sees the mediation and can work on it, but not the enterprise's
    # consultation (privileged advice to one side); another lawyer sees nothing
    mediator_user = make.user("lawyer", lawyer_id=neutral.id)
    other_lawyer = make.user("lawyer")
    client.post("/logout")
    login(mediator_user)
    seen = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "同意调解截止日" in seen and "Steppe Trade LLP" in seen
    assert "即将出口物流设备" not in seen and "周经理" not in seen and "13805710001" not in seen
    assert case.reference not in client.get("/cases").get_data(as_text=True)
    assert api_as(mediator_user).get(f"/consultations/{case.reference}").status_code == 404
    ticked = client.post(
        f"/cases/{case.reference}/mediation/documents",
        data={"code": "identity", "received": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "已保存" in ticked
    client.post("/logout")
    login(other_lawyer)
    assert client.get(f"/cases/{case.reference}").status_code == 404
    assert client.post(
        f"/cases/{case.reference}/mediation/documents", data={"code": "evidence", "received": "1"}
    ).status_code in (302, 404)
    assert "evidence" not in {d.code for d in make.run(lambda: _documents(case))}

    # the finder offers Wednesdays only (Mon/Wed for the enterprise, Wed/Fri for the other side)
    client.post("/logout")
    login(coordinator)
    make.room()
    finder = client.get(
        f"/rooms/find?mediator_id={neutral.id}&minutes=120&applicant_days=1&applicant_days=3"
        f"&respondent_days=3&respondent_days=5&consultation={case.reference}"
    ).get_data(as_text=True)
    offered = finder.split('id="slots"')[1]
    assert "预约这个时段" in offered and "星期三" in offered and "星期五" not in offered
    day = finder.split('name="day" value="')[1].split('"')[0]
    starts = finder.split('name="starts" value="')[1].split('"')[0]
    ends = finder.split('name="ends" value="')[1].split('"')[0]
    assert date.fromisoformat(day).isoweekday() == 3
    booked = client.post(
        "/rooms/book",
        data={
            "room_id": finder.split('name="room_id" value="')[1].split('"')[0],
            "day": day,
            "starts": starts,
            "ends": ends,
            "purpose": "mediation_session",
            "mediator_id": str(neutral.id),
            "consultation": case.reference,
            "attendees": "3",
            "title": "调解会",
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert (
        "已预约。" in booked and "legal@steppe.example" in booked and "zhou@example.com" in booked
    )
    assert "调解会" in client.get(f"/cases/{case.reference}").get_data(as_text=True)
    client.post("/logout")
    login(mediator_user)
    queue = client.get("/queue").get_data(as_text=True)
    assert "我调解的案件" in queue and case.reference in queue and day in queue
    client.post("/logout")
    login(coordinator)

    page = move(client, case, "agreed")
    confirmation = make.run(lambda: rules.period_end(today, 30, {}))
    assert "已达成调解协议" in page and "司法确认申请截止日" in page
    assert confirmation.isoformat() in page


def test_silence_fails_the_mediation_and_a_closed_window_is_recorded(app, make):
    waiting, agreed = make.case(), make.case()
    now = utcnow()

    def setup():
        from legaldesk.auth.models import User

        actor = db.session.get(User, make_user_id)
        for case_id, status in ((waiting.id, "awaiting_consent"), (agreed.id, "agreed")):
            from legaldesk.cases.models import Consultation

            case = db.session.get(Consultation, case_id)
            mediation = mediations.open_mediation(
                db.session,
                actor,
                now - timedelta(days=40),
                case,
                {
                    "respondent_name": "Steppe Trade LLP",
                    "applied_on": (now - timedelta(days=40)).date(),
                },
                {},
                zone=desk_zone(),
            )
            if status == "agreed":
                mediation.status = "agreed"  # set up directly: the path itself is tested above
                mediation.agreed_on = (now - timedelta(days=35)).date()
                mediation.confirmation_due_on = (now - timedelta(days=4)).date()
        db.session.commit()

    make_user_id = make.user("coordinator").id
    make.run(setup)
    assert mediation_timers(app) == {"no_reply": 1, "window_closed": 1}
    assert mediation_timers(app) == {}  # nothing is done twice
    assert mediation_of(make, waiting).status == "failed"
    assert mediation_of(make, waiting).failure_reason == "no_reply"
    assert mediation_of(make, agreed).status == "window_closed"
    kinds = make.run(lambda: db.session.scalars(sa.select(Notification.payload)).all())
    assert sorted(p["what"] for p in kinds) == ["no_reply", "window_closed"]


def test_an_unexcused_no_show_fails_the_mediation(app, make, api_as):
    coordinator = make.user("coordinator")
    case = make.case()
    mediator = make.lawyer()
    room = make.room()

    def setup():
        mediation_in_progress(coordinator.id, case.id, mediator.id, utcnow())
        db.session.commit()

    make.run(setup)
    api = api_as(coordinator)
    session = api.post(
        "/bookings",
        json={
            "room_id": room,
            "starts_at": "2026-11-25T09:00:00+08:00",
            "ends_at": "2026-11-25T11:00:00+08:00",
            "title": "调解会",
            "purpose": "mediation_session",
            "consultation": case.reference,
            "mediator_id": mediator.id,
            "past_reason": "补录当日的调解会",
        },
    ).json
    excused = api.patch(f"/bookings/{session['id']}", json={"attendance": "excused"})
    assert excused.status_code == 200 and mediation_of(make, case).status == "in_mediation"
    api.patch(
        f"/bookings/{session['id']}", json={"attendance": "no_show", "attendance_note": "对方未到"}
    )
    failed = mediation_of(make, case)
    assert failed.status == "failed" and failed.failure_reason == "no_show"
    assert make.run(lambda: db.session.get(Booking, session["id"]).attendance) == "no_show"


def test_the_demo_mediations_show_their_deadlines_and_sessions(app, client, login):
    from legaldesk.cases.models import Consultation
    from legaldesk.demo import load_demo
    from legaldesk.rooms.models import BookingSeries

    with app.app_context():
        load_demo(db.session, utcnow(), desk_zone())
        db.session.commit()
        load_demo(db.session, utcnow(), desk_zone())  # idempotent
        db.session.commit()
        rows = db.session.execute(
            sa.select(Consultation.reference, Mediation)
            .join(Mediation, Mediation.consultation_id == Consultation.id)
            .order_by(Mediation.id)
        ).all()
        assert [m.status for _, m in rows] == ["awaiting_consent", "in_mediation", "agreed"]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(BookingSeries)) == 1
        waiting, running, agreed = [
            (ref, m.consent_due_on, m.confirmation_due_on) for ref, m in rows
        ]
    client.post("/login", data={"email": "coordinator@legaldesk.local", "password": "demo1234"})
    page = client.get(f"/cases/{waiting[0]}").get_data(as_text=True)
    assert "同意调解截止日" in page and waiting[1].isoformat() in page and "还剩" in page
    page = client.get(f"/cases/{running[0]}").get_data(as_text=True)
    assert "调解会" in page and "调解员" in page
    page = client.get(f"/cases/{agreed[0]}").get_data(as_text=True)
    assert "司法确认申请截止日" in page and agreed[2].isoformat() in page


def _documents(case):
    mediation = db.session.scalar(sa.select(Mediation).where(Mediation.consultation_id == case.id))
    return list(mediation.documents)
