"""Issue 12 item 8 on the API: POST /api/v1/consultations is never refused as a
duplicate (the contract says 201); the answer lists the likely duplicates the caller
may read. An enterprise never learns another enterprise's case from it."""

from datetime import timedelta

from legaldesk.clock import utcnow
from legaldesk.demo import demo_uscc
from tests.conftest import dummy_intake

OTHER = {"name": "杭州拱墅丝绸进出口有限公司", "uscc": demo_uscc("91330105MA2H00021")}
ALIKE = "擬向某國出口前的法律風險諮詢"  # dummy_intake's summary in traditional characters


def test_a_second_alike_intake_is_created_and_names_the_first(api_as):
    api = api_as("intake")
    first = api.post("/consultations", json=dummy_intake())
    assert first.status_code == 201 and first.json["possible_duplicates"] == []
    second = api.post("/consultations", json=dummy_intake(summary=ALIKE))
    assert second.status_code == 201
    [earlier] = second.json["possible_duplicates"]
    assert earlier["reference"] == first.json["reference"]
    assert earlier["status"] == "new"
    assert earlier["created_at"] == first.json["created_at"]  # ISO 8601 with offset
    assert set(earlier) == {"reference", "created_at", "status"}  # no content


def test_another_matter_lists_nothing(api_as):
    api = api_as("intake")
    api.post("/consultations", json=dummy_intake())
    other = api.post("/consultations", json=dummy_intake(summary="海外仓租金纠纷"))
    assert other.status_code == 201 and other.json["possible_duplicates"] == []


def test_a_closed_case_counts_only_inside_the_window(app, api_as, make):
    make.case(now=utcnow() - timedelta(days=20), enterprise=OTHER)  # open: it counts
    api = api_as("intake")
    answer = api.post("/consultations", json=dummy_intake(enterprise=OTHER))
    assert len(answer.json["possible_duplicates"]) == 1
    app.config["DUPLICATE_WINDOW_DAYS"] = 0
    again = api.post("/consultations", json=dummy_intake(enterprise=OTHER, summary=ALIKE))
    assert len(again.json["possible_duplicates"]) == 2  # both still open


def test_an_enterprise_sees_only_its_own_cases(api_as, make):
    theirs = make.case(enterprise=OTHER)  # the same summary, another enterprise
    mine = make.case()
    account = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    api = api_as(account)
    # even naming the other enterprise, the intake is the account's own
    answer = api.post("/consultations", json=dummy_intake(enterprise=OTHER, summary=ALIKE))
    assert answer.status_code == 201
    listed = [d["reference"] for d in answer.json["possible_duplicates"]]
    assert listed == [mine.reference]
    assert theirs.reference not in answer.get_data(as_text=True)


def test_other_enterprises_cases_never_show(api_as, make):
    make.case()  # 杭州远航's case
    make.case(enterprise=OTHER, summary="别家的事由")  # the account's enterprise exists
    account = make.user("enterprise", enterprise_uscc=OTHER["uscc"])
    answer = api_as(account).post("/consultations", json=dummy_intake())
    assert answer.status_code == 201 and answer.json["possible_duplicates"] == []
