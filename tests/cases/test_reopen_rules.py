"""Where a reopened case returns, and that only the reopening may move a closed or
withdrawn case (or take one from its lawyer): pure rules, no app."""

from datetime import date

import pytest

from legaldesk.cases.rules import (
    DEDICATED,
    TRANSITIONS,
    allowed_targets,
    check_transition,
    reopen_stage,
)
from legaldesk.errors import InvalidTransition
from legaldesk.routing.eligibility import Candidate, CaseFacts, Conflicts, can_go_on

ADVISED = {"new", "routed", "accepted", "advised", "following_up", "closed"}
ORDER = ["new", "routed", "accepted", "advised", "following_up", "closed", "withdrawn"]


@pytest.mark.parametrize(
    "reached,usable,stage",
    [
        (ADVISED, True, "following_up"),  # advice given, its lawyer still there
        (ADVISED, False, "new"),  # its lawyer left, is on leave or conflicts now
        ({"new", "routed", "accepted", "withdrawn"}, True, "accepted"),
        ({"new", "routed", "accepted", "withdrawn"}, False, "new"),
        ({"new", "routed", "withdrawn"}, True, "routed"),  # still theirs to accept or decline
        ({"new", "withdrawn"}, False, "new"),
    ],
)
def test_a_reopened_case_returns_to_the_stage_that_fits(reached, usable, stage):
    assert reopen_stage(sorted(reached, key=ORDER.index), usable) == stage


def test_every_stage_a_reopening_chooses_is_in_the_table_for_it():
    for start in ("closed", "withdrawn"):
        reached = {"accepted", "advised"} if start == "closed" else {"accepted"}
        for usable in (True, False):
            stage = reopen_stage(sorted(reached | {start}, key=ORDER.index), usable)
            check_transition(start, stage, has_assignee=usable, by="reopen")


@pytest.mark.parametrize("move,by", sorted(DEDICATED.items()))
def test_dedicated_moves_only_for_their_use_case(move, by):
    current, target = move
    assert target in TRANSITIONS[current]
    assert target not in allowed_targets(current)  # never a "Move to" button
    with pytest.raises(InvalidTransition):
        check_transition(current, target, has_assignee=True)
    with pytest.raises(InvalidTransition):
        check_transition(current, target, has_assignee=True, by="something else")
    check_transition(current, target, has_assignee=True, by=by)


def _lawyer(**kw):
    values = dict(
        id=1,
        active=True,
        jurisdictions=("JP",),  # jurisdiction and capacity do not stop a lawyer going on
        specialties=(),
        languages=(),
        capacity=0,
        open_cases=3,
    )
    return Candidate(**(values | kw))


FACTS = CaseFacts(
    countries=("US",), category="export_control", enterprise="杭州远航", counterparties=("Acme",)
)
TODAY = date(2026, 11, 26)


def test_who_can_go_on_with_a_reopened_case():
    assert can_go_on(_lawyer(), FACTS, TODAY)
    assert not can_go_on(_lawyer(active=False), FACTS, TODAY)
    assert not can_go_on(_lawyer(leave_from=TODAY, leave_to=TODAY), FACTS, TODAY)
    assert not can_go_on(_lawyer(conflicts=Conflicts(declared=("ACME",))), FACTS, TODAY)
