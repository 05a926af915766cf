"""The path of a commercial mediation: plain Python, every input an argument.

application → the other side consents within 14 days (silence is refusal) → a
mediator is chosen → sessions → agreement or failure (an unexcused no-show fails)
→ both sides may apply to the court for judicial confirmation within 30 days of the
agreement. Periods count calendar days from the day after the event, and a period
that ends on a day off ends on the next working day (as the Civil Procedure Law
counts periods), so a deadline never falls on a holiday.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from legaldesk.messages import N_
from legaldesk.workcal.rules import Official, is_working_day, official_workday

CONSENT_DAYS = 14
CONFIRMATION_DAYS = 30

STATUSES = (
    "awaiting_consent",
    "consented",
    "in_mediation",
    "agreed",
    "failed",
    "confirmation_applied",
    "window_closed",
)
OPEN = ("awaiting_consent", "consented", "in_mediation")
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "awaiting_consent": ("consented", "failed"),
    "consented": ("in_mediation", "failed"),
    "in_mediation": ("agreed", "failed"),
    "agreed": ("confirmation_applied", "window_closed"),
}
# Why a mediation failed; the first three are decided by people, the rest by events.
FAILURE_REASONS = ("refused", "no_agreement", "withdrawn", "no_reply", "no_show")
CHOSEN_FAILURES = FAILURE_REASONS[:3]

# What people may do at each stage (target, failure reason); timers do the rest.
ACTIONS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "awaiting_consent": (("consented", None), ("failed", "refused"), ("failed", "withdrawn")),
    "consented": (("failed", "withdrawn"),),
    "in_mediation": (("agreed", None), ("failed", "no_agreement"), ("failed", "withdrawn")),
    "agreed": (("confirmation_applied", None),),
}

# The case file, in the order it is usually assembled, with the stage that needs it.
DOCUMENTS: dict[str, str] = {
    "application": "awaiting_consent",
    "identity": "awaiting_consent",
    "consent": "consented",
    "authorisation": "in_mediation",
    "evidence": "in_mediation",
    "agreement": "agreed",
    "confirmation_application": "confirmation_applied",
}
# A case document of these kinds (documents.rules.KINDS), once attached, ticks the
# case file's entry: the evidence, the signed agreement.
FROM_CASE_DOCUMENTS: dict[str, str] = {"evidence": "evidence", "mediation_agreement": "agreement"}
_STAGE_ORDER = ("awaiting_consent", "consented", "in_mediation", "agreed", "confirmation_applied")


def may_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, ())


def period_end(
    start: date, days: int, overrides: Mapping[date, bool], official: Official = official_workday
) -> date:
    """The last day of a period of ``days`` counted from the day after ``start``."""
    last = start + timedelta(days=days)
    while not is_working_day(last, overrides, official):
        last += timedelta(days=1)
    return last


def lapsed(due_on: date | None, today: date) -> bool:
    """A deadline has passed once its whole last day is over."""
    return due_on is not None and today > due_on


def missing_documents(status: str, received: set[str], failed_at: str | None = None) -> list[str]:
    """Documents the mediation should hold by now and does not.

    ``failed_at``: the stage a failed mediation had reached (nothing later is due).
    """
    reached = failed_at if status == "failed" else status
    if reached not in _STAGE_ORDER:
        reached = "agreed" if status == "window_closed" else "awaiting_consent"
    stages = _STAGE_ORDER[: _STAGE_ORDER.index(reached) + 1]
    return [code for code, stage in DOCUMENTS.items() if stage in stages and code not in received]


STATUS_LABELS = {
    "awaiting_consent": N_("Waiting for the other side's consent"),
    "consented": N_("Consent given; choosing a mediator"),
    "in_mediation": N_("In mediation"),
    "agreed": N_("Mediation agreement reached"),
    "failed": N_("Mediation failed"),
    "confirmation_applied": N_("Judicial confirmation applied for"),
    "window_closed": N_("Judicial confirmation window closed"),
}
FAILURE_LABELS = {
    "refused": N_("the other side refused"),
    "no_agreement": N_("no agreement reached"),
    "withdrawn": N_("the application was withdrawn"),
    "no_reply": N_("no consent within 14 days (counts as refusal)"),
    "no_show": N_("a party did not attend without excuse"),
}
DOCUMENT_LABELS = {
    "application": N_("Mediation application"),
    "identity": N_("Proof of both parties' identity (business licence)"),
    "consent": N_("The other side's written consent"),
    "authorisation": N_("Powers of attorney"),
    "evidence": N_("Evidence"),
    "agreement": N_("Mediation agreement"),
    "confirmation_application": N_("Application for judicial confirmation"),
}
