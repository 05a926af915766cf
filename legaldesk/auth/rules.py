"""Roles, per-case permission predicates and login-session rules: plain Python, no Flask."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from legaldesk.messages import N_, Msg

ROLES = ("intake", "lawyer", "coordinator", "admin", "enterprise")
STAFF_ROLES = ("intake", "lawyer", "coordinator", "admin")
# Roles that see every case; others see their own (lawyer: assigned; enterprise: theirs).
ALL_CASES_ROLES = ("intake", "coordinator", "admin")
INTAKE_ROLES = ("intake", "coordinator", "admin")
# A login session notes when it was last used at most this often (a write per request
# would be a write lock per page view on SQLite).
SESSION_SEEN_EVERY = timedelta(minutes=5)


def can_record_intake(user: Any) -> bool:
    """Staff at the front desk, and enterprise accounts for themselves (online)."""
    return user.role in INTAKE_ROLES or (user.role == "enterprise" and user.enterprise_id)


def sees_all_cases(user: Any) -> bool:
    return user.role in ALL_CASES_ROLES


def can_see_audit_trail(user: Any) -> bool:
    """Who read or changed a case is for the center's managers, not for everyone."""
    return user.role in ("coordinator", "admin")


def read_scope(user: Any) -> dict[str, int] | None:
    """The cases a user may read, as case attribute == value (``{}``: every case;
    None: none). One predicate for a single case (``can_read_case``) and for lists
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


def can_read_case(user: Any, case: Any) -> bool:
    scope = read_scope(user)
    return scope is not None and all(getattr(case, k) == v for k, v in scope.items())


def may_move_case(user: Any, case: Any, to_status: str) -> bool:
    """Who may ask for a status change (the transition table decides if it is allowed)."""
    if user.role in ("coordinator", "admin"):
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


# What a person calls the browser and the system behind a User-Agent header, first
# match wins: apps and Chromium's offspring also name Chrome and Safari, and Huawei's
# HarmonyOS also names Android. Brands known by another name in Chinese (微信, 钉钉)
# are marked for translation; the rest read the same in every language.
_BROWSERS = (
    ("MicroMessenger/", N_("WeChat")),
    ("DingTalk/", N_("DingTalk")),
    ("HuaweiBrowser/", N_("Huawei Browser")),
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("Edge/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", N_("Samsung Internet")),
    ("UCBrowser/", N_("UC Browser")),
    ("QQBrowser/", N_("QQ Browser")),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Trident/", "Internet Explorer"),
    ("MSIE ", "Internet Explorer"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("HarmonyOS", "HarmonyOS"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)
# Programs that log in through the form (scripts, command-line tools), by their
# first product token.
_PROGRAMS = frozenset(
    {"curl", "wget", "python-requests", "python-urllib", "python-httpx", "aiohttp"}
    | {"go-http-client", "okhttp", "postmanruntime", "httpie", "node-fetch", "axios"}
)


def device_label(user_agent: str) -> Msg:
    """A session's browser as a person says it ("Chrome on Windows"), from the
    User-Agent header; a header nobody would recognise is an unknown browser."""
    agent = user_agent or ""
    product = agent.split("/", 1)[0].strip()
    if product.lower() in _PROGRAMS:
        return Msg(N_("Program (%(name)s)"), {"name": product})
    browser = next((Msg(name) for token, name in _BROWSERS if token in agent), None)
    system = next((name for token, name in _SYSTEMS if token in agent), None)
    if browser and system:
        return Msg(N_("%(browser)s on %(system)s"), {"browser": browser, "system": system})
    if browser:
        return browser
    if system and product == "Mozilla":
        return Msg(N_("A browser on %(system)s"), {"system": system})
    return Msg(N_("Unknown browser"))


def may_manage_mediation(user: Any, case: Any) -> bool:
    """Who ties a booking to a case, moves it or records its attendance: the case's
    mediator or the center's managers. A no-show fails the mediation, and the
    sessions are the "next step" the enterprise sees, so not every booker may."""
    return user.role in ("coordinator", "admin") or mediates(user, case)


def may_change_booking(user: Any, booking: Any, case: Any) -> bool:
    """A case's booking: as ``may_manage_mediation``. Any other booking: the
    managers, whoever booked it, and the lawyer named on it."""
    if case is not None:
        return may_manage_mediation(user, case)
    return (
        user.role in ("coordinator", "admin")
        or booking.created_by_id == user.id
        or (booking.mediator_id is not None and booking.mediator_id == user.lawyer_id)
    )


def can_see_booking(user: Any, case: Any) -> bool:
    """A booking's title, participants and case are the case's content: others see
    only that the room is booked, and when. ``user`` None is a secret feed's holder."""
    if case is None:
        return True
    return user is not None and (can_read_case(user, case) or mediates(user, case))


def may_book_in_the_past(user: Any) -> bool:
    """Recording a session after it was held (with a reason) is for the managers."""
    return user.role in ("coordinator", "admin")


def may_name_mediator(user: Any, lawyer_id: int) -> bool:
    """Naming a mediator blocks that lawyer's calendar, and a clash would tell whether
    they are busy (when a confidential mediation meets): the managers name anyone, a
    lawyer only themself, nobody else anyone."""
    if user.role in ("coordinator", "admin"):
        return True
    return user.role == "lawyer" and user.lawyer_id is not None and user.lawyer_id == lawyer_id


def may_change_started_booking(user: Any) -> bool:
    """Moving or cancelling a session that has begun rewrites what took place, so it
    is for the managers, as recording one after the fact is (with a reason)."""
    return may_book_in_the_past(user)
