"""A wrong access code and an unknown reference do the same work: the same
statements, and no case read into objects (the code is checked on one short row
first), so the time of a 404 does not tell whether a reference exists (the attack on
issue 14 measured ~0.9 ms between them when a real case was read in full first)."""

from __future__ import annotations

import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from tests.helpers import sent_during


def _work(app, call) -> tuple[list[str], int]:
    """The statements ``call`` sent and how many cases it read into objects."""
    loaded: list[object] = []

    def count(target, context):
        loaded.append(target)

    sa.event.listen(Consultation, "load", count)
    try:
        sent = sent_during(app, call, 404)
    finally:
        sa.event.remove(Consultation, "load", count)
    return sent, len(loaded)


def test_a_wrong_code_and_an_unknown_reference_do_the_same_work(app, make, client):
    case = make.case()
    wrong = "AAAAA-AAAAA" if case.code != "AAAAA-AAAAA" else "BBBBB-BBBBB"
    unknown = case.reference[:-1] + ("0" if case.reference[-1] != "0" else "1")
    as_wrong = _work(
        app, lambda: client.post(f"/api/v1/status/{case.reference}", json={"code": wrong})
    )
    as_unknown = _work(app, lambda: client.post(f"/api/v1/status/{unknown}", json={"code": wrong}))
    assert as_wrong == as_unknown and as_wrong[1] == 0
    right = client.post(f"/api/v1/status/{case.reference}", json={"code": case.code})
    assert right.status_code == 200 and right.json["reference"] == case.reference
