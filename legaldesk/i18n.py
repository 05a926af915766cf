"""Language choice and the labels that templates and the API show."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Flask, current_app, request, session
from flask_babel import format_datetime, get_locale
from flask_login import current_user

from legaldesk.audit.rules import ACTION_LABELS
from legaldesk.cases.rules import CHANNEL_LABELS, STATUS_LABELS, URGENCY_LABELS
from legaldesk.countries import country_name
from legaldesk.messages import N_, Msg, render
from legaldesk.zone import desk_zone


def select_locale() -> str:
    """The user's pick, then their saved choice, then the browser's, else Chinese.

    Babel reads "zh_CN" as zh_Hans_CN, so the Chinese catalog lives in
    translations/zh_Hans_CN; "zh_CN" stays the code users and settings see.
    """
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen not in languages and current_user and current_user.is_authenticated:
        chosen = current_user.locale
    if chosen not in languages:
        best = request.accept_languages.best_match(["zh_CN", "zh", "en"]) if request else None
        chosen = "en" if best == "en" else current_app.config["BABEL_DEFAULT_LOCALE"]
    return chosen


def locale_name() -> str:
    return str(get_locale() or "zh_CN")


def is_chinese() -> bool:
    return locale_name().startswith("zh")


def status_label(status: str) -> str:
    return render(STATUS_LABELS.get(status, status))


def channel_label(channel: str) -> str:
    return render(CHANNEL_LABELS.get(channel, channel))


def urgency_label(urgency: str) -> str:
    return render(URGENCY_LABELS.get(urgency, urgency))


def audit_action_label(action: str) -> str:
    return render(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def audit_entry_label(entry: Any) -> str:
    """What an entry of a case's trail says; a refused claim with its real reasons,
    which the lawyer was not told (the trail is for coordinators and admins)."""
    label = audit_action_label(entry.action)
    if entry.action != "routing.claim_refused":
        return label
    reasons = json.loads(entry.detail or "{}").get("reasons", [])
    return render(
        Msg(
            N_("%(action)s: %(reasons)s"),
            {"action": label, "reasons": [Msg(EXCLUSION_LABELS.get(r, r)) for r in reasons]},
        )
    )


EXCLUSION_LABELS = {
    "inactive": N_("inactive"),
    "on_leave": N_("on leave"),
    "jurisdiction": N_("jurisdiction"),
    "specialty": N_("specialty"),
    "language": N_("language"),
    "capacity": N_("at capacity"),
    "conflict": N_("conflict of interest"),
    "declined": N_("declined before"),
    # A claim only: eligible in person, yet the draw would not pick them.
    "panel_first": N_("the expert panel has eligible members, and the panel comes first"),
    "not_on_duty": N_("not on the duty roster"),
    # Refused claims, in the audit trail only.
    "unknown": N_("no such case"),
    "not_open": N_("not open to claim"),
    "assigned": N_("another lawyer has it"),
    "already_yours": N_("already theirs"),
}


CONFLICT_KIND_LABELS = {
    "declared": N_("declared conflict"),
    "client": N_("client (conflict when on the other side)"),
    "adversary": N_("adversary (conflict when asking for help)"),
}


def conflict_kind_label(kind: str) -> str:
    return render(CONFLICT_KIND_LABELS[kind]) if kind in CONFLICT_KIND_LABELS else kind


def exclusion_label(code: str) -> str:
    return render(EXCLUSION_LABELS[code]) if code in EXCLUSION_LABELS else code


def data_label(row: object) -> str:
    """Rows kept as data (categories, closing codes, rooms) carry both languages."""
    if row is None:
        return ""
    if is_chinese():
        return getattr(row, "label_zh", None) or getattr(row, "name", "")
    return (
        getattr(row, "label_en", None) or getattr(row, "name_en", None) or getattr(row, "name", "")
    )


def local_country_name(code: str) -> str:
    return country_name(code, locale_name())


def local_time(value: datetime | None, pattern: str = "yyyy-MM-dd HH:mm") -> str:
    if value is None:
        return ""
    return format_datetime(value.astimezone(desk_zone()), pattern, rebase=False)


def to_local_iso(value: datetime | None) -> str | None:
    """ISO 8601 with the desk's offset, as the API shows times."""
    if value is None:
        return None
    return value.astimezone(desk_zone()).isoformat()


def followup_label(kind: str, key: str | None) -> str:
    from legaldesk.followups import rules

    table = {"channel": rules.CHANNEL_LABELS, "worked": rules.WORKED_LABELS}.get(kind, {})
    return render(table[key]) if key in table else (key or "")


def yuan(amount: int | None) -> str:
    """Integer yuan as the desk writes money: ¥3,000,000 (no floats anywhere)."""
    return "" if amount is None else f"¥{amount:,}"


def weekday_name(iso_weekday: int) -> str:
    from babel.dates import get_day_names

    return get_day_names("wide", locale=locale_name())[iso_weekday - 1]


def without_access_code(path: str) -> str:
    """A same-site path with any ``code`` query parameter (an enterprise's access code
    from a status link) removed, so that no redirect puts it back in the address bar."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "code"]
    return urlunsplit(("", "", parts.path, urlencode(query), parts.fragment))


def return_path() -> str:
    """Where the language switch comes back to: this page, without an access code."""
    return without_access_code(request.full_path.rstrip("?"))


def register(app: Flask) -> None:
    app.jinja_env.filters["localtime"] = local_time
    app.jinja_env.globals.update(
        status_label=status_label,
        audit_action_label=audit_action_label,
        audit_entry_label=audit_entry_label,
        exclusion_label=exclusion_label,
        conflict_kind_label=conflict_kind_label,
        channel_label=channel_label,
        urgency_label=urgency_label,
        data_label=data_label,
        country_name=local_country_name,
        locale_name=locale_name,
        return_path=return_path,
        weekday_name=weekday_name,
        followup_label=followup_label,
        yuan=yuan,
    )
