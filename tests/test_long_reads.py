"""A long read (case export, report) leaves the request's session without a
transaction until it has read everything (legaldesk/long_reads.py): on SQLite that
transaction would hold the write lock and every intake would wait for the export.

The regression this guards: Flask-Babel asked the (expired) user row for its
language at the first translated label, mid-build, and so began a transaction."""

from __future__ import annotations

import pytest

from legaldesk.cases import export_views
from legaldesk.db import db
from legaldesk.reports import reading


def _watch(monkeypatch, module, name) -> dict:
    """Wrap ``module.name`` to note whether the request's session is in a transaction
    once the long read has finished."""
    seen: dict = {}
    real = getattr(module, name)

    def watched(*args, **kwargs):
        result = real(*args, **kwargs)
        seen["in_transaction"] = db.session().in_transaction()
        return result

    monkeypatch.setattr(module, name, watched)
    return seen


@pytest.mark.parametrize("path", ["/cases/export.xlsx", "/cases/export.csv"])
def test_a_case_export_builds_with_the_session_idle(client, login, make, monkeypatch, path):
    clerk = make.user("intake")
    make.case(clerk)
    login("coordinator")
    seen = _watch(monkeypatch, export_views, "case_export")
    assert client.get(path).status_code == 200
    assert seen == {"in_transaction": False}


@pytest.mark.parametrize("path", ["/reports", "/reports/export.xlsx"])
def test_a_report_reads_with_the_session_idle(client, login, make, monkeypatch, path):
    clerk = make.user("intake")
    make.case(clerk)
    login("coordinator")
    seen = _watch(monkeypatch, reading.service, "summary")
    assert client.get(path).status_code == 200
    assert seen == {"in_transaction": False}
