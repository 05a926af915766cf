"""The report's tables of people, rooms and mediations: by lawyer, by firm,
mediation outcomes, room use, the draw-fairness table (see present.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _

from legaldesk.exports import Column
from legaldesk.i18n import data_label, table_label
from legaldesk.mediation.rules import FAILURE_LABELS
from legaldesk.mediation.rules import STATUS_LABELS as MEDIATION_LABELS
from legaldesk.reports.section import Section


def kind_label(kind: str) -> str:
    return _("Panel expert") if kind == "panel_expert" else _("Partner firm")


def firm_label(firm: dict[str, Any] | None) -> str:
    if firm is None or firm.get("id") is None:
        return _("Expert panel")
    return data_label(firm)


def lawyers(figures: dict[str, Any], cases: Callable[..., str]) -> Section:
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
                kind_label(row["kind"]),
                firm_label(row["firm"]),
                row["open"],
                row["closed"],
                row["foreign_related"],
                row["hk_mo_tw"],
            ],
            cases(lawyer=row["id"]),
        )
    return section


def firms(figures: dict[str, Any], cases: Callable[..., str]) -> Section:
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
        link = cases(firm=row["id"]) if row["id"] is not None else None  # no list of the panel
        section.add([firm_label(row), row["consultations"], row["lawyers"]], link)
    return section


def mediation(figures: dict[str, Any]) -> Section:
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


def rooms(figures: dict[str, Any]) -> Section:
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
    section.note = _("Room use counts the period up to today.")
    for room in figures["room_use"]:
        section.add([data_label(room), room["share"], room["booked_hours"], room["open_hours"]])
    return section


def fairness(figures: dict[str, Any]) -> Section:
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
            Column(_("Claimed"), "int", 8),
        ],
    )
    section.chart = None
    for row in figures["fairness"]:
        section.add(
            [
                row["name"],
                kind_label(row["kind"]),
                row["in_pool"],
                row["drawn"],
                row["expected"],
                row["ratio"],
                row["assigned"],
                row["claimed"],
            ]
        )
    return section
