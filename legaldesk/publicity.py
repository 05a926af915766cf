"""Views are login-only unless marked public here (the list is checked in a test)."""

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
