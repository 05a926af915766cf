"""The report summary's figures, exactly, on both databases."""

from datetime import timedelta

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from tests.conftest import NOW


def test_counts_and_the_median_time_to_a_first_response(make, api_as):
    clerk = make.user("intake")
    hours = [1, 2, 10, 30]
    cases = [make.case(clerk, channel="walk_in" if i % 2 else "phone") for i in range(4)]
    make.case(clerk, countries=[], counterparties=[], category="domestic_commercial")
    make.case(clerk, now=NOW - timedelta(days=400))  # outside the period

    def answer(count):
        for case, h in list(zip(cases, hours, strict=True))[:count]:
            db.session.get(Consultation, case.id).first_response_at = NOW + timedelta(hours=h)
        db.session.commit()

    api = api_as("coordinator")
    make.run(answer, 3)
    summary = api.get("/reports/summary?from=2026-01-01&to=2026-12-31").json
    assert summary["consultations"] == 5 and summary["foreign_related"] == 4
    assert summary["by_channel"] == {"phone": 3, "walk_in": 2}
    assert summary["by_category"] == {"domestic_commercial": 1, "export_control": 4}
    assert summary["by_country"] == {"KZ": 4}
    assert summary["by_status"] == {"new": 5}
    assert summary["median_hours_to_first_response"] == 2.0
    make.run(answer, 4)
    assert (
        api.get("/reports/summary?from=2026-01-01&to=2026-12-31").json[
            "median_hours_to_first_response"
        ]
        == 6.0
    )
    empty = api.get("/reports/summary?from=2020-01-01&to=2020-12-31").json
    assert empty["consultations"] == 0 and empty["median_hours_to_first_response"] is None
    assert empty["satisfaction_avg"] is None and empty["loss_avoided_cny"] == 0
