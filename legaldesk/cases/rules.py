"""Case rules: statuses and their transition table, intake validation (foreign-relatedness
in region_rules).

Plain Python: every input is an argument (no Flask, no database, no clock).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from legaldesk.cases.region_rules import is_foreign_related, names_hk_mo_tw
from legaldesk.enterprises.rules import normalise_phone, normalise_uscc
from legaldesk.errors import (
    CaseNotCorrectable,
    FieldErrors,
    InvalidTransition,
    ValidationFailed,
)
from legaldesk.messages import N_, Msg
from legaldesk.validation import BAD_EMAIL, EMAIL, NOT_TEXT, text

STATUS_LABELS = {
    "new": N_("New"),
    "routed": N_("Routed"),
    "accepted": N_("Accepted"),
    "advised": N_("Advised"),
    "following_up": N_("Following up"),
    "closed": N_("Closed"),
    "withdrawn": N_("Withdrawn"),
}
STATUSES = tuple(STATUS_LABELS)
OPEN_STATUSES = ("new", "routed", "accepted", "advised", "following_up")

# The one transition table: from status -> statuses it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("routed", "accepted", "withdrawn"),
    "routed": ("accepted", "new", "routed", "withdrawn"),
    "accepted": ("advised", "new", "routed", "withdrawn"),
    "advised": ("following_up", "closed", "withdrawn"),
    "following_up": ("advised", "closed", "withdrawn"),
    "closed": ("following_up", "new"),
    "withdrawn": ("new", "routed", "accepted", "following_up"),
}
NEEDS_ASSIGNEE = ("routed", "accepted")

# Moves that only one use case makes, because they do more than change the status:
# "release" takes the case from its lawyer (a decline, a redraw, sending it back to the
# draw), "assign" hands it to another lawyer, "reopen" brings back a closed or
# withdrawn case with a reason. A plain status change ("Move to ...") never makes them.
DEDICATED: dict[tuple[str, str], str] = {
    ("routed", "new"): "release",
    ("accepted", "new"): "release",
    ("routed", "routed"): "assign",
    ("accepted", "routed"): "assign",
    ("closed", "following_up"): "reopen",
    ("closed", "new"): "reopen",
    ("withdrawn", "new"): "reopen",
    ("withdrawn", "routed"): "reopen",
    ("withdrawn", "accepted"): "reopen",
    ("withdrawn", "following_up"): "reopen",
}
DEDICATED_MESSAGES = {
    "release": N_(
        "To take a case from its lawyer, send it back to the draw or assign another lawyer."
    ),
    "assign": N_("To hand a case to another lawyer, assign the lawyer with a reason."),
    "reopen": N_("A closed or withdrawn case is reopened by a coordinator, with a reason."),
}
REOPENABLE = ("closed", "withdrawn")

CHANNEL_LABELS = {
    "walk_in": N_("Walk-in"),
    "phone": N_("Phone"),
    "online": N_("Online"),
    "referral": N_("Referral"),
}
CHANNELS = tuple(CHANNEL_LABELS)
URGENCY_LABELS = {"normal": N_("Normal"), "urgent": N_("Urgent")}
URGENCIES = tuple(URGENCY_LABELS)

LANGUAGES = ("zh_CN", "en")  # what the enterprise's contact is written to in
# Languages a case may need its lawyer to speak beyond Chinese (the directory's codes):
# only lawyers who list it are drawn.
NEEDED_LANGUAGES = (
    "en", "ja", "ko", "ru", "ar", "de", "fr", "es", "pt", "it", "vi", "th", "ms", "id",
)  # fmt: skip
SUMMARY_MAX = 200
DESCRIPTION_MAX = 20_000
NAME_MAX = 200
NOTE_MAX = 2_000
MAX_COUNTRIES = 30
MAX_COUNTERPARTIES = 20
NOT_LIST = Msg(N_("This field must be a list."))


@dataclass
class IntakeData:
    enterprise_name: str
    uscc: str
    contact_name: str
    phone: str
    email: str | None
    language: str
    channel: str
    category: str
    countries: list[str]
    counterparties: list[str]
    summary: str
    description: str
    urgency: str
    language_needed: str | None = None
    foreign_related: bool = field(init=False)  # 涉外 and 涉港澳台: see region_rules
    hk_mo_tw: bool = field(init=False)

    def __post_init__(self) -> None:
        self.foreign_related = is_foreign_related(self.countries, self.counterparties)
        self.hk_mo_tw = names_hk_mo_tw(self.countries)


def check_transition(current: str, target: str, has_assignee: bool, by: str | None = None) -> None:
    """Raise :class:`InvalidTransition` unless the table allows ``current -> target``;
    a DEDICATED move only for the use case ``by`` names."""
    if target not in STATUSES:
        raise ValidationFailed(fields={"to": [Msg(N_("Unknown status."))]})
    if target not in TRANSITIONS[current]:
        raise InvalidTransition(
            Msg(
                N_("A case cannot go from “%(current)s” to “%(target)s”."),
                {"current": Msg(STATUS_LABELS[current]), "target": Msg(STATUS_LABELS[target])},
            )
        )
    needed = DEDICATED.get((current, target))
    if needed is not None and needed != by:
        raise InvalidTransition(Msg(DEDICATED_MESSAGES[needed]))
    if target in NEEDS_ASSIGNEE and not has_assignee:
        raise InvalidTransition(Msg(N_("Route the case to a lawyer first.")))


def allowed_targets(current: str) -> tuple[str, ...]:
    """Where a plain status change may take the case (dedicated moves have own forms)."""
    return tuple(t for t in TRANSITIONS.get(current, ()) if (current, t) not in DEDICATED)


def reopen_stage(timeline: Sequence[str], lawyer_can_go_on: bool) -> str:
    """The stage a reopened case returns to. ``timeline``: its statuses in order;
    ``lawyer_can_go_on``: its lawyer is active, not on leave, free of conflicts. Only
    what the CURRENT lawyer did since the case last changed hands (routed or new)
    counts: advised, accepted, or only routed (they accept or decline); else new."""
    if not lawyer_can_go_on:
        return "new"
    handed = max((i for i, s in enumerate(timeline) if s in ("routed", "new")), default=-1)
    since = frozenset(timeline[handed + 1 :])
    for reached, stage in (("advised", "following_up"), ("accepted", "accepted")):
        if reached in since:
            return stage
    return "routed" if handed >= 0 and timeline[handed] == "routed" else "new"


def _text(
    errors: FieldErrors, raw: dict[str, Any], key: str, name: str, limit: int, required: bool
) -> str:
    return text(errors, raw.get(key), name, limit, required)


def _choice(
    errors: FieldErrors, value: Any, name: str, choices: Any, default: str | None = None
) -> str:
    if value in (None, "") and default is not None:
        return default
    if value in (None, ""):  # nothing chosen: say so, not "not in the list"
        errors.add(name, Msg(N_("Please choose one.")))
        return ""
    if not isinstance(value, str) or value not in choices:
        errors.add(name, Msg(N_("Choose one of the listed options.")))
        return ""
    return value


def _string_list(errors: FieldErrors, value: Any, name: str, limit: int) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        errors.add(name, NOT_LIST)
        return []
    if not all(isinstance(item, str) for item in value):
        errors.add(name, NOT_TEXT)
        return []
    items = list(dict.fromkeys(item.strip() for item in value if item.strip()))
    if len(items) > limit:
        errors.add(name, Msg(N_("At most %(max)d entries."), {"max": limit}))
    return items


def _object(errors: FieldErrors, raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.add(key, Msg(N_("This field must be an object.")))
        return {}
    return value


def _phone(errors: FieldErrors, contact: dict[str, Any]) -> str:
    """The contact's phone in E.164 form (required)."""
    phone_raw = _text(errors, contact, "phone", "contact.phone", 40, True)
    if not phone_raw:
        return ""
    phone, problem = normalise_phone(phone_raw)
    if problem:
        errors.add("contact.phone", problem)
    return phone


def _email(errors: FieldErrors, contact: dict[str, Any]) -> str | None:
    email = _text(errors, contact, "email", "contact.email", 254, False) or None
    if email and not EMAIL.match(email):
        errors.add("contact.email", BAD_EMAIL)
    return email


def _countries(errors: FieldErrors, raw: dict[str, Any], known: set[str]) -> list[str]:
    codes = [
        c.upper() for c in _string_list(errors, raw.get("countries"), "countries", MAX_COUNTRIES)
    ]
    unknown = [c for c in codes if c not in known]
    if unknown:
        errors.add(
            "countries",
            Msg(N_("Unknown country code: %(codes)s."), {"codes": ", ".join(unknown[:5])}),
        )
    return codes


def _counterparties(errors: FieldErrors, raw: dict[str, Any]) -> list[str]:
    names = _string_list(errors, raw.get("counterparties"), "counterparties", MAX_COUNTERPARTIES)
    if any(len(name) > NAME_MAX for name in names):
        errors.add("counterparties", Msg(N_("At most %(max)d characters."), {"max": NAME_MAX}))
    return names


def validate_intake(raw: Any, categories: set[str], countries: set[str]) -> IntakeData:
    """Check an intake as the API and the form submit it; raise every field error at once."""
    if not isinstance(raw, dict):
        raise ValidationFailed(Msg(N_("The request body must be a JSON object.")))
    errors = FieldErrors()
    enterprise = _object(errors, raw, "enterprise")
    contact = _object(errors, raw, "contact")

    enterprise_name = _text(errors, enterprise, "name", "enterprise.name", NAME_MAX, True)
    uscc_raw = _text(errors, enterprise, "uscc", "enterprise.uscc", 40, True)
    uscc = ""
    if uscc_raw:
        uscc, problem = normalise_uscc(uscc_raw)
        if problem:
            errors.add("enterprise.uscc", problem)
    contact_name = _text(errors, contact, "name", "contact.name", 100, True)
    phone = _phone(errors, contact)
    email = _email(errors, contact)
    language = _choice(
        errors, contact.get("language"), "contact.language", LANGUAGES, default="zh_CN"
    )
    channel = _choice(errors, raw.get("channel"), "channel", CHANNELS)
    category = _choice(errors, raw.get("category"), "category", categories)
    urgency = _choice(errors, raw.get("urgency"), "urgency", URGENCIES, default="normal")
    language_needed = _language_needed(errors, raw)
    country_list = _countries(errors, raw, countries)
    counterparties = _counterparties(errors, raw)
    summary = _text(errors, raw, "summary", "summary", SUMMARY_MAX, True)
    description = _text(errors, raw, "description", "description", DESCRIPTION_MAX, False)
    errors.raise_if_any()
    return IntakeData(
        enterprise_name=enterprise_name,
        uscc=uscc,
        contact_name=contact_name,
        phone=phone,
        email=email,
        language=language,
        channel=channel,
        category=category,
        countries=country_list,
        counterparties=counterparties,
        summary=summary,
        description=description,
        urgency=urgency,
        language_needed=language_needed,
    )


def _language_needed(errors: FieldErrors, raw: dict) -> str | None:
    """None (Chinese will do) or one of NEEDED_LANGUAGES."""
    value = raw.get("language_needed")
    if value in (None, "", "zh"):
        return None
    return _choice(errors, value, "language_needed", NEEDED_LANGUAGES) or None


def validate_note(raw: Any) -> str:
    errors = FieldErrors()
    note = _text(errors, {"note": raw}, "note", "note", NOTE_MAX, False)
    errors.raise_if_any()
    return note


# What "correct a case" may change, in the order the timeline names them; the keys are
# the API's field names (contact.* inside "contact").
CORRECTABLE = {
    "summary": N_("Summary"),
    "description": N_("Description"),
    "category": N_("Category"),
    "urgency": N_("Urgency"),
    "language_needed": N_("Language needed"),
    "countries": N_("Countries or regions concerned"),
    "counterparties": N_("Counterparties"),
    "contact.name": N_("Contact person"),
    "contact.phone": N_("Contact phone"),
    "contact.email": N_("Contact e-mail"),
}
_CONTACT_KEYS = ("name", "phone", "email")
CANNOT_CORRECT = Msg(N_("This field cannot be corrected here."))


def is_correctable(status: str) -> bool:
    """A closed or withdrawn case is a record of what was: it is not corrected."""
    return status in OPEN_STATUSES


def check_correctable(status: str) -> None:
    if not is_correctable(status):
        raise CaseNotCorrectable()


def validate_correction(raw: Any, categories: set[str], countries: set[str]) -> dict[str, Any]:
    """A partial correction as the API (PATCH) and the form submit it, checked by the
    intake's own field rules: only the fields present, every error at once. Answers
    {field: value} with the same field names as CORRECTABLE."""
    if not isinstance(raw, dict):
        raise ValidationFailed(Msg(N_("The request body must be a JSON object.")))
    errors = FieldErrors()
    for key in raw:
        if key not in CORRECTABLE and key != "contact":
            errors.add(key, CANNOT_CORRECT)
    contact = _object(errors, raw, "contact")
    for key in contact:
        if key not in _CONTACT_KEYS:
            errors.add(f"contact.{key}", CANNOT_CORRECT)
    checks: dict[str, Callable[[], Any]] = {
        "summary": lambda: _text(errors, raw, "summary", "summary", SUMMARY_MAX, True),
        "description": lambda: _text(
            errors, raw, "description", "description", DESCRIPTION_MAX, False
        ),
        "category": lambda: _choice(errors, raw.get("category"), "category", categories),
        "urgency": lambda: _choice(errors, raw.get("urgency"), "urgency", URGENCIES),
        "language_needed": lambda: _language_needed(errors, raw),
        "countries": lambda: _countries(errors, raw, countries),
        "counterparties": lambda: _counterparties(errors, raw),
    }
    found: dict[str, Any] = {key: check() for key, check in checks.items() if key in raw}
    contact_checks: dict[str, Callable[[], Any]] = {
        "name": lambda: _text(errors, contact, "name", "contact.name", 100, True),
        "phone": lambda: _phone(errors, contact),
        "email": lambda: _email(errors, contact),
    }
    found |= {f"contact.{k}": check() for k, check in contact_checks.items() if k in contact}
    errors.raise_if_any()
    return found


def corrections(current: dict[str, Any], wanted: dict[str, Any]) -> list[list[Any]]:
    """[field, from, to] for each field whose value the correction changes."""
    return [
        [field, current[field], wanted[field]]
        for field in CORRECTABLE
        if field in wanted and wanted[field] != current[field]
    ]
