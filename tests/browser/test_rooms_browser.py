"""A coordinator books a weekly class from /rooms: the clashing date is listed, left
out on request, and the rest of the series is cancelled from a booking's page."""

import re
from datetime import timedelta

import pytest

from legaldesk.db import db
from tests.browser.conftest import log_in, screenshot
from tests.conftest import NOW, ROOMS_SINCE, create_user, fresh_sqlite_app
from tests.helpers import at, future_working_day
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
# Five working Tuesdays from FIRST, in the weeks from MONDAY; the third is taken.
FIRST = future_working_day(weekday=1, count=5)
MONDAY = FIRST - timedelta(days=1)
THIRD = FIRST + timedelta(weeks=2)


@pytest.fixture
def rooms_desk(tmp_path):
    from legaldesk.rooms.models import Booking, Room

    app = fresh_sqlite_app(tmp_path, "rooms")
    with app.app_context():
        create_user("coordinator", email="chen@desk.test", name="陈思远")
        room = Room(
            name="普法多功能室",
            name_en="Legal-education room",
            kind="legal_education",
            capacity=40,
            created_at=ROOMS_SINCE,
        )
        db.session.add(room)
        db.session.flush()
        taken = at(THIRD, "15:00")
        db.session.add(
            Booking(
                room_id=room.id,
                starts_at=taken,
                ends_at=taken.replace(hour=16),
                blocked_until=taken.replace(hour=16),
                title="企业座谈",
                created_at=NOW,
            )
        )
        db.session.commit()
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        yield server


def test_a_weekly_class_with_one_taken_date(page, rooms_desk):
    base = rooms_desk.base
    log_in(page, base, "chen@desk.test")
    page.goto(base + f"/rooms?week={MONDAY}")
    form = page.locator("form[action$='/rooms/book']").last
    form.locator("input[name=day]").fill(str(FIRST))
    form.locator("input[name=starts]").fill("14:00")
    form.locator("input[name=ends]").fill("16:00")
    form.locator("input[name=title]").fill("出口管制合规讲座")
    form.locator("select[name=purpose]").select_option("legal_education")
    form.locator("input[name=attendees]").fill("30")
    form.locator("input[name=repeat_count]").fill("5")
    form.locator("button[type=submit]").click()

    problems = page.locator("#series-problems")
    problems.wait_for()
    assert str(THIRD) in problems.inner_text()
    assert "企业座谈" in page.inner_text(".flash, .flashes, main")
    screenshot(page, "series-problems")
    problems.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/rooms/bookings/\d+$"))
    assert f"已预约 4 个日期；按您的选择跳过：{THIRD}" in page.inner_text("main")

    page.goto(base + f"/rooms?week={MONDAY + timedelta(weeks=1)}")
    page.click("text=出口管制合规讲座")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=取消本次及以后各次")
    page.wait_for_load_state()
    assert "已取消 3 个预约" in page.inner_text("main")
    page.goto(base + f"/rooms?week={MONDAY}")
    assert "出口管制合规讲座" in page.inner_text("table.week")
    page.goto(base + f"/rooms?week={MONDAY + timedelta(weeks=3)}")
    assert "出口管制合规讲座" not in page.inner_text("table.week")
