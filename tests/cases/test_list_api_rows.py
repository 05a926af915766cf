"""Issue 14: the API's list reads its page as plain rows (``cases.list_rows``) and
counts a list narrowed by one search or one country in that index alone. What it
answers stays what it was: each item is the case as ``case_json`` shows it, the
count is the list's, and a country's list pages the same whichever way it is read
(gathered from the country's index below the cap, walked in order beyond it)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from legaldesk import paging
from legaldesk.audit.models import AuditEntry
from legaldesk.cases import search
from legaldesk.db import db
from legaldesk.routing.models import Firm
from legaldesk.sqlite_locking import READ_WITHOUT_LOCK
from tests.helpers import sql_sent


def _summary_keys(detail: dict) -> dict:
    """The detail's fields a list item also has."""
    listed = [
        "reference",
        "status",
        "status_label",
        "foreign_related",
        "hk_mo_tw",
        "channel",
        "category",
        "category_label",
        "urgency",
        "language_needed",
        "countries",
        "summary",
        "enterprise",
        "assignee",
        "created_at",
        "updated_at",
    ]
    return {key: detail[key] for key in listed}


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_a_listed_case_reads_as_the_case_does(app, make, api_as, language):
    firm_id = make.run(lambda: _firm("华东律师事务所"))
    lawyer = make.lawyer(kind="firm_lawyer", firm_id=firm_id)
    routed = make.case(countries=["US", "HK", "KZ"], summary="美国客户拖欠货款")
    make.assign(routed, lawyer.id)
    plain = make.case(countries=["DE"], channel="walk_in", urgency="normal", language_needed="de")
    api = api_as("coordinator", language=language)
    answer = api.get("/consultations?per_page=10")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    items = {item["reference"]: item for item in answer.json["items"]}
    for case in (routed, plain):
        detail = api.get(f"/consultations/{case.reference}").json
        assert items[case.reference] == _summary_keys(detail)
    assert items[routed.reference]["countries"] == ["US", "HK", "KZ"]
    assert items[routed.reference]["assignee"]["firm"] == "华东律师事务所"
    assert items[plain.reference]["assignee"] is None


def test_an_enterprise_lists_its_cases_without_their_lawyer(app, make, api_as):
    lawyer = make.lawyer()
    case = make.case()
    make.assign(case, lawyer.id)
    api = api_as(make.user("enterprise", enterprise_uscc="91330105MA2H00010X"))
    (item,) = api.get("/consultations").json["items"]
    detail = api.get(f"/consultations/{case.reference}").json
    assert item == _summary_keys(detail) and item["assignee"] is None


def _firm(name: str) -> int:
    firm = Firm(name=name)
    db.session.add(firm)
    db.session.commit()
    return firm.id


@pytest.fixture
def named(app, make, monkeypatch):
    """Eight cases, five naming the US; counts stop at 3. Answers the US cases'
    references newest first."""
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    made = [make.case(countries=["US"] if n % 3 else ["DE"], summary=f"第{n}件") for n in range(8)]
    return [case.reference for n, case in enumerate(made) if n % 3][::-1]


def _walk(api, query: str) -> tuple[list[str], list[tuple[int, bool]]]:
    """Every page of a list by its page numbers: the references and the counts (a
    page beyond the cap has the list counted to its end)."""
    refs, counts, number = [], [], 1
    while True:
        answer = api.get(f"/consultations?{query}&per_page=2&page={number}").json
        refs += [item["reference"] for item in answer["items"]]
        counts.append((answer["total"], answer["total_exact"]))
        if not answer["next_cursor"]:
            return refs, counts
        number += 1


def test_a_country_is_counted_and_paged_alike_below_and_beyond_the_cap(
    make, api_as, named, monkeypatch
):
    api = api_as("coordinator")
    refs, counts = _walk(api, "country=us")
    assert refs == named and counts == [(4, False), (5, True), (5, True)]
    # the same filter with another that every case meets: counted in the case table
    also, counts = _walk(api, "country=US&region=foreign")
    assert also == named and counts == [(4, False), (5, True), (5, True)]
    monkeypatch.setattr(paging, "COUNT_CAP", 10)
    refs, counts = _walk(api, "country=US")
    assert refs == named and counts == [(5, True)] * 3
    # by cursor, beyond the cap: the last page and back
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    first = api.get("/consultations?country=US&per_page=2").json
    last = api.get(f"/consultations?country=US&per_page=2&cursor={first['last_cursor']}").json
    assert [item["reference"] for item in last["items"]] == named[3:]


def test_a_search_alone_is_counted_in_the_index_and_with_a_filter_in_the_cases(
    make, api_as, monkeypatch
):
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    for n in range(5):
        make.case(summary=f"合同纠纷 第{n}件", channel="phone" if n % 2 else "online")
    make.case(summary="商标被抢注")
    api = api_as("coordinator")
    alone = api.get("/consultations?q=合同&per_page=2").json
    assert (alone["total"], alone["total_exact"]) == (4, False)
    narrowed = api.get("/consultations?q=合同&channel=phone&per_page=2").json
    assert (narrowed["total"], narrowed["total_exact"]) == (2, True)
    monkeypatch.setattr(paging, "COUNT_CAP", 10)
    assert api.get("/consultations?q=合同").json["total"] == 5
    assert api.get("/consultations?q=被抢").json["total"] == 1
    assert api.get("/consultations?q=%20").json["total"] == 6  # nothing to search: all


def test_the_list_is_read_outside_the_write_lock_and_recorded(app, make, api_as, backend):
    """On SQLite every transaction of a request's session holds the write lock: the
    list reads through a session that takes none, so other requests' writes and
    audited reads do not queue behind its reads. Its audit entry is still written."""
    case = make.case(summary="出口到哈萨克斯坦")
    api = api_as("coordinator")
    with sql_sent(app) as sent:
        assert api.get("/consultations?q=哈萨克斯坦").json["total"] == 1
        assert api.get("/consultations?status=new&per_page=5").json["total"] == 1
    reads = [
        (one.statement, bool(one.options.get(READ_WITHOUT_LOCK)))
        for one in sent
        if "FROM consultations" in one.statement or "FROM case_search" in one.statement
    ]
    assert reads and all(unlocked for _, unlocked in reads), reads
    with app.app_context():
        shown = db.session.scalars(
            sa.select(AuditEntry.detail).where(AuditEntry.action == "consultation.list")
        ).all()
    assert [json.loads(d)["shown"] for d in shown] == [[case.reference]] * 2


def test_postgresql_takes_the_planners_word_for_a_list_well_past_the_cap(
    app, make, api_as, backend, monkeypatch
):
    """A list PostgreSQL's statistics say is far past the cap is "more than the cap"
    without counting it; SQLite, which has no such statistics, counts to the cap.
    A list the planner expects to be short is counted exactly on both."""
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    monkeypatch.setattr(paging, "ESTIMATE_TRUSTED", 8)
    for n in range(10):
        make.case(summary=f"第{n}件", channel="phone" if n else "online")
    if backend == "postgresql":
        make.run(
            lambda: (db.session.execute(sa.text("ANALYZE consultations")), db.session.commit())
        )
    api = api_as("coordinator")
    with sql_sent(app) as sent:
        many = api.get("/consultations?status=new&per_page=2").json
        one = api.get("/consultations?channel=online&per_page=2").json
    counts = [s.statement for s in sent if "count(" in s.statement]
    assert (many["total"], many["total_exact"]) == (4, False)
    assert (one["total"], one["total_exact"]) == (1, True)
    assert len(counts) == (1 if backend == "postgresql" else 2), counts


def test_a_phrase_whose_every_bigram_is_past_the_cap_is_past_it_and_its_pages_end(
    app, make, api_as, backend, monkeypatch
):
    """PostgreSQL's planner multiplies the shares of a search's bigrams as if they
    were independent; a typed word's bigrams go together, so the search is taken to
    be past the cap when each bigram alone is. Should the words not go together
    after all, the count says "more than the cap" but the pages still end where
    the cases do."""
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    monkeypatch.setattr(paging, "ESTIMATE_TRUSTED", 6)
    for n in range(16):
        make.case(summary=f"货款 第{n}件" if n % 2 else f"纠纷 第{n}件")
    both = [make.case(summary="货款纠纷").reference]
    if backend == "postgresql":
        make.run(lambda: (db.session.execute(sa.text("ANALYZE case_search")), db.session.commit()))
    api = api_as("coordinator")
    first = api.get("/consultations?q=货款%20纠纷&per_page=2").json
    expected = (4, False) if backend == "postgresql" else (1, True)
    assert (first["total"], first["total_exact"]) == expected
    assert [item["reference"] for item in first["items"]] == both
    assert first["next_cursor"] is None and first["last_cursor"] is None


def test_a_search_past_the_cap_pages_newest_first(make, api_as, monkeypatch):
    """Past the cap PostgreSQL walks a search's page in order (``search.walk_in_order``)
    rather than sorting every match: the pages are the same, newest first."""
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    made = [make.case(summary=f"商标被抢注 第{n}件").reference for n in range(6)]
    make.case(summary="货款纠纷")
    refs, counts = _walk(api_as("coordinator"), "q=商标被抢")
    assert refs == made[::-1] and counts[0] == (4, False)


def test_the_walk_reads_the_index_newest_first_not_every_case(make, api_as, backend, app):
    """The page of a search past the cap, as PostgreSQL plans it in the walk: no scan
    of every case's tokens (neither sequential nor a bitmap of all matches), which
    took 0.5 s a page at a million cases when only the bitmap was off."""
    if backend != "postgresql":
        pytest.skip("SQLite walks its FTS5 table in order anyway")
    for n in range(4):
        make.case(summary=f"海外仓纠纷 第{n}件")
    api = api_as("coordinator")
    with sql_sent(app) as sent:
        assert api.get("/consultations?q=海外仓纠&per_page=2").status_code == 200
    page = next(s for s in sent if "ORDER BY consultations.id DESC" in s.statement)
    with app.app_context():
        search.walk_in_order(db.session)
        cursor = db.session.connection().connection.dbapi_connection.cursor()
        cursor.execute("EXPLAIN " + page.statement, page.parameters)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        db.session.rollback()
    assert "Seq Scan" not in plan and "Bitmap" not in plan, plan
    assert "Backward" in plan, plan
