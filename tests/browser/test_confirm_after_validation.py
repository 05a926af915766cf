"""A coordinator cancels a booking that has begun: the browser asks for the reason
before it asks "cancel anyway?", so nobody confirms an action that is then refused."""

from datetime import timedelta

import pytest

from legaldesk.clock import utcnow
from legaldesk.db import db
from tests.browser.conftest import log_in
from tests.conftest import NOW, ROOMS_SINCE, create_user, fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def begun_desk(tmp_path):
    from legaldesk.rooms.models import Booking, Room

    app = fresh_sqlite_app(tmp_path, "begun")
    with app.app_context():
        create_user("coordinator", email="chen@desk.test", name="陈思远")
        room = Room(name="商事调解室一", kind="mediation", capacity=8, created_at=ROOMS_SINCE)
        db.session.add(room)
        db.session.flush()
        began = utcnow().replace(microsecond=0) - timedelta(minutes=30)
        booking = Booking(
            room_id=room.id,
            starts_at=began,
            ends_at=began + timedelta(hours=2),
            blocked_until=began + timedelta(hours=2),
            title="企业座谈",
            created_at=NOW,
        )
        db.session.add(booking)
        db.session.commit()
        booking_id = booking.id
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        server.booking_id = booking_id
        yield server


def test_the_reason_is_asked_before_the_confirmation(page, begun_desk):
    base = begun_desk.base
    log_in(page, base, "chen@desk.test")
    page.goto(base + f"/rooms/bookings/{begun_desk.booking_id}")
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    form = page.locator("form[action$='/cancel']")
    cancel = form.locator("button.danger").first
    cancel.click()
    page.wait_for_timeout(300)
    assert questions == []  # the empty reason stopped the form before any question
    assert page.url.endswith(f"/rooms/bookings/{begun_desk.booking_id}")

    form.locator("input[name=past_reason]").fill("当事人临时改期")
    cancel.click()
    page.wait_for_load_state()
    assert questions == ["该预约已经开始。仍要取消吗？您填写的理由将记入审计日志。"]
    assert "已取消" in page.inner_text("main")
