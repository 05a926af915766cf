"""Finding: a reopened case went back to "accepted" with a lawyer who never accepted it
(an earlier lawyer had). The stage depends on what the CURRENT lawyer did since the
case reached them: the statuses after its last hand-over (a draw or an assignment,
"routed"; a release or a reopening without a lawyer, "new")."""

import pytest

from legaldesk.cases.rules import check_transition, reopen_stage

# 12 accepted, then the coordinator handed the case to 13, then it was withdrawn
REASSIGNED_THEN_WITHDRAWN = ["new", "routed", "accepted", "routed", "withdrawn"]


@pytest.mark.parametrize(
    "timeline,usable,stage",
    [
        (REASSIGNED_THEN_WITHDRAWN, True, "routed"),  # 13 still accepts or declines
        (REASSIGNED_THEN_WITHDRAWN, False, "new"),
        (["new", "routed", "accepted", "routed", "accepted", "withdrawn"], True, "accepted"),
        (["new", "routed", "withdrawn"], True, "routed"),  # routed, never answered
        (["new", "accepted", "withdrawn"], True, "accepted"),  # claimed: accepted at once
        # advice by an earlier lawyer, then reopened without one and routed afresh
        (
            ["new", "routed", "accepted", "advised", "closed", "new", "routed", "withdrawn"],
            True,
            "routed",
        ),
        (
            ["new", "routed", "accepted", "advised", "closed", "new", "routed", "accepted"]
            + ["withdrawn"],
            True,
            "accepted",
        ),
        (["new", "routed", "accepted", "advised", "following_up", "closed"], True, "following_up"),
        (["new", "routed", "accepted", "advised", "withdrawn"], True, "following_up"),
        # reopened with its lawyer and closed again: still their advice
        (
            ["new", "routed", "accepted", "advised", "closed", "following_up", "closed"],
            True,
            "following_up",
        ),
        (["new", "withdrawn"], True, "new"),
        (["new", "withdrawn"], False, "new"),
    ],
)
def test_the_stage_follows_what_the_current_lawyer_did(timeline, usable, stage):
    assert reopen_stage(timeline, usable) == stage
    check_transition(timeline[-1], stage, has_assignee=usable, by="reopen")
