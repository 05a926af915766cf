"""Date fields take YYYY-MM-DD only (attack finding: 20200101 and 2026-W50-1 were read
as days, through ``date.fromisoformat``, though every message asks for YYYY-MM-DD)."""

from __future__ import annotations

from datetime import date

import pytest

from legaldesk.validation import calendar_day


def test_a_day_as_yyyy_mm_dd_is_read():
    assert calendar_day("2026-07-01") == date(2026, 7, 1)


@pytest.mark.parametrize(
    "raw", ["20260701", "2026-W27-3", "2026-7-1", " 2026-07-01", "２０２６-07-01"]
)
def test_other_spellings_are_refused(raw):
    with pytest.raises(ValueError):
        calendar_day(raw)


def test_the_list_and_the_report_refuse_compact_and_week_dates(client, login, api_as):
    login("coordinator")
    assert client.get("/cases?from=20260101").status_code in (400, 422)
    figure = "/cases?figure=reopened&figure_from=20260101&figure_to=2026-W50-1"
    assert client.get(figure).status_code in (400, 422)
    api = api_as("coordinator")
    answer = api.get("/reports/summary?from=20260101&to=2026-W50-1")
    assert answer.status_code == 422
    assert set(answer.get_json()["error"]["fields"]) == {"from", "to"}
