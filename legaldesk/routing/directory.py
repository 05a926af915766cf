"""Checking a lawyer's directory entry as a coordinator submits it: plain Python."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from legaldesk.errors import FieldErrors
from legaldesk.messages import N_, Msg
from legaldesk.routing.eligibility import REGIONS
from legaldesk.validation import text, visible_text, whole_from_form

LAWYER_KINDS = ("panel_expert", "firm_lawyer")
CONFLICT_KINDS = ("declared", "client", "adversary")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass
class LawyerEntry:
    name: str
    kind: str
    firm_id: int | None
    email: str | None
    jurisdictions: list[str]
    specialties: list[str]
    languages: list[str]
    capacity: int
    on_duty: bool
    active: bool
    leave_from: date | None
    leave_to: date | None


def _codes(raw: Any) -> list[str]:
    """Codes picked from a list (a form's multiple select, the API's array) or typed
    as one text ("US, KZ")."""
    if isinstance(raw, list | tuple):
        raw = " ".join(c for c in raw if isinstance(c, str))
    return [c for c in re.split(r"[\s,，、;；]+", str(raw or "")) if c]


def jurisdiction_codes(raw: Any) -> list[str]:
    """The jurisdictions sent, as upper-case codes (picked or typed)."""
    return [c.upper() for c in _codes(raw)]


def _day(errors: FieldErrors, raw: Any, name: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        errors.add(name, Msg(N_("Enter a date as YYYY-MM-DD.")))
        return None


def validate_lawyer(
    raw: dict[str, Any], countries: set[str], categories: set[str], firms: set[int]
) -> LawyerEntry:
    errors = FieldErrors()
    # No hidden characters (a right-to-left mark turned "No. 38" into "83 .oN" on a
    # draw's public witness sheet): a name must read as what it is.
    name = visible_text(errors, raw.get("name"), "name", 100, required=True)
    kind = raw.get("kind")
    if kind not in LAWYER_KINDS:
        errors.add("kind", Msg(N_("Choose one of the listed options.")))
    firm_id = whole_from_form(str(raw.get("firm_id") or ""))
    if kind == "firm_lawyer" and firm_id not in firms:
        errors.add("firm_id", Msg(N_("A partner-firm lawyer needs their firm.")))
    email = text(errors, raw.get("email"), "email", 254, required=False) or None
    jurisdictions = jurisdiction_codes(raw.get("jurisdictions"))
    unknown = [c for c in jurisdictions if c not in countries and c not in REGIONS]
    if unknown:
        errors.add(
            "jurisdictions",
            Msg(N_("Unknown country code: %(codes)s."), {"codes": ", ".join(unknown[:5])}),
        )
    specialties = [c for c in raw.get("specialties") or [] if isinstance(c, str)]
    if set(specialties) - categories:
        errors.add("specialties", Msg(N_("Choose one of the listed options.")))
    languages = [c.lower() for c in _codes(raw.get("languages"))]
    if not all(_LANGUAGE.match(c) for c in languages):
        errors.add("languages", Msg(N_("Language codes such as zh, en, ru.")))
    capacity = whole_from_form(str(raw.get("capacity") or ""))
    capacity = -1 if capacity is None else capacity
    if not 0 <= capacity <= 100:
        errors.add(
            "capacity", Msg(N_("Enter a number from %(low)d to %(high)d."), {"low": 0, "high": 100})
        )
    leave_from = _day(errors, raw.get("leave_from"), "leave_from")
    leave_to = _day(errors, raw.get("leave_to"), "leave_to")
    if leave_from and leave_to and leave_to < leave_from:
        errors.add("leave_to", Msg(N_("The end is before the start.")))
    errors.raise_if_any()
    return LawyerEntry(
        name,
        str(kind),
        firm_id if kind == "firm_lawyer" else None,
        email,
        list(dict.fromkeys(jurisdictions)),
        list(dict.fromkeys(specialties)),
        list(dict.fromkeys(languages)),
        capacity,
        bool(raw.get("on_duty")),
        bool(raw.get("active")),
        leave_from,
        leave_to,
    )


def validate_conflict_kind(raw: Any) -> str:
    if raw not in CONFLICT_KINDS:
        errors = FieldErrors()
        errors.add("kind", Msg(N_("Choose one of the listed options.")))
        errors.raise_if_any()
    return raw
