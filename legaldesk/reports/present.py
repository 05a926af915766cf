"""The report's figures as tables in the reader's language: what the /reports page
shows (each with its chart and the links to the cases behind each line) and what its
XLSX and CSV exports hold, one sheet per table. One source for page and exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import url_for
from flask_babel import gettext as _

from legaldesk.cases.labels import channel_label, status_label
from legaldesk.exports import Column
from legaldesk.i18n import data_label, local_country_name
from legaldesk.reports import wing_tables
from legaldesk.reports.rules import Period
from legaldesk.reports.section import Section


def period_label(period: Period) -> str:
    year, number = period.start.year, period.number
    if period.kind == "month":
        return _("%(year)d, month %(number)d", year=year, number=number)
    if period.kind == "quarter":
        return _("%(year)d, quarter %(number)d", year=year, number=number)
    if period.kind == "half":
        if number == 1:
            return _("First half of %(year)d", year=year)
        return _("Second half of %(year)d", year=year)
    if period.kind == "year":
        return _("Year %(year)d", year=year)
    return _("%(start)s to %(end)s", start=period.start.isoformat(), end=period.end.isoformat())


def _overview(figures: dict[str, Any], cases: Callable[..., str]) -> Section:
    section = Section(
        "overview", _("Overview"), [Column(_("Figure"), width=36), Column(_("Value"), "text", 16)]
    )
    section.chart = None
    accept, advice = figures["hours_to_acceptance"], figures["hours_to_advice"]
    followups, mediation = figures["followups"], figures["mediation"]
    # Figures counted by a date of their own link to the cases behind them by that date
    # (shares, means and sums to the cases they are computed from).
    due, answers = cases(figure="followups_due"), cases(figure="satisfaction")
    applied = cases(figure="mediation_applied")

    def pct(value: float | None) -> float | None:
        return round(value * 100, 1) if value is not None else None

    for label, value, link, kind in (
        (_("From"), date.fromisoformat(figures["from"]), None, "date"),
        (_("To"), date.fromisoformat(figures["to"]), None, "date"),
        (_("Consultations received"), figures["consultations"], cases(), "int"),
        (
            _("Foreign-related consultations"),
            figures["foreign_related"],
            cases(region="foreign"),
            "int",
        ),
        (_("Foreign-related share (%)"), pct(figures["foreign_share"]), None, "number"),
        (
            _("Hong Kong, Macao and Taiwan consultations"),
            figures["hk_mo_tw"],
            cases(region="hk_mo_tw"),
            "int",
        ),
        (
            _("Hong Kong, Macao and Taiwan share (%)"),
            pct(figures["hk_mo_tw_share"]),
            None,
            "number",
        ),
        (_("Working hours to acceptance, median"), accept["median"], None, "number"),
        (_("Working hours to acceptance, 90th percentile"), accept["p90"], None, "number"),
        (_("Working hours to advice, median"), advice["median"], None, "number"),
        (_("Working hours to advice, 90th percentile"), advice["p90"], None, "number"),
        (
            _("SLA breaches (rounds not accepted in time)"),
            figures["sla_breaches"],
            cases(figure="sla_breached"),
            "int",
        ),
        (_("Follow-ups due"), followups["due"], due, "int"),
        (
            _("Follow-ups done on time"),
            followups["done_on_time"],
            cases(figure="followups_on_time"),
            "int",
        ),
        (_("Follow-ups done on time (%)"), pct(followups["on_time_share"]), due, "number"),
        (
            _("Loss avoided, confirmed by the enterprises (CNY)"),
            figures["loss_avoided_cny"],
            cases(figure="loss_confirmed"),
            "money",
        ),
        (
            _("of which confirmed in their accounts (CNY)"),
            figures["loss_confirmed_by_enterprise_cny"],
            cases(figure="loss_confirmed_in_account"),
            "money",
        ),
        (
            _("of which confirmed by phone to staff (CNY)"),
            figures["loss_confirmed_by_staff_cny"],
            cases(figure="loss_confirmed_by_staff"),
            "money",
        ),
        (
            _("Loss avoided claimed by the lawyers, unconfirmed (CNY)"),
            figures["loss_estimated_unconfirmed_cny"],
            cases(figure="loss_unconfirmed"),
            "money",
        ),
        (
            _("Loss avoided claimed by the lawyers, in all (CNY)"),
            figures["loss_claimed_cny"],
            cases(figure="loss_claimed"),
            "money",
        ),
        (_("Satisfaction, mean (1-5)"), figures["satisfaction_avg"], answers, "number"),
        (_("Satisfaction answers"), figures["satisfaction_responses"], answers, "int"),
        (_("Satisfied, 4 or 5 (%)"), pct(figures["satisfied_share"]), answers, "number"),
        (_("Mediations applied for"), mediation["applied"], applied, "int"),
        (
            _("Mediation deadlines met (%)"),
            pct(mediation["deadlines_met_share"]),
            applied,
            "number",
        ),
        (_("Cases reopened"), figures["reopened"], cases(figure="reopened"), "int"),
    ):
        section.add([label, value], link, kind)
    return section


def _counted(
    key: str,
    title: str,
    header: str,
    counts: dict[str, int],
    name: Callable[[str], str],
    link: Callable[[str], str | None],
) -> Section:
    section = Section(key, title, [Column(header, width=28), Column(_("Consultations"), "int", 12)])
    for code, count in sorted(counts.items(), key=lambda item: -item[1]):
        section.add([name(code), count], link(code))
    return section


def sections(
    figures: dict[str, Any], categories: dict[str, Any], cases: Callable[..., str]
) -> list[Section]:
    """Every table of the report. ``cases(**filters)``: the case-list URL for the
    period with those filters; ``categories``: the category rows by code."""
    regions = {
        "foreign": _("Foreign-related"),
        "hk_mo_tw": _("Hong Kong, Macao, Taiwan"),
        "domestic": _("Domestic"),
    }
    found = [
        _overview(figures, cases),
        _counted(
            "status",
            _("By status"),
            _("Status"),
            figures["by_status"],
            status_label,
            lambda c: cases(status=c),
        ),
        _counted(
            "category",
            _("By category"),
            _("Category"),
            figures["by_category"],
            lambda c: data_label(categories.get(c)) or c,
            lambda c: cases(category=c),
        ),
        _counted(
            "channel",
            _("By channel"),
            _("Channel"),
            figures["by_channel"],
            channel_label,
            lambda c: cases(channel=c),
        ),
        _counted(
            "country",
            _("By country or region"),
            _("Country or region"),
            figures["by_country"],
            local_country_name,
            lambda c: cases(country=c),
        ),
        _counted(
            "region",
            _("By region"),
            _("Region"),
            figures["by_region"],
            lambda c: regions[c],
            lambda c: cases(region=c),
        ),
        wing_tables.lawyers(figures, cases),
        wing_tables.firms(figures, cases),
        wing_tables.mediation(figures),
        wing_tables.rooms(figures),
        wing_tables.fairness(figures),
    ]
    return found


def case_links(start: str, end: str) -> Callable[..., str]:
    """The case list of the period with more filters (``lawyer``, ``firm`` and
    ``region`` are the list's filters from issue 13 on): the cases received in the
    period, or with ``figure`` (rounds that breached the SLA, reopenings, follow-ups,
    loss avoided, satisfaction, mediations: each counted by a date of its own) the
    cases behind that figure by its own date in the period, whenever received."""

    def link(**filters: Any) -> str:
        period = ("figure_from", "figure_to") if "figure" in filters else ("from", "to")
        values: dict[str, Any] = {period[0]: start, period[1]: end, **filters}
        return url_for("cases.case_list", **values)

    return link
