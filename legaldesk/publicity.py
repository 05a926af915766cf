"""Views are login-only unless marked public here (the list is checked in a test).

Enterprise accounts reach only the views marked ``for_enterprises`` (and public ones);
every other page or endpoint answers 404 to them, as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)


def public(view: F) -> F:
    """Mark a view as reachable without logging in."""
    view._legaldesk_public = True  # type: ignore[attr-defined]
    return view


def is_public(view: Callable | None) -> bool:
    return bool(getattr(view, "_legaldesk_public", False))


def for_enterprises(view: F) -> F:
    """Mark a view that an enterprise account may use (it must check ownership itself)."""
    view._legaldesk_for_enterprises = True  # type: ignore[attr-defined]
    return view


def enterprise_may_use(view: Callable | None) -> bool:
    return is_public(view) or bool(getattr(view, "_legaldesk_for_enterprises", False))


def browser_readable(view: F) -> F:
    """Mark an API GET that a logged-in browser may call with its session as well as
    with a bearer token (a read that changes nothing, so no CSRF token is needed)."""
    view._legaldesk_browser_readable = True  # type: ignore[attr-defined]
    return view


def accepts_browser_session(view: Callable | None) -> bool:
    return bool(getattr(view, "_legaldesk_browser_readable", False))
