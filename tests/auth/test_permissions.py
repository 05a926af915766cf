"""Every permission predicate against every kind of user, as a truth table written
out by hand: a predicate that starts letting in someone new (or shutting out someone
it served) fails here, whatever module asked it."""

from __future__ import annotations

import inspect
from types import SimpleNamespace

import pytest

from legaldesk.auth import rules

CASE = SimpleNamespace(assignee_id=7, mediator_id=8, enterprise_id=3)
# booked by someone else (user 99), naming lawyer 9 as its mediator
BOOKING = SimpleNamespace(created_by_id=99, mediator_id=9)
UNASSIGNED = SimpleNamespace(assignee_id=None, mediator_id=None, enterprise_id=3)
# documents of CASE: uploaded by user 1 (every test user's id) or by someone else
SHARED = SimpleNamespace(shared=True, removed_at=None, uploaded_by_id=99)
INTERNAL = SimpleNamespace(shared=False, removed_at=None, uploaded_by_id=99)
REMOVED = SimpleNamespace(shared=True, removed_at="yesterday", uploaded_by_id=99)
MINE = SimpleNamespace(shared=False, removed_at=None, uploaded_by_id=1)

USERS = {
    "intake": ("intake", None, None),
    "coordinator": ("coordinator", None, None),
    "admin": ("admin", None, None),
    "lawyer_assignee": ("lawyer", 7, None),  # the case's own lawyer
    "lawyer_mediator": ("lawyer", 8, None),  # mediates the case, not its lawyer
    "lawyer_other": ("lawyer", 9, None),
    "lawyer_unlinked": ("lawyer", None, None),  # no directory entry
    "enterprise_own": ("enterprise", None, 3),
    "enterprise_other": ("enterprise", None, 4),
    "enterprise_unlinked": ("enterprise", None, None),
}


def user(label: str) -> SimpleNamespace:
    role, lawyer_id, enterprise_id = USERS[label]
    return SimpleNamespace(id=1, role=role, lawyer_id=lawyer_id, enterprise_id=enterprise_id)


MANAGERS = {"coordinator", "admin"}
DESK = {"intake"} | MANAGERS
LAWYERS = {"lawyer_assignee", "lawyer_mediator", "lawyer_other", "lawyer_unlinked"}
ENTERPRISES = {"enterprise_own", "enterprise_other", "enterprise_unlinked"}

# predicate -> (how to call it for a user, who gets True)
TABLE = {
    "has_known_role": (lambda u: rules.has_known_role(u), set(USERS)),
    "is_enterprise_account": (lambda u: rules.is_enterprise_account(u), ENTERPRISES),
    "has_own_enterprise": (
        lambda u: rules.has_own_enterprise(u),
        {"enterprise_own", "enterprise_other"},
    ),
    "is_lawyer": (lambda u: rules.is_lawyer(u), LAWYERS),
    "has_queue": (
        lambda u: rules.has_queue(u),
        {"lawyer_assignee", "lawyer_mediator", "lawyer_other"},
    ),
    "is_manager": (lambda u: rules.is_manager(u), MANAGERS),
    "sees_all_cases": (lambda u: rules.sees_all_cases(u), DESK),
    "may_record_intake": (
        lambda u: bool(rules.may_record_intake(u)),
        DESK | {"enterprise_own", "enterprise_other"},
    ),
    "may_see_audit_trail": (lambda u: rules.may_see_audit_trail(u), MANAGERS),
    "may_read_case": (
        lambda u: rules.may_read_case(u, CASE),
        DESK | {"lawyer_assignee", "enterprise_own"},
    ),
    "may_write_notes": (
        lambda u: rules.may_write_notes(u, CASE),
        DESK | {"lawyer_assignee"},
    ),
    "may_add_documents": (
        lambda u: rules.may_add_documents(u, CASE),
        DESK | {"lawyer_assignee"},
    ),
    "may_read_document shared": (
        lambda u: rules.may_read_document(u, CASE, SHARED),
        DESK | {"lawyer_assignee", "enterprise_own"},
    ),
    "may_read_document internal": (
        lambda u: rules.may_read_document(u, CASE, INTERNAL),
        DESK | {"lawyer_assignee"},
    ),
    "may_read_document removed": (lambda u: rules.may_read_document(u, CASE, REMOVED), set()),
    "may_remove_document of another": (
        lambda u: rules.may_remove_document(u, CASE, INTERNAL),
        MANAGERS,
    ),
    "may_remove_document own upload": (
        lambda u: rules.may_remove_document(u, CASE, MINE),
        DESK | {"lawyer_assignee"},
    ),
    "mediates": (lambda u: rules.mediates(u, CASE), {"lawyer_mediator"}),
    "reads_mediation_only": (
        lambda u: rules.reads_mediation_only(u, CASE),
        {"lawyer_mediator"},
    ),
    "may_see_staff_details": (lambda u: rules.may_see_staff_details(u), DESK | LAWYERS),
    "may_reissue_access_code": (lambda u: rules.may_reissue_access_code(u), DESK),
    "may_route": (lambda u: rules.may_route(u), DESK),
    "may_decline": (lambda u: rules.may_decline(u, CASE), {"lawyer_assignee"}),
    "may_redraw": (lambda u: rules.may_redraw(u), MANAGERS),
    "may_see_fairness": (lambda u: rules.may_see_fairness(u), MANAGERS),
    "may_keep_directory": (lambda u: rules.may_keep_directory(u), MANAGERS),
    "may_declare_conflict": (
        lambda u: rules.may_declare_conflict(u, 7),
        MANAGERS | {"lawyer_assignee"},
    ),
    "may_keep_calendar": (lambda u: rules.may_keep_calendar(u), MANAGERS),
    "may_manage_outbox": (lambda u: rules.may_manage_outbox(u), MANAGERS),
    "may_read_reports": (lambda u: rules.may_read_reports(u), MANAGERS),
    "may_book_rooms": (lambda u: rules.may_book_rooms(u), DESK | LAWYERS),
    "may_manage_rooms": (lambda u: rules.may_manage_rooms(u), MANAGERS),
    "may_keep_reference_data": (lambda u: rules.may_keep_reference_data(u), MANAGERS),
    "may_get_own_feed": (
        lambda u: rules.may_get_own_feed(u),
        {"lawyer_assignee", "lawyer_mediator", "lawyer_other"},
    ),
    "may_issue_lawyer_feed": (
        lambda u: rules.may_issue_lawyer_feed(u, 7),
        MANAGERS | {"lawyer_assignee"},
    ),
    "may_follow_up": (lambda u: rules.may_follow_up(u, CASE), DESK | {"lawyer_assignee"}),
    "may_correct_case": (lambda u: rules.may_correct_case(u, CASE), DESK | {"lawyer_assignee"}),
    "may_see_due_followups": (lambda u: rules.may_see_due_followups(u), DESK | LAWYERS),
    "may_handle_callbacks": (lambda u: rules.may_handle_callbacks(u), MANAGERS),
    "may_rate_service": (lambda u: rules.may_rate_service(u, CASE), {"enterprise_own"}),
    "may_set_email_updates": (
        lambda u: rules.may_set_email_updates(u, 3),
        {"enterprise_own"},
    ),
    "may_manage_mediation": (
        lambda u: rules.may_manage_mediation(u, CASE),
        MANAGERS | {"lawyer_assignee", "lawyer_mediator"},
    ),
    "may_book_for_case": (
        lambda u: rules.may_book_for_case(u, CASE),
        MANAGERS | {"lawyer_mediator"},
    ),
    "may_see_booking": (
        lambda u: rules.may_see_booking(u, CASE),
        DESK | {"lawyer_assignee", "lawyer_mediator", "enterprise_own"},
    ),
    "may_change_booking of a case": (
        lambda u: rules.may_change_booking(u, BOOKING, CASE),
        MANAGERS | {"lawyer_mediator"},
    ),
    "may_change_booking without a case": (
        lambda u: rules.may_change_booking(u, BOOKING, None),
        MANAGERS | {"lawyer_other"},
    ),
    "may_administer_users": (lambda u: rules.may_administer_users(u), {"admin"}),
    "may_end_sessions_of another": (
        lambda u: rules.may_end_sessions_of(u, SimpleNamespace(id=2)),
        {"admin"},
    ),
    "may_book_in_the_past": (lambda u: rules.may_book_in_the_past(u), MANAGERS),
    "may_change_started_booking": (lambda u: rules.may_change_started_booking(u), MANAGERS),
    "may_name_mediator": (
        lambda u: rules.may_name_mediator(u, 7),
        MANAGERS | {"lawyer_assignee"},
    ),
    "may_assign": (lambda u: rules.may_assign(u), MANAGERS),
    "may_reopen": (lambda u: rules.may_reopen(u), MANAGERS),
    "may_ask_hand_back": (lambda u: rules.may_ask_hand_back(u, CASE), {"lawyer_assignee"}),
    "may_move_case to routed": (
        lambda u: rules.may_move_case(u, CASE, "routed"),
        DESK,
    ),
    "may_move_case to advised": (
        lambda u: rules.may_move_case(u, CASE, "advised"),
        MANAGERS | {"lawyer_assignee"},
    ),
    "may_confirm_loss": (lambda u: rules.may_confirm_loss(u, CASE), {"enterprise_own"}),
    "may_move_case to withdrawn": (
        lambda u: rules.may_move_case(u, CASE, "withdrawn"),
        DESK | {"lawyer_assignee"},
    ),
    "may_see_dashboard": (lambda u: rules.may_see_dashboard(u), MANAGERS),
    "may_export_cases": (lambda u: rules.may_export_cases(u), MANAGERS | LAWYERS),
}


@pytest.mark.parametrize("name", sorted(TABLE))
def test_truth_table(name):
    ask, allowed = TABLE[name]
    answers = {label: ask(user(label)) for label in USERS}
    assert {label for label, yes in answers.items() if yes} == allowed


def test_every_predicate_has_a_row():
    """A new predicate joins the table, so its truth is written down once."""
    asked = {name.split(" ")[0] for name in TABLE}
    predicates = {
        name
        for name, fn in inspect.getmembers(rules, inspect.isfunction)
        if fn.__module__ == rules.__name__
        and name.startswith(("may_", "can_", "has_", "is_", "sees_", "reads_", "mediates"))
    }
    assert predicates - asked == set()


def test_nobody_declines_or_follows_up_an_unassigned_case_as_its_lawyer():
    """A lawyer without a directory entry is not the lawyer of a case without one."""
    lost = user("lawyer_unlinked")
    assert not rules.may_decline(lost, UNASSIGNED)
    assert not rules.may_follow_up(lost, UNASSIGNED)
    assert not rules.may_issue_lawyer_feed(lost, None)


def test_a_mediator_who_is_also_the_cases_lawyer_writes_notes():
    """Mediating does not shut out the case's own lawyer; it never lets in another."""
    both = SimpleNamespace(assignee_id=7, mediator_id=7, enterprise_id=3)
    assert rules.may_write_notes(user("lawyer_assignee"), both)
    assert not rules.may_write_notes(user("lawyer_mediator"), both)
    assert not rules.may_write_notes(user("lawyer_unlinked"), UNASSIGNED)


def test_nobody_asks_to_hand_back_an_unassigned_case():
    assert not rules.may_ask_hand_back(user("lawyer_unlinked"), UNASSIGNED)
