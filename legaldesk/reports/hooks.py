"""How the reports wing joins the app: it gives the case list the cases behind each
figure the report counts by a date of its own (behind.py, the same conditions the
figures count with), and what such a list holds, in the reader's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from flask_babel import gettext as _

from legaldesk.cases import list_options
from legaldesk.messages import N_
from legaldesk.reports import behind, working
from legaldesk.zone import desk_zone

TITLES = {
    "followups_due": N_("Cases with a follow-up due from %(start)s to %(end)s"),
    "followups_on_time": N_(
        "Cases with a follow-up due from %(start)s to %(end)s and done on time"
    ),
    "loss_confirmed": N_(
        "Cases with a loss avoided confirmed by the enterprise, recorded at a follow-up "
        "from %(start)s to %(end)s"
    ),
    "loss_confirmed_in_account": N_(
        "Cases with a loss avoided the enterprise confirmed in its account, recorded at "
        "a follow-up from %(start)s to %(end)s"
    ),
    "loss_confirmed_by_staff": N_(
        "Cases with a loss avoided the enterprise confirmed by phone to staff, recorded "
        "at a follow-up from %(start)s to %(end)s"
    ),
    "loss_unconfirmed": N_(
        "Cases with a loss avoided claimed by the lawyer and not confirmed, recorded at "
        "a follow-up from %(start)s to %(end)s"
    ),
    "loss_claimed": N_(
        "Cases with a loss avoided claimed by the lawyer, recorded at a follow-up from "
        "%(start)s to %(end)s"
    ),
    "satisfaction": N_(
        "Cases with a satisfaction answer recorded at a follow-up from %(start)s to %(end)s"
    ),
    "mediation_applied": N_("Cases with a mediation applied for from %(start)s to %(end)s"),
    "reopened": N_("Cases reopened from %(start)s to %(end)s"),
    "sla_breached": N_(
        "Cases with a round not accepted in time (SLA), drawn or assigned from %(start)s to %(end)s"
    ),
}


def _cases(name: str) -> list_options.FigureCases:
    def cases(session: Any, start: date, end: date) -> Any:
        return behind.cases_behind(name, session, start, end, desk_zone())

    return cases


def _title(name: str) -> list_options.FigureTitle:
    def title(start: date, end: date) -> str:
        return _(TITLES[name], start=start.isoformat(), end=end.isoformat())

    return title


def init_app(app: Flask) -> None:
    working.install()
    for name in list_options.FIGURES:
        list_options.define_figure(name, _cases(name), _title(name))
