"""The routing wing's words in the reader's language: why a lawyer was left out, the
kinds of conflict, a refused claim in the audit trail, and its notifications."""

from __future__ import annotations

import json
from typing import Any

from legaldesk.countries import country_choices
from legaldesk.i18n import local_country_name, locale_name, table_label
from legaldesk.messages import N_, Msg, render
from legaldesk.notify.kinds import worded
from legaldesk.routing.rules import (
    CONFLICT_KIND_LABELS,
    CONTRIBUTION_SOURCE_LABELS,
    DECLINED,
    EXCLUSION_LABELS,
    HAND_BACK_LAPSED,
    HAND_BACK_MOVED_ON,
    REDRAWN,
    VOID_REASONS,
)

# Groupings a lawyer may cover as a whole (eligibility.REGIONS), by name.
# Beside an overdue case in a list (cases.list_options.reasons), what is late.
LATE_TO_ACCEPT = N_("Past the time for the lawyer to accept")
REGION_LABELS = {"EU": N_("European Union"), "ASEAN": N_("ASEAN")}


def jurisdiction_name(code: str) -> str:
    """A jurisdiction as people say it: 美国, 欧盟 (never "US" or "EU")."""
    if code in REGION_LABELS:
        return table_label(REGION_LABELS, code)
    return local_country_name(code)


def jurisdiction_choices() -> list[tuple[str, str]]:
    """The picker's options: the regions first, then every country by name."""
    regions = [(code, table_label(REGION_LABELS, code)) for code in REGION_LABELS]
    return regions + country_choices(locale_name())


def exclusion_label(code: str) -> str:
    return table_label(EXCLUSION_LABELS, code)


def conflict_kind_label(kind: str) -> str:
    return table_label(CONFLICT_KIND_LABELS, kind)


def conflicting_parties(parties: list[tuple[str, str]]) -> str:
    """The parties a lawyer on the case conflicts with, each as typed in the case and,
    when written otherwise, as on the lawyer's record (never the normalised key)."""
    return "、".join(
        party
        if recorded == party
        else render(
            Msg(N_("%(party)s (on record as “%(name)s”)"), {"party": party, "name": recorded})
        )
        for party, recorded in parties
    )


def hand_back_answer(answer: str) -> str:
    """A hand-back request's answer: a coordinator's note as typed; the desk's own
    (the request lapsed as the case moved on) in the reader's language."""
    if answer in (*HAND_BACK_LAPSED.values(), HAND_BACK_MOVED_ON):
        return render(Msg(answer))
    return answer


def round_reason(reason: str | None) -> str:
    """Why a round was drawn, as the case page says it: a redraw after a decline is
    worded in the reader's language; a coordinator's own reason is shown as typed."""
    if reason and reason.startswith(DECLINED):
        return render(Msg(N_("After a decline: %(reason)s"), {"reason": reason[len(DECLINED) :]}))
    if reason and reason.startswith(REDRAWN):
        return render(
            Msg(N_("Taken back by a coordinator: %(reason)s"), {"reason": reason[len(REDRAWN) :]})
        )
    return reason or ""


def contribution_source_label(code: str | None) -> str:
    return table_label(CONTRIBUTION_SOURCE_LABELS, code) if code else ""


def void_reason_label(code: str | None) -> str:
    return table_label(VOID_REASONS, code) if code else ""


def claim_refused(label: str, entry: Any) -> str:
    """A refused claim with its real reasons, which the lawyer was not told."""
    reasons = json.loads(entry.detail or "{}").get("reasons", [])
    return render(
        Msg(
            N_("%(action)s: %(reasons)s"),
            {"action": label, "reasons": [Msg(EXCLUSION_LABELS.get(r, r)) for r in reasons]},
        )
    )


case_routed_bell = worded(N_("Case %(reference)s was routed to you."), reference="reference")
sla_breach_subject = worded(
    N_("Case %(reference)s was not accepted in time"), reference="reference"
)
sla_breach_bell = worded(
    N_("Case %(reference)s was not accepted within %(hours)s working hours."),
    reference="reference",
    hours="hours",
)
case_released_bell = worded(
    N_("Case %(reference)s was handed on and is no longer yours: %(reason)s"),
    reference="reference",
    reason="reason",
)
hand_back_requested_bell = worded(
    N_("%(lawyer)s asks to hand back case %(reference)s: %(reason)s"),
    lawyer="lawyer",
    reference="reference",
    reason="reason",
)
hand_back_refused_bell = worded(
    N_("Your request to hand back case %(reference)s was refused: %(note)s"),
    reference="reference",
    note="note",
)
case_reopened_bell = worded(
    N_("Case %(reference)s was reopened and is back with you."), reference="reference"
)
