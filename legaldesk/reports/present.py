"""The report's figures as tables in the reader's language: what the /reports page
shows (each with its chart and the links to the cases behind each line) and what its
XLSX and CSV exports hold, one sheet per table. One source for page and exports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from flask_babel import gettext as _

from legaldesk.cases.labels import channel_label, status_label
from legaldesk.exports import Column, Table
from legaldesk.i18n import data_label, is_chinese, local_country_name, table_label
from legaldesk.mediation.rules import FAILURE_LABELS
from legaldesk.mediation.rules import STATUS_LABELS as MEDIATION_LABELS
from legaldesk.reports.charts import Bar, bar_chart
from legaldesk.reports.rules import Period

MOST_BARS = 15  # a chart of countries or lawyers shows the first this many


@dataclass
class Section:
    """A table of the report: ``chart`` is the column drawn as bars (None: no chart),
    ``links`` the case list behind each row (None where the list has no filter)."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)
    chart: int | None = 1
    kinds: list[str] = field(default_factory=list)  # the overview: each row's own kind

    def add(self, row: list[Any], link: str | None = None, kind: str | None = None) -> None:
        self.rows.append(row)
        self.links.append(link)
        if kind:
            self.kinds.append(kind)

    def cells(self) -> list[tuple[list[str], str | None]]:
        """Each row as the page writes it, with its link."""
        return [
            (
                [
                    shown(value, self.kinds[number] if self.kinds and index else column.kind)
                    for index, (value, column) in enumerate(zip(row, self.columns, strict=True))
                ],
                link,
            )
            for number, (row, link) in enumerate(zip(self.rows, self.links, strict=True))
        ]

    def table(self) -> Table:
        return Table(self.title, self.columns, self.rows)

    def svg(self) -> Any:
        if self.chart is None:
            return ""
        kind = self.columns[self.chart].kind
        bars = [
            Bar(str(row[0]), float(row[self.chart] or 0), shown(row[self.chart], kind), link)
            for row, link in zip(self.rows[:MOST_BARS], self.links, strict=False)
        ]
        return bar_chart(bars, self.title)


def shown(value: Any, kind: str) -> str:
    """A cell as the page writes it."""
    if value is None:
        return "—"
    if kind == "percent":
        return f"{value * 100:.1f}%"
    if kind == "money":
        return f"¥{value:,}"
    if kind == "number":
        return f"{value:,.1f}"
    if kind == "int":
        return f"{value:,}"
    return str(value)


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

    def pct(value: float | None) -> float | None:
        return round(value * 100, 1) if value is not None else None

    for label, value, link, kind in (
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
            cases(overdue="1"),
            "int",
        ),
        (_("Follow-ups due"), followups["due"], None, "int"),
        (_("Follow-ups done on time"), followups["done_on_time"], None, "int"),
        (_("Follow-ups done on time (%)"), pct(followups["on_time_share"]), None, "number"),
        (
            _("Loss avoided, confirmed by the enterprises (CNY)"),
            figures["loss_avoided_cny"],
            None,
            "money",
        ),
        (
            _("of which confirmed in their accounts (CNY)"),
            figures["loss_confirmed_by_enterprise_cny"],
            None,
            "money",
        ),
        (
            _("of which confirmed by phone to staff (CNY)"),
            figures["loss_confirmed_by_staff_cny"],
            None,
            "money",
        ),
        (
            _("Loss avoided claimed by the lawyers, unconfirmed (CNY)"),
            figures["loss_estimated_unconfirmed_cny"],
            None,
            "money",
        ),
        (
            _("Loss avoided claimed by the lawyers, in all (CNY)"),
            figures["loss_claimed_cny"],
            None,
            "money",
        ),
        (_("Satisfaction, mean (1-5)"), figures["satisfaction_avg"], None, "number"),
        (_("Satisfaction answers"), figures["satisfaction_responses"], None, "int"),
        (_("Satisfied, 4 or 5 (%)"), pct(figures["satisfied_share"]), None, "number"),
        (_("Mediations applied for"), mediation["applied"], None, "int"),
        (_("Mediation deadlines met (%)"), pct(mediation["deadlines_met_share"]), None, "number"),
        (_("Cases reopened"), figures["reopened"], None, "int"),
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
            lambda c: cases(region=c) if c != "domestic" else None,
        ),
        _lawyers(figures, cases),
        _firms(figures),
        _mediation(figures),
        _rooms(figures),
        _fairness(figures),
    ]
    return found


def _kind(kind: str) -> str:
    return _("Panel expert") if kind == "panel_expert" else _("Partner firm")


def _firm_name(firm: dict[str, Any] | None) -> str:
    if firm is None or firm.get("id") is None:
        return _("Expert panel")
    return firm["name"] if is_chinese() or not firm.get("name_en") else firm["name_en"]


def _lawyers(figures: dict[str, Any], cases: Callable[..., str]) -> Section:
    section = Section(
        "lawyer",
        _("By lawyer"),
        [
            Column(_("Lawyer"), width=14),
            Column(_("Consultations"), "int", 10),
            Column(_("Kind"), width=12),
            Column(_("Firm"), width=28),
            Column(_("Open"), "int", 8),
            Column(_("Closed"), "int", 8),
            Column(_("Foreign-related"), "int", 10),
            Column(_("Hong Kong, Macao, Taiwan"), "int", 10),
        ],
    )
    for row in figures["by_lawyer"]:
        section.add(
            [
                row["name"],
                row["consultations"],
                _kind(row["kind"]),
                _firm_name(row["firm"]),
                row["open"],
                row["closed"],
                row["foreign_related"],
                row["hk_mo_tw"],
            ],
            cases(lawyer=row["id"]),
        )
    return section


def _firms(figures: dict[str, Any]) -> Section:
    section = Section(
        "firm",
        _("By firm"),
        [
            Column(_("Firm"), width=28),
            Column(_("Consultations"), "int", 10),
            Column(_("Lawyers"), "int", 8),
        ],
    )
    for row in figures["by_firm"]:
        section.add([_firm_name(row), row["consultations"], row["lawyers"]])
    return section


def _mediation(figures: dict[str, Any]) -> Section:
    mediation = figures["mediation"]
    section = Section(
        "mediation",
        _("Mediation outcomes"),
        [Column(_("Outcome"), width=40), Column(_("Mediations"), "int", 10)],
    )
    for status, count in mediation["by_status"].items():
        section.add([table_label(MEDIATION_LABELS, status), count])
    for reason, count in mediation["by_failure"].items():
        section.add([_("Failed: %(reason)s", reason=table_label(FAILURE_LABELS, reason)), count])
    return section


def _rooms(figures: dict[str, Any]) -> Section:
    section = Section(
        "rooms",
        _("Room use"),
        [
            Column(_("Room"), width=24),
            Column(_("Use"), "percent", 10),
            Column(_("Hours booked"), "number", 12),
            Column(_("Hours open"), "number", 12),
        ],
    )
    for room in figures["room_use"]:
        name = room["name"] if is_chinese() or not room["name_en"] else room["name_en"]
        section.add([name, room["share"], room["booked_hours"], room["open_hours"]])
    return section


def _fairness(figures: dict[str, Any]) -> Section:
    section = Section(
        "fairness",
        _("Fairness of the draws"),
        [
            Column(_("Lawyer"), width=14),
            Column(_("Kind"), width=12),
            Column(_("Rounds eligible"), "int", 10),
            Column(_("Drawn"), "int", 8),
            Column(_("Expected"), "number", 10),
            Column(_("Drawn / expected"), "number", 12),
            Column(_("Assigned by hand"), "int", 10),
        ],
    )
    section.chart = None
    for row in figures["fairness"]:
        section.add(
            [
                row["name"],
                _kind(row["kind"]),
                row["in_pool"],
                row["drawn"],
                row["expected"],
                row["ratio"],
                row["assigned"],
            ]
        )
    return section


def case_links(start: str, end: str) -> Callable[..., str]:
    """The case list of the period with more filters (``lawyer``, ``region`` and
    ``overdue`` are the list's filters from issue 13 on)."""

    def link(**filters: Any) -> str:
        values: dict[str, Any] = {"from": start, "to": end, **filters}
        return url_for("cases.case_list", **values)

    return link
