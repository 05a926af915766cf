"""The case detail and the status lookup read a case in a few statements, however
long its lists (issue 14: each relation was a lazy load of its own: 14 statements a
detail request on SQLite and 13 on PostgreSQL, 12 and 10 a status lookup)."""

from __future__ import annotations

from tests.helpers import statements_during

# Token with its account; the case with its rows and histories; its countries,
# counterparties and corrections; the audit entry's id and INSERT; on SQLite the
# BEGINs of the three transactions as well.
DETAIL_AT_MOST = 10
# The case with its histories; its mediation and follow-ups; the audit entry.
STATUS_AT_MOST = 9


def test_the_case_detail_reads_in_a_few_statements(app, make, api_as):
    lawyer = make.lawyer()
    case = make.case(countries=["US", "KZ", "RU"], counterparties=["Steppe LLP", "Altai JSC"])
    make.assign(case, lawyer.id)
    api = api_as("coordinator")
    path = f"/consultations/{case.reference}"
    statements_during(app, lambda: api.get(path))  # the token's first use is written
    before = statements_during(app, lambda: api.get(path))
    for summary in ("出口管制咨询一", "出口管制咨询二", "出口管制咨询三"):
        assert api.patch(path, json={"summary": summary}).status_code == 200
    after = statements_during(app, lambda: api.get(path))
    assert before <= DETAIL_AT_MOST and after == before, (before, after)


def test_the_status_lookup_reads_in_a_few_statements(app, make, client):
    case = make.case()
    path = f"/api/v1/status/{case.reference}"
    sent = statements_during(app, lambda: client.post(path, json={"code": case.code}))
    assert sent <= STATUS_AT_MOST, sent
