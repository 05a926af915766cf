"""What an audit entry says in the reader's language. A wing whose entries carry
details worth showing (a refused claim's reasons) registers how to word them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from legaldesk.audit.rules import ACTION_LABELS
from legaldesk.i18n import table_label

# action -> (its label, the entry) -> the label with the entry's details
_DETAILS: dict[str, Callable[[str, Any], str]] = {}


def describe_details(action: str, describe: Callable[[str, Any], str]) -> None:
    """Word the entries of ``action`` with ``describe`` (registering again is harmless)."""
    _DETAILS[action] = describe


def audit_action_label(action: str) -> str:
    return table_label(ACTION_LABELS, action)


def audit_entry_label(entry: Any) -> str:
    """What an entry of a case's trail says (the trail is for coordinators and admins)."""
    label = audit_action_label(entry.action)
    describe = _DETAILS.get(entry.action)
    return describe(label, entry) if describe else label
