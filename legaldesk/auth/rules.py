"""Roles, every permission as a named predicate, and login-session rules: plain
Python, no Flask. Services, views and templates ask these predicates; nobody else
compares roles, so a rule changes in one place."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from legaldesk.actor import Actor

ROLES = ("intake", "lawyer", "coordinator", "admin", "enterprise")
STAFF_ROLES = ("intake", "lawyer", "coordinator", "admin")
# Roles that see every case; others see their own (lawyer: assigned; enterprise: theirs).
ALL_CASES_ROLES = ("intake", "coordinator", "admin")
INTAKE_ROLES = ("intake", "coordinator", "admin")
# A login session notes when it was last used at most this often (a write per request
# would be a write lock per page view on SQLite).
SESSION_SEEN_EVERY = timedelta(minutes=5)
# The center's managers: they run routing, the directory, the calendar and the rooms.
_MANAGERS = ("coordinator", "admin")
# Who is told when a routed case waits too long, and who checks the audit chain.
ESCALATION_ROLE = "coordinator"
CHECKPOINT_ROLE = "admin"


def has_known_role(user: Actor) -> bool:
    return user.role in ROLES


def is_enterprise_account(user: Actor) -> bool:
    """An enterprise's own account: it sees its cases, never the staff pages."""
    return user.role == "enterprise"


def has_own_enterprise(user: Actor) -> bool:
    return is_enterprise_account(user) and user.enterprise_id is not None


def is_lawyer(user: Actor) -> bool:
    return user.role == "lawyer"


def has_queue(user: Actor) -> bool:
    """A lawyer account tied to a directory entry has a queue of cases to claim."""
    return is_lawyer(user) and user.lawyer_id is not None


def is_manager(user: Actor) -> bool:
    return user.role in _MANAGERS


def may_see_staff_details(user: Actor) -> bool:
    """Internal fields of a case (assignee, SLA, notes) are for staff accounts."""
    return not is_enterprise_account(user)


def may_reissue_access_code(user: Actor) -> bool:
    return user.role in INTAKE_ROLES


def may_route(user: Actor) -> bool:
    """The front desk routes new cases (a draw), as the managers do."""
    return user.role in ALL_CASES_ROLES


def may_decline(user: Actor, case: Any) -> bool:
    """Only the lawyer the case was routed to may decline it."""
    return has_queue(user) and case.assignee_id == user.lawyer_id


def may_redraw(user: Actor) -> bool:
    return is_manager(user)


def may_see_fairness(user: Actor) -> bool:
    return is_manager(user)


def may_keep_directory(user: Actor) -> bool:
    """Lawyers, firms and declared conflicts are kept by the managers."""
    return is_manager(user)


def may_declare_conflict(user: Actor, lawyer_id: int | None) -> bool:
    """A lawyer declares their own conflicts (and gets their own calendar feed); the
    managers anyone's."""
    return is_manager(user) or (lawyer_id is not None and user.lawyer_id == lawyer_id)


def may_keep_calendar(user: Actor) -> bool:
    """Holidays, make-up working days and confirming a year's calendar."""
    return is_manager(user)


def may_manage_outbox(user: Actor) -> bool:
    return is_manager(user)


def may_read_reports(user: Actor) -> bool:
    return is_manager(user)


def may_book_rooms(user: Actor) -> bool:
    return user.role in STAFF_ROLES


def may_keep_reference_data(user: Actor) -> bool:
    """Categories and closing codes (add, rename, retire): the managers, who run the
    panel, firms and rooms too (DOMAIN.md); changing them changes every form."""
    return is_manager(user)


def may_manage_rooms(user: Actor) -> bool:
    """Room settings and a room's calendar feed."""
    return is_manager(user)


def may_get_own_feed(user: Actor) -> bool:
    """A lawyer's own sessions as a calendar feed (an account tied to the directory)."""
    return has_queue(user)


def may_issue_lawyer_feed(user: Actor, lawyer_id: int | None) -> bool:
    return may_declare_conflict(user, lawyer_id)


def may_follow_up(user: Actor, case: Any) -> bool:
    """The front desk and coordinators, and the case's own lawyer."""
    if user.role in ALL_CASES_ROLES:
        return True
    return has_queue(user) and user.lawyer_id == case.assignee_id


def may_correct_case(user: Actor, case: Any) -> bool:
    """Fixing a case's facts (a wrong phone, a new counterparty): the front desk and
    managers, and the case's own lawyer."""
    if user.role in ALL_CASES_ROLES:
        return True
    return has_queue(user) and user.lawyer_id == case.assignee_id


def may_see_due_followups(user: Actor) -> bool:
    return user.role in STAFF_ROLES


def may_handle_callbacks(user: Actor) -> bool:
    """Calling back an unhappy enterprise is the coordinators' job."""
    return is_manager(user)


def may_rate_service(user: Actor, case: Any) -> bool:
    """Only the enterprise itself rates the service it had."""
    return is_enterprise_account(user) and may_read_case(user, case)


def may_set_email_updates(user: Actor, enterprise_id: int) -> bool:
    return is_enterprise_account(user) and user.enterprise_id == enterprise_id


def may_record_intake(user: Any) -> bool:
    """Staff at the front desk, and enterprise accounts for themselves (online)."""
    return user.role in INTAKE_ROLES or (user.role == "enterprise" and user.enterprise_id)


def sees_all_cases(user: Any) -> bool:
    return user.role in ALL_CASES_ROLES


def may_see_audit_trail(user: Any) -> bool:
    """Who read or changed a case is for the center's managers, not for everyone."""
    return is_manager(user)


def read_scope(user: Any) -> dict[str, int] | None:
    """The cases a user may read, as case attribute == value (``{}``: every case;
    None: none). One predicate for a single case (``may_read_case``) and for lists
    (the case service turns it into a WHERE clause), so the two cannot drift apart.

    Consultations are privileged: a lawyer reads only the cases routed to them. A
    mediator is neutral between the parties and does not read the enterprise's
    consultation; they see the mediation alone (``mediates``)."""
    if sees_all_cases(user):
        return {}
    if user.role == "lawyer" and user.lawyer_id is not None:
        return {"assignee_id": user.lawyer_id}
    if user.role == "enterprise" and user.enterprise_id is not None:
        return {"enterprise_id": user.enterprise_id}
    return None


def may_read_case(user: Any, case: Any) -> bool:
    scope = read_scope(user)
    return scope is not None and all(getattr(case, k) == v for k, v in scope.items())


def may_move_case(user: Any, case: Any, to_status: str) -> bool:
    """Who may ask for a status change (the transition table decides if it is allowed)."""
    if is_manager(user):
        return True
    if user.role == "lawyer":
        # The case's own lawyer, not a mediator who may read it.
        mine = user.lawyer_id is not None and case.assignee_id == user.lawyer_id
        return mine and to_status != "routed"
    if user.role == "intake":  # the front desk routes cases (a draw sets the assignee)
        return to_status in ("routed", "withdrawn")
    return False


def mediates(user: Any, case: Any) -> bool:
    """The lawyer conducting the case's mediation (they see the mediation, not the case)."""
    return (
        user.role == "lawyer" and user.lawyer_id is not None and case.mediator_id == user.lawyer_id
    )


def may_end_sessions_of(actor: Any, user: Any) -> bool:
    """Anyone may log themselves out everywhere; only an admin may do it to others."""
    return actor is None or actor.id == user.id or actor.role == "admin"


def session_seen_is_due(last_seen_at: datetime, now: datetime) -> bool:
    return now - last_seen_at >= SESSION_SEEN_EVERY


def may_book_for_case(user: Any, case: Any) -> bool:
    """Who ties a booking to a case, moves it or records its attendance: the case's
    mediator or the center's managers. A no-show fails the mediation, and the
    sessions are the "next step" the enterprise sees, so not every booker may."""
    return is_manager(user) or mediates(user, case)


def may_change_booking(user: Any, booking: Any, case: Any) -> bool:
    """A case's booking: as ``may_book_for_case``. Any other booking: the
    managers, whoever booked it, and the lawyer named on it."""
    if case is not None:
        return may_book_for_case(user, case)
    return (
        is_manager(user)
        or booking.created_by_id == user.id
        or (booking.mediator_id is not None and booking.mediator_id == user.lawyer_id)
    )


def may_see_booking(user: Any, case: Any) -> bool:
    """A booking's title, participants and case are the case's content: others see
    only that the room is booked, and when. ``user`` None is a secret feed's holder."""
    if case is None:
        return True
    return user is not None and (may_read_case(user, case) or mediates(user, case))


def may_book_in_the_past(user: Any) -> bool:
    """Recording a session after it was held (with a reason) is for the managers."""
    return is_manager(user)


def may_name_mediator(user: Any, lawyer_id: int) -> bool:
    """Naming a mediator blocks that lawyer's calendar, and a clash would tell whether
    they are busy (when a confidential mediation meets): the managers name anyone, a
    lawyer only themself, nobody else anyone."""
    if is_manager(user):
        return True
    return user.role == "lawyer" and user.lawyer_id is not None and user.lawyer_id == lawyer_id


def may_change_started_booking(user: Any) -> bool:
    """Moving or cancelling a session that has begun rewrites what took place, so it
    is for the managers, as recording one after the fact is (with a reason)."""
    return may_book_in_the_past(user)


def template_predicates() -> list[Any]:
    """The predicates templates ask (``{% if may_redraw(current_user) %}``): a page
    never compares roles itself."""
    return [
        may_record_intake,
        has_queue,
        is_enterprise_account,
        is_lawyer,
        may_get_own_feed,
        may_keep_calendar,
        may_keep_directory,
        may_redraw,
        may_reissue_access_code,
        may_see_fairness,
        may_route,
        sees_all_cases,
        may_assign,
        may_reopen,
        may_ask_hand_back,
        may_read_reports,
        may_keep_reference_data,
        may_manage_rooms,
        may_export_cases,
    ]


def may_manage_mediation(user: Actor, case: Any) -> bool:
    """Who runs a case's mediation (opens it, moves it on, names the mediator): the
    managers, the case's own lawyer and its mediator."""
    if is_manager(user):
        return True
    return has_queue(user) and user.lawyer_id in (case.assignee_id, case.mediator_id)


def reads_mediation_only(user: Actor, case: Any) -> bool:
    """A mediator who is not the case's lawyer: they see the mediation, never the
    enterprise's consultation."""
    return mediates(user, case) and not may_read_case(user, case)


def may_write_notes(user: Actor, case: Any) -> bool:
    """Internal notes are the desk's working memory: every staff member who may read
    the case reads and writes them; never an enterprise account, and never a mediator
    who is not the case's lawyer (they do not read the consultation at all)."""
    return (
        not is_enterprise_account(user)
        and may_read_case(user, case)
        and not reads_mediation_only(user, case)
    )


def may_add_documents(user: Actor, case: Any) -> bool:
    """Uploading to a case, sharing its documents with the enterprise or taking a
    share back, and reading every document of it: staff who may read the case (the
    front desk takes evidence over the counter). Never an enterprise account, never a
    mediator who is not the case's lawyer (they do not read the consultation)."""
    return not is_enterprise_account(user) and may_read_case(user, case)


def may_read_document(user: Actor, case: Any, document: Any) -> bool:
    """Staff who may add documents read them all; the enterprise reads only the
    documents shared with it, of its own cases; nobody reads a removed one."""
    if document.removed_at is not None:
        return False
    if may_add_documents(user, case):
        return True
    return is_enterprise_account(user) and may_read_case(user, case) and bool(document.shared)


def may_remove_document(user: Actor, case: Any, document: Any) -> bool:
    """Taking back a mistaken upload: whoever uploaded it, or the managers."""
    return may_add_documents(user, case) and (
        is_manager(user) or document.uploaded_by_id == user.id
    )


def may_assign(user: Actor) -> bool:
    """Naming a case's lawyer by hand overrides the draw, so it is for the center's
    managers, as are its companions: sending a case back to the draw and answering a
    lawyer's request to hand a case back."""
    return is_manager(user)


def may_reopen(user: Actor) -> bool:
    """Bringing back a closed or withdrawn case changes the desk's figures: managers."""
    return is_manager(user)


def may_ask_hand_back(user: Actor, case: Any) -> bool:
    """Only the case's own lawyer asks to hand it back (a routed case they decline)."""
    return has_queue(user) and case.assignee_id == user.lawyer_id


def may_confirm_loss(user: Actor, case: Any) -> bool:
    """Only the enterprise itself confirms (or corrects) the loss avoided its case's
    follow-up claimed; staff record a confirmation given to them by phone instead."""
    return is_enterprise_account(user) and may_read_case(user, case)


def may_administer_users(user: Actor) -> bool:
    """Making accounts, changing their roles, letting them in or shutting them out,
    resetting passwords and revoking tokens: the admins alone (a coordinator runs
    the desk, not its keys)."""
    return user.role == "admin"


def may_see_dashboard(user: Actor) -> bool:
    """The coordinator's dashboard on the home page (what is late, who is loaded)."""
    return is_manager(user)


def may_export_cases(user: Actor) -> bool:
    """The case list as a spreadsheet: coordinators and admins, and lawyers (only
    their own cases). The front desk reads the list on screen but has no need to take
    every case of the desk away in a file; an enterprise reads its own cases in its
    account."""
    return is_manager(user) or user.role == "lawyer"
