"""The list's links (pager, sorts, export) carry every filter: ``filter_args`` is the
inverse of ``filters_from_args`` for each field of CaseFilters, so a filter added
later and forgotten in the links fails here (the firm filter was lost on page 2)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from legaldesk.cases.forms import filter_args, filters_from_args
from legaldesk.cases.listing import CaseFilters


def _every_filter_set() -> CaseFilters:
    filters = CaseFilters()
    values = {
        "status": "accepted",
        "category": "export_control",
        "channel": "phone",
        "country": "US",
        "region": "foreign",
        "date_from": datetime(2026, 7, 1, tzinfo=UTC),
        "date_to": datetime(2026, 7, 1, tzinfo=UTC) + timedelta(days=30),
        "q": "物流",
        "page": 1,
        "per_page": 50,
        "lawyer": 7,
        "urgency": "urgent",
        "overdue": True,
        "mediation_due": True,
        "sort": "oldest",
        "firm": 3,
        "figure": "reopened",
        "figure_from": date(2026, 7, 1),
        "figure_to": date(2026, 12, 31),
    }
    assert set(values) == set(CaseFilters.__annotations__), "a new filter needs a value here"
    for name, value in values.items():
        setattr(filters, name, value)
    return filters


def test_every_filter_survives_the_links():
    filters = _every_filter_set()
    again = filters_from_args(filter_args(filters, per_page=20), 20, UTC)
    for name in CaseFilters.__annotations__:
        assert getattr(again, name) == getattr(filters, name), name
