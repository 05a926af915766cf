"""The query parameters of GET /api/v1/consultations: the case list's filters, search,
paging and order (cases/listing.py, cases/list_options.py), and the paging fields of
its answer, described once."""

from __future__ import annotations

from typing import Any

from legaldesk.cases.list_options import FIGURES, SORTS
from legaldesk.cases.region_rules import REGION_CHOICES
from legaldesk.cases.rules import CHANNELS, STATUSES, URGENCIES
from legaldesk.openapi import query

# Issue 13: the list's filters by lawyer, urgency, overdue and mediation deadline, and
# its order (cases/list_options.py; "overdue" as cases/overdue_rules.py defines it).
LIST_OPTIONS: list[dict[str, Any]] = [
    query(
        "lawyer",
        {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        "The assigned lawyer's id (GET /lawyers)",
    ),
    query(
        "firm",
        {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        "The assigned lawyer's firm's id (the report's lines by firm)",
    ),
    query("urgency", {"type": "string", "enum": list(URGENCIES)}),
    query(
        "overdue",
        {"type": "string", "enum": ["0", "1"]},
        "1: routed and past the acceptance SLA (working hours), or not closed or "
        "withdrawn with a follow-up not done that was due before today",
    ),
    query(
        "mediation_due",
        {"type": "string", "enum": ["0", "1"]},
        "1: a mediation deadline (consent, judicial confirmation) today or in the next 7 days",
    ),
    query(
        "figure",
        {"type": "string", "enum": list(FIGURES)},
        "The cases behind one of the report's figures that count by a date of their own "
        "(a follow-up due or recorded, a mediation applied for, a reopening, a round "
        "breaching the SLA), in the period figure_from to figure_to (both needed); for "
        "coordinators and admins (403 otherwise). Each case once.",
    ),
    query("figure_from", {"type": "string", "format": "date"}, "The figure's first day"),
    query("figure_to", {"type": "string", "format": "date"}, "The figure's last day"),
    query(
        "sort",
        {"type": "string", "enum": list(SORTS), "default": "newest"},
        "newest or oldest received first, most recently updated first, urgent first "
        "(each urgency oldest received first), the round drawn longest ago first "
        "(accept_by), the nearest mediation deadline first (mediation_deadline)",
    ),
]


LIST_PARAMETERS: list[dict[str, Any]] = [
    query("status", {"type": "string", "enum": [*STATUSES, "open"]}),
    query("category", {"type": "string"}),
    query("channel", {"type": "string", "enum": list(CHANNELS)}),
    query("country", {"type": "string"}),
    query(
        "region",
        {"type": "string", "enum": list(REGION_CHOICES)},
        "foreign: foreign-related (涉外); hk_mo_tw: 涉港澳台; domestic: neither (国内)",
    ),
    query("from", {"type": "string", "format": "date"}, "Received on or after"),
    query("to", {"type": "string", "format": "date"}, "Received on or before"),
    query(
        "q",
        {"type": "string", "maxLength": 200},
        "Every word in the summary, description, enterprise name, reference or credit "
        "code: Chinese words of any length, references and codes whole or begun, the "
        "enterprise name's pinyin initials word by word (yhwl: 远航…物流); traditional "
        "and full-width forms alike. Newest recorded first unless sort says otherwise.",
    ),
    query(
        "page",
        {"type": "integer", "minimum": 1},
        "The page counted from the first. Pages far down a long list are cheaper by "
        "cursor: a page beyond the 10,000th case counts the whole list first",
    ),
    query("per_page", {"type": "integer", "minimum": 1, "maximum": 100}),
    query(
        "cursor",
        {"type": "string", "maxLength": 600},
        "Where the page starts: the next_cursor, prev_cursor or last_cursor of an earlier "
        "answer, with the same sort (page is then ignored). Opaque and signed: an edited, "
        "truncated or outdated one, or one made for another sort, is a 400 naming the "
        "field `cursor`. Every page reached by cursor costs what the first does",
    ),
    *LIST_OPTIONS,
]

# Issue 14 item 3: the paging fields of the answer, beside ``items``.
PAGE_FIELDS: dict[str, Any] = {
    "page": {
        "type": ["integer", "null"],
        "description": "The page's number from the first; null for a page reached from "
        "the end of a list longer than 10,000 cases (its number is not counted)",
    },
    "per_page": {"type": "integer"},
    "total": {
        "type": "integer",
        "minimum": 0,
        "description": "The matching cases, counted up to 10,000; beyond, 10,001 with "
        "total_exact false (a lower bound: '10,000+')",
    },
    "total_exact": {
        "type": "boolean",
        "description": "false: the count stopped at 10,001 and total is a lower bound",
    },
    "next_cursor": {
        "type": ["string", "null"],
        "description": "The cursor of the next page; null on the last page",
    },
    "prev_cursor": {
        "type": ["string", "null"],
        "description": "The cursor of the previous page; null on the first page",
    },
    "last_cursor": {
        "type": ["string", "null"],
        "description": "The cursor of the last page (its last per_page cases when the "
        "list is longer than 10,000); null on the last page",
    },
}
