"""What an enterprise reads in its account of what the center did for it: the
advice (the day, and the opinion when the lawyer shared it) and each loss avoided a
follow-up claimed, with whether the enterprise has confirmed it. No staff names, no
internal notes: the lawyer's follow-up notes stay with the desk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from legaldesk.cases.advice import shown_to_enterprise
from legaldesk.cases.models import Consultation
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.followups import confirmation
from legaldesk.validation import number_from_form


@dataclass(frozen=True)
class AdviceSeen:
    given_on: date
    opinion: str | None  # None: the enterprise learns only that advice was given


@dataclass(frozen=True)
class LossSeen:
    followup_id: int
    recorded_on: date
    claimed_cny: int
    state: str  # rules.LOSS_STATES
    amount_cny: int | None  # the enterprise's own figure, once it confirmed
    confirmed_on: date | None
    satisfaction: int | None


def advice_seen(case: Consultation, zone: ZoneInfo) -> list[AdviceSeen]:
    """Every advice given on the case, newest first."""
    return [
        AdviceSeen(local_date(a.given_at, zone), shown_to_enterprise(a))
        for a in reversed(case.advice_given)
    ]


def losses_seen(session: DbSession, case: Consultation, zone: ZoneInfo) -> list[LossSeen]:
    seen = []
    for followup in confirmation.losses_of(session, case):
        own = followup.confirmation
        done = followup.done_at or followup.created_at  # a claimed loss is done
        seen.append(
            LossSeen(
                followup_id=followup.id,
                recorded_on=local_date(done, zone),
                claimed_cny=followup.loss_avoided_cny or 0,
                state=confirmation.state_of(followup) or "claimed",
                amount_cny=own.amount_cny if own else None,
                confirmed_on=local_date(own.confirmed_at, zone) if own else None,
                satisfaction=own.satisfaction if own else None,
            )
        )
    return seen


def confirmation_from_form(form: Any) -> dict[str, Any]:
    """The /my form in the API's shape: "confirm" keeps the lawyer's figure; "correct"
    sends the enterprise's (typed text that is no whole number goes on, so the rule
    names the field's error; an empty one too)."""
    body: dict[str, Any] = {"satisfaction": number_from_form(form.get("satisfaction"), 1)}
    if form.get("answer") != "confirm":
        typed = (form.get("amount_cny") or "").replace(",", "").replace("，", "").strip()
        body["amount_cny"] = number_from_form(typed, 15) if typed else ""
    return body
