"""Who may tie, change and read a booking, and when one may start: pure rules."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from legaldesk.auth import rules
from legaldesk.errors import ValidationFailed
from legaldesk.rooms.rules import Slot, check_not_past


def user(role, id=1, lawyer_id=None, enterprise_id=None):
    return SimpleNamespace(role=role, id=id, lawyer_id=lawyer_id, enterprise_id=enterprise_id)


CASE = SimpleNamespace(assignee_id=7, mediator_id=8, enterprise_id=3)
MEDIATOR, OWN_LAWYER = user("lawyer", lawyer_id=8), user("lawyer", lawyer_id=7)
OTHER_LAWYER, CLERK = user("lawyer", lawyer_id=9), user("intake")


@pytest.mark.parametrize(
    "who,manages,sees",
    [
        (user("coordinator"), True, True),
        (user("admin"), True, True),
        (MEDIATOR, True, True),
        (OWN_LAWYER, False, True),  # represents one side: reads the case, runs no sessions
        (CLERK, False, True),
        (OTHER_LAWYER, False, False),
        (user("enterprise", enterprise_id=4), False, False),
    ],
)
def test_who_manages_and_who_reads_a_cases_bookings(who, manages, sees):
    assert rules.may_book_for_case(who, CASE) is manages
    assert rules.may_see_booking(who, CASE) is sees
    assert rules.may_see_booking(who, None)  # a booking of no case is no secret


def test_a_feed_holder_reads_no_case_and_a_booker_keeps_only_their_own_plain_bookings():
    assert not rules.may_see_booking(None, CASE)
    mine = SimpleNamespace(created_by_id=CLERK.id, mediator_id=9)
    assert rules.may_change_booking(CLERK, mine, None)
    assert rules.may_change_booking(OTHER_LAWYER, mine, None)  # the lawyer named on it
    assert not rules.may_change_booking(CLERK, mine, CASE)
    assert not rules.may_change_booking(OTHER_LAWYER, mine, CASE)
    assert rules.may_change_booking(MEDIATOR, mine, CASE)


def test_a_booking_starts_from_now_unless_a_manager_says_why():
    now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    past = Slot(now - timedelta(hours=1), now)
    check_not_past(Slot(now, now + timedelta(hours=1)), now, False, "")
    with pytest.raises(ValidationFailed) as refused:
        check_not_past(past, now, False, "held that morning")
    assert set(refused.value.fields) == {"starts_at"}
    with pytest.raises(ValidationFailed) as refused:
        check_not_past(past, now, True, "")
    assert set(refused.value.fields) == {"past_reason"}
    check_not_past(past, now, True, "held that morning")
