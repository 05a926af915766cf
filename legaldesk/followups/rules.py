"""Follow-up rules: plain Python, every input an argument."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from legaldesk.errors import FieldErrors
from legaldesk.messages import N_, Msg
from legaldesk.validation import is_whole, text

CHANNEL_LABELS = {
    "phone": N_("Phone call"),
    "visit": N_("Visit"),
    "email": N_("E-mail"),
    "online": N_("The enterprise's own answer online"),
}
STAFF_CHANNELS = ("phone", "visit", "email")
WORKED_LABELS = {
    "yes": N_("Yes, it worked"),
    "partly": N_("Partly"),
    "no": N_("No"),
}
CALLBACK_AT_OR_BELOW = 2  # hotlines call back every unsatisfied client
# The largest loss avoided the desk takes, from the lawyer and the enterprise alike:
# ten billion yuan (100亿). The enterprises the center advises sign export contracts far
# below it; a figure above is a typo (a few zeros too many) or an attempt to inflate
# the center's figures, and one such figure would drown every other in a report.
MAX_CNY = 10**10
CHOOSE = Msg(N_("Choose one of the listed options."))
TOO_LARGE = Msg(N_("At most %(max)s yuan: please check the figure."), {"max": f"{MAX_CNY:,}"})


# Where a case has had its advice: the enterprise rates the service and confirms a
# loss avoided only then.
ADVISED_STATUSES = ("advised", "following_up", "closed")


def default_due(advised_on: date, days: int) -> date:
    return advised_on + timedelta(days=days)


def needs_callback(satisfaction: int | None) -> bool:
    return satisfaction is not None and satisfaction <= CALLBACK_AT_OR_BELOW


@dataclass(frozen=True)
class Plan:
    due_on: date
    channel: str


def parse_plan(raw: Any, earliest: date) -> Plan:
    """{"due_on": "YYYY-MM-DD", "channel": phone|visit|email}."""
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    due_on = None
    try:
        due_on = (
            date.fromisoformat(raw.get("due_on")) if isinstance(raw.get("due_on"), str) else None
        )
    except ValueError:
        due_on = None
    if due_on is None:
        errors.add("due_on", Msg(N_("A date as YYYY-MM-DD.")))
    elif due_on < earliest:
        errors.add("due_on", Msg(N_("Not before the case was received.")))
    elif due_on.year > earliest.year + 5:
        errors.add("due_on", Msg(N_("Within five years.")))
    channel = raw.get("channel", "phone")
    if channel not in STAFF_CHANNELS:
        errors.add("channel", CHOOSE)
    errors.raise_if_any()
    assert due_on is not None  # a missing day is a field error, raised above
    return Plan(due_on, channel)


@dataclass(frozen=True)
class Outcome:
    result: str
    advice_worked: str | None
    loss_avoided_cny: int | None
    loss_basis: str
    confirmed_by_enterprise: bool
    satisfaction: int | None


def parse_outcome(raw: Any) -> Outcome:
    """What a recorded follow-up says. A loss needs its basis; amounts are whole yuan."""
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    if raw.get("done") is not True:
        errors.add("done", Msg(N_("Record a follow-up with done: true.")))
    result = text(errors, raw.get("result"), "result", 5000, required=True)
    worked = raw.get("advice_worked")
    if worked is not None and worked not in WORKED_LABELS:
        errors.add("advice_worked", CHOOSE)
    loss = raw.get("loss_avoided_cny")
    if loss is not None and (not is_whole(loss) or loss < 0):
        errors.add("loss_avoided_cny", Msg(N_("Whole yuan, from 0 up.")))
    elif loss is not None and loss > MAX_CNY:
        errors.add("loss_avoided_cny", TOO_LARGE)
    basis = text(errors, raw.get("loss_basis"), "loss_basis", 2000, required=False)
    if loss and not basis:
        errors.add("loss_basis", Msg(N_("Say how the loss avoided was estimated.")))
    confirmed = raw.get("confirmed_by_enterprise", False)
    if not isinstance(confirmed, bool):
        errors.add("confirmed_by_enterprise", Msg(N_("Yes or no.")))
    if confirmed and loss is None:
        errors.add(
            "confirmed_by_enterprise", Msg(N_("Only a loss that was entered can be confirmed."))
        )
    satisfaction = raw.get("satisfaction")
    if satisfaction is not None and (not is_whole(satisfaction) or not 1 <= satisfaction <= 5):
        errors.add("satisfaction", Msg(N_("From 1 to 5.")))
    errors.raise_if_any()
    return Outcome(result, worked, loss, basis, bool(confirmed), satisfaction)


# A loss avoided, as the case page, /my and the API name its standing.
LOSS_STATES = {
    "claimed": N_("claimed by the lawyer (awaiting the enterprise's confirmation)"),
    "confirmed_by_phone": N_(
        "confirmed by the enterprise by phone or in person (recorded by staff)"
    ),
    "confirmed": N_("confirmed by the enterprise"),
}


def loss_state(claimed: int | None, staff_recorded: bool, confirmed_online: bool) -> str | None:
    """A loss's standing: the enterprise's own confirmation in its account first; the
    staff's record that it confirmed (by phone: PATCH ``confirmed_by_enterprise``);
    otherwise the lawyer's claim. None when no loss was recorded."""
    if confirmed_online:
        return "confirmed"
    if claimed is None:
        return None
    return "confirmed_by_phone" if staff_recorded else "claimed"


def why_not_confirmable(status: str) -> Msg | None:
    """Why a claimed loss cannot be confirmed in a case at ``status`` (None: it can).
    A withdrawn case is over; a reopened one waits for its new advice."""
    if status in ADVISED_STATUSES:
        return None
    if status == "withdrawn":
        return Msg(N_("This case was withdrawn, so the loss avoided can no longer be confirmed."))
    return Msg(
        N_(
            "The center is handling this case again: the loss avoided can be confirmed "
            "once its new advice is given."
        )
    )


@dataclass(frozen=True)
class Confirmation:
    amount_cny: int
    satisfaction: int


def parse_confirmation(raw: Any, claimed: int) -> Confirmation:
    """The enterprise's answer: ``{"amount_cny"?, "satisfaction"}``. Without an
    amount it confirms the lawyer's figure (``claimed``); with one it corrects it
    (whole yuan, from 0 up: "no loss avoided" is an answer too)."""
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    amount = raw.get("amount_cny", claimed)
    if amount is None:
        amount = claimed
    if not is_whole(amount) or amount < 0:
        errors.add("amount_cny", Msg(N_("Enter the amount in whole yuan, from 0 up.")))
    elif amount > MAX_CNY:
        errors.add("amount_cny", TOO_LARGE)
    satisfaction = raw.get("satisfaction")
    if not is_whole(satisfaction) or not 1 <= satisfaction <= 5:
        errors.add("satisfaction", Msg(N_("Choose from 1 to 5.")))
    errors.raise_if_any()
    return Confirmation(amount, satisfaction)
